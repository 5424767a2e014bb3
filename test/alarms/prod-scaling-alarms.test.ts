/** The committed prod stack scales between desiredCount and maxCount and is watched by alarms. */
import { beforeAll, describe, expect, it } from "vitest";

import {
  SCALE_IN_COOLDOWN_SECONDS,
  SCALE_OUT_COOLDOWN_SECONDS,
  TARGET_CPU_PERCENT,
  TARGET_REQUESTS_PER_WORKER_PER_MINUTE,
} from "../../components/proxy-autoscaling";
import {
  DATABASE_CPU_PERCENT,
  FREE_STORAGE_FRACTION,
  MEMORY_UTILIZATION_PERCENT,
  RESPONSE_TIME_P95_SECONDS,
  TARGET_5XX_RATE_PERCENT,
} from "../../config/alarms/gateway-alarm-specs";
import { ofType, oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { alarmsByKey, EXPECTED_DIMENSIONS, expectAlarmsAsDeclared } from "./alarm-checks";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

function policy(suffix: string) {
  const found = ofType(run, "aws:appautoscaling/policy:Policy").filter((entry) => entry.name === `litellm-scaling-${suffix}`);
  expect(found).toHaveLength(1);
  return found[0].inputs;
}

describe("prod stack: autoscaling", () => {
  it("scales the ECS service between desiredCount (3) and maxCount (6)", () => {
    const target = oneOf(run, "aws:appautoscaling/target:Target").inputs;
    expect(target).toEqual({
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: "service/litellm-proxy-cluster/litellm-proxy-service",
      minCapacity: 3,
      maxCapacity: 6,
    });
    expect(oneOf(run, "aws:ecs/service:Service").inputs.desiredCount).toBe(3);
  });

  it("lets autoscaling own the running count: pulumi up does not reset desiredCount", () => {
    expect(oneOf(run, "aws:ecs/service:Service").ignoreChanges).toEqual(["desiredCount"]);
  });

  it("tracks average CPU and requests per target, scaling in more slowly than out", () => {
    expect(ofType(run, "aws:appautoscaling/policy:Policy")).toHaveLength(2);
    const cpu = policy("cpu");
    expect(cpu.policyType).toBe("TargetTrackingScaling");
    expect(cpu.resourceId).toBe("service/litellm-proxy-cluster/litellm-proxy-service");
    expect(cpu.targetTrackingScalingPolicyConfiguration).toEqual({
      predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
      targetValue: TARGET_CPU_PERCENT,
      scaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS,
      scaleInCooldown: SCALE_IN_COOLDOWN_SECONDS,
    });
    const requests = policy("requests");
    expect(requests.targetTrackingScalingPolicyConfiguration).toEqual({
      predefinedMetricSpecification: {
        predefinedMetricType: "ALBRequestCountPerTarget",
        // <load balancer ARN suffix>/<target group ARN suffix>, exactly as AWS requires.
        resourceLabel: `${EXPECTED_DIMENSIONS.targetGroup.LoadBalancer}/${EXPECTED_DIMENSIONS.targetGroup.TargetGroup}`,
      },
      // cpu 1024 = one worker per task
      targetValue: TARGET_REQUESTS_PER_WORKER_PER_MINUTE,
      scaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS,
      scaleInCooldown: SCALE_IN_COOLDOWN_SECONDS,
    });
    expect(SCALE_IN_COOLDOWN_SECONDS).toBeGreaterThan(SCALE_OUT_COOLDOWN_SECONDS);
  });
});

describe("prod stack: alarms", () => {
  it("creates every declared alarm, wired to the encrypted topic on ALARM and OK, reading this stack's metrics", () => {
    expectAlarmsAsDeclared(run, { cpu: 256, desiredCount: 3, maxCount: 6, dbInstanceClass: "db.t4g.small", dbAllocatedStorageGib: 50 });
  });

  it("uses the declared thresholds, the connection alarm at db.t4g.small's usable budget", () => {
    const alarms = alarmsByKey(run);
    const threshold = (key: string) => alarms.get(key)?.inputs.threshold as number;
    expect(threshold("target-5xx-rate")).toBe(TARGET_5XX_RATE_PERCENT);
    expect(threshold("unhealthy-hosts")).toBe(0);
    expect(threshold("no-healthy-hosts")).toBe(1);
    expect(threshold("response-time-p95")).toBe(RESPONSE_TIME_P95_SECONDS);
    expect(alarms.get("response-time-p95")?.inputs.extendedStatistic).toBe("p95");
    // Below prod's desiredCount (3), autoscaling's floor.
    expect(threshold("running-tasks")).toBe(3);
    expect(threshold("memory-high")).toBe(MEMORY_UTILIZATION_PERCENT);
    expect(threshold("database-cpu")).toBe(DATABASE_CPU_PERCENT);
    // 5% of 50 GiB
    expect(threshold("database-free-storage")).toBe(Math.round(50 * 1_073_741_824 * FREE_STORAGE_FRACTION));
    // 2 GiB -> 225 max_connections, 80% usable
    expect(threshold("database-connections")).toBe(180);
  });

  it("counts running tasks by the target group's healthy targets (a free metric), not Container Insights", () => {
    const inputs = alarmsByKey(run).get("running-tasks")?.inputs;
    expect(inputs).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "HealthyHostCount",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      dimensions: { LoadBalancer: expect.any(String), TargetGroup: expect.any(String) },
    });
    expect(inputs?.metricQueries).toBeUndefined();
  });

  it("has a topic without subscriber when no alarmEmail is committed", () => {
    expect(run.resources.filter((resource) => resource.type === "aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
    expect(run.outputs.alarmTopicArn).toBe("arn:aws:sns:us-east-1:123456789012:litellm-alarms-topic");
  });
});
