/** The committed dev stack: alarms on (so they are exercised before prod), no autoscaling. */
import { beforeAll, describe, expect, it } from "vitest";

import { oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { expectAlarmsAsDeclared, alarmsByKey } from "./alarm-checks";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev");
});

describe("dev stack: alarms without autoscaling", () => {
  it("creates no scaling target or policy and leaves desiredCount under Pulumi's control", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    expect(types.has("aws:appautoscaling/target:Target")).toBe(false);
    expect(types.has("aws:appautoscaling/policy:Policy")).toBe(false);
    expect(types.has("litellm-gateway:index:ProxyAutoscaling")).toBe(false);
    expect(oneOf(run, "aws:ecs/service:Service").ignoreChanges).toEqual([]);
  });

  it("creates every declared alarm wired to the topic, sized for db.t4g.micro", () => {
    expectAlarmsAsDeclared(run, { cpu: 256, desiredCount: 1, maxCount: 1, dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20 });
    // 1 GiB -> 112 max_connections, 80% usable
    expect(alarmsByKey(run).get("database-connections")?.inputs.threshold).toBe(89);
  });

  it("names the alarm topic's key alias/litellm-alarms-dev (aliases are unique per account and region)", () => {
    expect(oneOf(run, "aws:kms/alias:Alias").inputs.name).toBe("alias/litellm-alarms-dev");
  });
});
