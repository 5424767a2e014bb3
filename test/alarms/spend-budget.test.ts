/**
 * The spend alarm: prod's AWS Budgets budget on the account's monthly cost notifies the alarm topic,
 * whose access policy keeps SNS's default statement and lets only this account's budgets publish;
 * dev (no monthlySpendAlarmUsd) has none; a bad value or name stops the program first.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { alarmTopicPolicy, budgetArnPattern, spendBudgetName } from "../../config/alarms/spend-budget";
import { BUDGET_NAME } from "../../config/aws-rules/aws-field-rules";
import { constraintProblems } from "../../config/aws-rules/field-constraint";
import { costEstimateExclusions } from "../../config/cost/bill-of-materials";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "../settings/settings-fixtures";
import { ACCOUNT_ID, oneOf } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { runStacksInChildren } from "../stack/stack-runs-in-children";
import { expectTopicKey } from "./alarm-checks";

let prod: StackRun;
let dev: StackRun;
let devWithBudget: StackRun;

beforeAll(async () => {
  [prod, dev, devWithBudget] = await runStacksInChildren([
    { stack: "prod" },
    { stack: "dev" },
    { stack: "dev", extraConfig: { monthlySpendAlarmUsd: "250" } },
  ]);
});

describe("prod's spend budget", () => {
  it("is a monthly USD cost budget of 1000 named for the stack, alerting the alarm topic at 80% actual and 100% forecast", () => {
    const budget = oneOf(prod, "aws:budgets/budget:Budget");
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:${oneOf(prod, "aws:sns/topic:Topic").name}`;
    expect(budget.parent).toBe(oneOf(prod, "litellm-gateway:index:GatewayAlarms").urn);
    expect(budget.inputs).toMatchObject({ name: "litellm-alarms-prod-monthly-spend", budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "1000", limitUnit: "USD" });
    expect(budget.inputs.costFilters).toBeUndefined();
    expect(budget.inputs.notifications).toEqual([
      { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: 80, thresholdType: "PERCENTAGE", subscriberSnsTopicArns: [topicArn] },
      { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", subscriberSnsTopicArns: [topicArn] },
    ]);
  });

  it("gives the topic SNS's default owner statement plus AWS Budgets of this account, and waits for that policy", () => {
    const topic = oneOf(prod, "aws:sns/topic:Topic");
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:${topic.name}`;
    const policy = oneOf(prod, "aws:sns/topicPolicy:TopicPolicy");
    expect(policy.inputs.arn).toBe(topicArn);
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2008-10-17",
      Statement: [
        {
          Sid: "OwnerAccountAsInTheDefaultPolicy",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: [
            "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
            "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
          ],
          Resource: topicArn,
          Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT_ID } },
        },
        {
          Sid: "BudgetsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "budgets.amazonaws.com" },
          Action: "SNS:Publish",
          Resource: topicArn,
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT_ID }, ArnLike: { "aws:SourceArn": `arn:aws:budgets::${ACCOUNT_ID}:*` } },
        },
      ],
    });
    expect(oneOf(prod, "aws:budgets/budget:Budget").dependsOn).toContain(policy.urn);
  });

  it("lets AWS Budgets use the topic's key, scoped to this account's budgets", () => {
    expectTopicKey(prod, "us-east-1");
    const statements = JSON.parse(oneOf(prod, "aws:kms/key:Key").inputs.policy as string).Statement as { Sid: string }[];
    expect(statements.map((statement) => statement.Sid)).toContain("BudgetsOfThisAccountPublish");
  });

  it("notes in the estimate that the budget is free and blind to OpenAI and Anthropic, only where there is one", () => {
    const note = costEstimateExclusions(parseStackSettings({ ...VALID_SETTINGS, monthlySpendAlarmUsd: 1000 })).join(" ");
    expect(note).toContain("Spend budget (monthlySpendAlarmUsd $1000): $0");
    expect(note).toContain("OpenAI and Anthropic usage is not in it");
    expect(costEstimateExclusions(parseStackSettings(VALID_SETTINGS)).join(" ")).not.toContain("Spend budget");
  });
});

describe("without monthlySpendAlarmUsd", () => {
  it("creates no budget and no topic policy on dev, and its key allows CloudWatch only", () => {
    for (const type of ["aws:budgets/budget:Budget", "aws:sns/topicPolicy:TopicPolicy"]) {
      expect(dev.resources.some((resource) => resource.type === type), type).toBe(false);
    }
    const statements = JSON.parse(oneOf(dev, "aws:kms/key:Key").inputs.policy as string).Statement as { Sid: string }[];
    expect(statements.map((statement) => statement.Sid)).toEqual(["AccountAdministersTheKeyThroughIam", "CloudWatchAlarmsOfThisAccountPublish"]);
  });

  it("creates one when the setting is given on dev", () => {
    expect(oneOf(devWithBudget, "aws:budgets/budget:Budget").inputs).toMatchObject({ name: "litellm-alarms-dev-monthly-spend", limitAmount: "250" });
  });
});

describe("the setting and the name", () => {
  it("refuses a budget without alarms, or out of range, naming the fix", () => {
    const [withoutAlarms] = expectedProblems({ ...VALID_SETTINGS, alarms: false, monthlySpendAlarmUsd: 500 });
    expect(withoutAlarms).toContain("litellm-gateway:monthlySpendAlarmUsd: found 500, but alarms is false");
    expect(withoutAlarms).toContain("pulumi config rm monthlySpendAlarmUsd");
    for (const value of [0, 12.5, 2_000_000]) {
      const [problem] = expectedProblems({ ...VALID_SETTINGS, monthlySpendAlarmUsd: value });
      expect(problem).toContain(`litellm-gateway:monthlySpendAlarmUsd: found ${value}`);
      expect(problem).toContain("pulumi config set monthlySpendAlarmUsd 1000");
    }
    expect(parseStackSettings({ ...VALID_SETTINGS, monthlySpendAlarmUsd: 750 }).monthlySpendAlarmUsd).toBe(750);
    expect(parseStackSettings(VALID_SETTINGS).monthlySpendAlarmUsd).toBeUndefined();
  });

  it("names budgets within CreateBudget's rule, and refuses a component name that breaks it", () => {
    expect(spendBudgetName("litellm-alarms", "team.prod")).toBe("litellm-alarms-team-prod-9496a5-monthly-spend");
    expect(constraintProblems("a:b", BUDGET_NAME)).toEqual(['contains ":"; AWS allows only any character but ":" and "\\"']);
    expect(constraintProblems("x/action/y", BUDGET_NAME)).toEqual(['must not contain "/action/"']);
    expect(() => spendBudgetName("litellm:alarms", "prod")).toThrow("breaks AWS's rule for CreateBudget BudgetName");
    expect(() => spendBudgetName("a".repeat(90), "prod")).toThrow("AWS allows 1 to 100");
  });

  it("builds the budgets ARN pattern per partition", () => {
    expect(budgetArnPattern({ accountId: "123456789012", partition: "aws-cn" })).toBe("arn:aws-cn:budgets::123456789012:*");
    const policy = alarmTopicPolicy({ accountId: "123456789012", partition: "aws-us-gov", region: "us-gov-west-1" }, "arn:topic");
    expect(JSON.stringify(policy)).toContain("arn:aws-us-gov:budgets::123456789012:*");
  });
});
