/** alarms: false removes the alarms, the topic, its KMS key and their cost. */
import { beforeAll, describe, expect, it } from "vitest";

import { runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev", { alarms: "false" });
});

describe("alarms: false", () => {
  it("creates no alarm, no topic, no KMS key or alias and no alarms component", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    for (const type of [
      "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic", "aws:kms/key:Key", "aws:kms/alias:Alias", "litellm-gateway:index:GatewayAlarms",
    ]) {
      expect(types.has(type), type).toBe(false);
    }
    expect(run.outputs.alarmTopicArn).toBeUndefined();
  });

  it("drops the alarms and KMS key lines from the exported estimate", () => {
    const lines = run.outputs.costEstimate as { item: string }[];
    expect(lines.map((line) => line.item)).not.toContain("CloudWatch alarms");
    expect(lines.map((line) => line.item)).not.toContain("KMS key (alarm topic)");
  });
});
