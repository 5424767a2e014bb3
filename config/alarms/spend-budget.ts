/**
 * The spend alarm: an AWS Budgets cost budget on the account's monthly AWS bill that notifies the
 * alarm topic, as plain values (its name, its notifications, and the topic policy statement AWS
 * Budgets needs). components/gateway-alarms.ts creates it with `monthlySpendAlarmUsd` set.
 *
 * Why AWS Budgets and not LiteLLM's global budget (litellm_settings.max_budget): LiteLLM's counts
 * only what passes through it and needs the database to count; it stops traffic rather than
 * telling anyone. A budget sees the AWS bill itself, Bedrock included, whether or not the spend
 * went through LiteLLM (a leaked task role would not), and reaches the on-call through the topic.
 * OpenAI and Anthropic bill outside AWS: no AWS budget sees them; their own usage limits must.
 * Per-key spend is bounded by generatedKeyLimits (config/settings/generated-key-limits.ts).
 *
 * Whole account, not this stack: a cost filter on tags needs the tags activated as cost allocation
 * tags in the billing console first, which the stack cannot do; and a filter on the "Amazon
 * Bedrock" service misses third-party models on Bedrock, which AWS Marketplace bills under their
 * own service names.
 */
import { BUDGET_NAME } from "../aws-rules/aws-field-rules";
import { constraintProblems } from "../aws-rules/field-constraint";
import { stackNameSegment } from "../settings/stack-name-segment";
import type { KeyPolicyScope } from "./alarm-topic-key";

/** The principal AWS Budgets publishes notifications as (AWS Cost Management User Guide, below). */
export const BUDGETS_SERVICE_PRINCIPAL = "budgets.amazonaws.com";

/** The two notifications: early warning on actual spend, and a forecast of crossing the limit. */
export interface BudgetNotificationSpec {
  readonly notificationType: "ACTUAL" | "FORECASTED";
  readonly comparisonOperator: "GREATER_THAN";
  /** Percent of the limit. */
  readonly threshold: number;
  readonly thresholdType: "PERCENTAGE";
}

/** 80% of the month's limit already spent: time to look before it is reached. */
export const ACTUAL_SPEND_ALERT_PERCENT = 80;
/** AWS forecasts the month above the limit: the trend, days before the money is spent. */
export const FORECAST_SPEND_ALERT_PERCENT = 100;

export const SPEND_BUDGET_NOTIFICATIONS: readonly BudgetNotificationSpec[] = [
  { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: ACTUAL_SPEND_ALERT_PERCENT, thresholdType: "PERCENTAGE" },
  { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: FORECAST_SPEND_ALERT_PERCENT, thresholdType: "PERCENTAGE" },
];

/**
 * `<component name>-<stack segment>`, e.g. `litellm-alarms-prod`: budget names are unique per
 * account (CreateBudget: "The name must be unique within an account"), and dev and prod may share
 * one. AWS's rule is the BUDGET_NAME row of config/aws-rules/aws-field-rules.ts.
 * @throws when the name breaks it, before any resource is declared
 */
export function spendBudgetName(componentName: string, stack: string): string {
  const name = `${componentName}-${stackNameSegment(stack)}-monthly-spend`;
  const problems = constraintProblems(name, BUDGET_NAME);
  if (problems.length > 0) {
    throw new Error(
      `Budget name "${name}" (from component "${componentName}" and stack "${stack}") breaks AWS's rule for CreateBudget BudgetName: it ${problems.join("; it ")}. ` +
        `Name the component without ":" or "\\", shorter, e.g. "litellm-alarms".`,
    );
  }
  return name;
}

export interface TopicPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly AWS: string } | { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource: string;
  readonly Condition: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface TopicPolicyDocument {
  readonly Version: "2008-10-17";
  readonly Statement: readonly TopicPolicyStatement[];
}

/**
 * The actions of SNS's default topic policy (SNS Developer Guide, "Example cases for Amazon SNS
 * access control": the policy a new topic gets, granting the owner account these actions).
 */
export const DEFAULT_TOPIC_OWNER_ACTIONS: readonly string[] = [
  "SNS:GetTopicAttributes",
  "SNS:SetTopicAttributes",
  "SNS:AddPermission",
  "SNS:RemovePermission",
  "SNS:DeleteTopic",
  "SNS:Subscribe",
  "SNS:ListSubscriptionsByTopic",
  "SNS:Publish",
];

/**
 * The alarm topic's access policy when a budget notifies it. Setting a policy replaces the default
 * one, so its statement is kept as it was (the owner account's principals, CloudWatch alarms among
 * them, keep publishing: `AWS:SourceOwner` is the account), and AWS Budgets is added exactly as the
 * AWS Cost Management User Guide, "Creating an Amazon SNS topic for budget notifications", gives it:
 * `budgets.amazonaws.com` may `SNS:Publish`, on behalf of this account's budgets only
 * (`aws:SourceAccount`, and `aws:SourceArn` like `arn:<partition>:budgets::<account>:*`).
 */
export function alarmTopicPolicy(scope: KeyPolicyScope, topicArn: string): TopicPolicyDocument {
  return {
    Version: "2008-10-17",
    Statement: [
      {
        Sid: "OwnerAccountAsInTheDefaultPolicy",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: DEFAULT_TOPIC_OWNER_ACTIONS,
        Resource: topicArn,
        Condition: { StringEquals: { "AWS:SourceOwner": scope.accountId } },
      },
      {
        Sid: "BudgetsOfThisAccountPublish",
        Effect: "Allow",
        Principal: { Service: BUDGETS_SERVICE_PRINCIPAL },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: {
          StringEquals: { "aws:SourceAccount": scope.accountId },
          ArnLike: { "aws:SourceArn": budgetArnPattern(scope) },
        },
      },
    ],
  };
}

/** `arn:<partition>:budgets::<account>:*`: budgets are global, so the ARN has no region. */
export function budgetArnPattern(scope: Pick<KeyPolicyScope, "accountId" | "partition">): string {
  return `arn:${scope.partition}:budgets::${scope.accountId}:*`;
}
