/** The maxCount, alarms and alarmEmail settings without Pulumi: defaults, and each mistake named with its fix. */
import { describe, expect, it } from "vitest";

import { gatewayAlarmSpecs } from "../../config/alarms/gateway-alarm-specs";
import { alarmCount } from "../../config/cost/bill-of-materials";
import { parseStackSettings, StackSettingsError } from "../../config/settings/stack-settings";
import { VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;
/** More than one LiteLLM process needs Redis (another rule of the settings); kept out of the way here. */
const SCALABLE = { ...VALID, desiredCount: 2, redisNodeType: "cache.t4g.small" };

function problemsAbout(key: string, raw: Record<string, unknown>): string[] {
  try {
    parseStackSettings(raw);
    return [];
  } catch (error) {
    if (!(error instanceof StackSettingsError)) throw error;
    return error.problems.filter((problem) => problem.startsWith(`litellm-gateway:${key}:`));
  }
}

describe("maxCount", () => {
  it("defaults to desiredCount, so a stack that does not set it never autoscales", () => {
    expect(parseStackSettings(VALID).service.maxCount).toBe(1);
    expect(parseStackSettings({ ...SCALABLE, maxCount: 4 }).service).toMatchObject({ desiredCount: 2, maxCount: 4 });
  });

  it("refuses a maxCount below desiredCount, saying it must be at least desiredCount", () => {
    expect(problemsAbout("maxCount", { ...SCALABLE, desiredCount: 4, maxCount: 3 })).toEqual([
      expect.stringMatching(/^litellm-gateway:maxCount: found 3, below desiredCount \(4\).*must be at least desiredCount.*Example: pulumi config set maxCount 6$/),
    ]);
  });

  it("refuses a maxCount that is not a whole number of tasks", () => {
    expect(problemsAbout("maxCount", { ...SCALABLE, maxCount: 2.5 })).toEqual([expect.stringContaining("found 2.5")]);
    expect(problemsAbout("maxCount", { ...SCALABLE, maxCount: 0 })).toHaveLength(1);
  });
});

describe("alarms and alarmEmail", () => {
  it("turns alarms on by default, with no subscriber", () => {
    expect(parseStackSettings(VALID).alarms).toEqual({ enabled: true });
    expect(parseStackSettings({ ...VALID, alarmEmail: "oncall@example.com" }).alarms).toEqual({ enabled: true, email: "oncall@example.com" });
  });

  it("refuses an alarmEmail that is not an e-mail address, with an example", () => {
    expect(problemsAbout("alarmEmail", { ...VALID, alarmEmail: "oncall-at-example.com" })).toEqual([
      expect.stringMatching(/^litellm-gateway:alarmEmail: found "oncall-at-example\.com"\. Allowed: one e-mail address.*Example: pulumi config set alarmEmail oncall@example\.com$/),
    ]);
  });

  it("refuses an alarmEmail with alarms off: nothing would ever be sent to it", () => {
    expect(problemsAbout("alarmEmail", { ...VALID, alarms: false, alarmEmail: "oncall@example.com" })).toEqual([
      expect.stringContaining("but alarms is false, so no topic exists to subscribe it to (remove it with: pulumi config rm alarmEmail"),
    ]);
  });

  it("refuses a non-boolean alarms value", () => {
    expect(problemsAbout("alarms", { ...VALID, alarms: "yes" })).toEqual([expect.stringContaining('found "yes"')]);
  });
});

describe("the alarms a stack gets and pays for", () => {
  it("counts nine alarms for a known database class, none with alarms off", () => {
    expect(alarmCount(parseStackSettings(VALID))).toBe(9);
    expect(alarmCount(parseStackSettings({ ...VALID, alarms: false }))).toBe(0);
  });

  it("leaves out the connection alarm for a class whose max_connections is unknown, rather than guess", () => {
    const inputs = { cpu: 1024, desiredCount: 1, maxCount: 3, dbAllocatedStorageGib: 20 };
    const keys = (dbInstanceClass: string) => gatewayAlarmSpecs({ ...inputs, dbInstanceClass }).map((spec) => spec.key);
    expect(keys("db.t4g.medium")).toContain("database-connections");
    expect(keys("db.x2g.large")).not.toContain("database-connections");
    expect(keys("db.x2g.large")).toHaveLength(8);
  });

  it("explains every alarm and its missing-data choice, and never pages on a plain no-traffic silence", () => {
    for (const spec of gatewayAlarmSpecs({ cpu: 512, desiredCount: 1, maxCount: 1, dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20 })) {
      expect(spec.description.length, spec.key).toBeGreaterThan(40);
      expect(spec.missingDataReason.length, spec.key).toBeGreaterThan(20);
      expect(spec.datapointsToAlarm, spec.key).toBeLessThanOrEqual(spec.evaluationPeriods);
      const readsOnlyRequestMetrics = Object.values(spec.metrics).every((metric) => ["RequestCount", "HTTPCode_Target_5XX_Count", "TargetResponseTime"].includes(metric.metricName));
      if (readsOnlyRequestMetrics) {
        expect(spec.treatMissingData, spec.key).toBe("notBreaching");
      }
    }
  });
});

describe("containerInsights", () => {
  it("is off unless set true, and refuses anything but a boolean", () => {
    expect(parseStackSettings(VALID).service.containerInsights).toBe(false);
    expect(parseStackSettings({ ...VALID, containerInsights: true }).service.containerInsights).toBe(true);
    expect(problemsAbout("containerInsights", { ...VALID, containerInsights: "on" })).toEqual([expect.stringContaining('found "on"')]);
  });

  it("is read by no alarm: every alarm uses a standard metric, none the ECS/ContainerInsights namespace", () => {
    const specs = gatewayAlarmSpecs({ cpu: 256, desiredCount: 3, maxCount: 6, dbInstanceClass: "db.t4g.small", dbAllocatedStorageGib: 50 });
    const namespaces = new Set(specs.flatMap((spec) => Object.values(spec.metrics).map((metric) => metric.namespace)));
    expect([...namespaces].sort()).toEqual(["AWS/ApplicationELB", "AWS/ECS", "AWS/RDS"]);
    const runningTasks = specs.find((spec) => spec.key === "running-tasks");
    expect(runningTasks).toMatchObject({ comparison: "LessThanThreshold", threshold: 3, metrics: { healthy: { metricName: "HealthyHostCount", stat: "Minimum", source: "targetGroup" } } });
  });
});

describe("loadBalancerScheme", () => {
  it("is internet-facing unless set internal, and refuses any other word", () => {
    expect(parseStackSettings(VALID).ingress.scheme).toBe("internet-facing");
    expect(parseStackSettings({ ...VALID, loadBalancerScheme: "internal" }).ingress.scheme).toBe("internal");
    expect(problemsAbout("loadBalancerScheme", { ...VALID, loadBalancerScheme: "private" })).toEqual([expect.stringContaining('found "private"')]);
  });
});
