/** alarmEmail subscribes that address to the alarm topic. */
import { beforeAll, describe, expect, it } from "vitest";

import { oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev", { alarmEmail: "oncall@example.com" });
});

describe("alarmEmail", () => {
  it("subscribes the address to the alarm topic by e-mail", () => {
    const topic = oneOf(run, "aws:sns/topic:Topic");
    expect(oneOf(run, "aws:sns/topicSubscription:TopicSubscription").inputs).toEqual({
      topic: `arn:aws:sns:us-east-1:123456789012:${topic.name}`,
      protocol: "email",
      endpoint: "oncall@example.com",
    });
  });
});
