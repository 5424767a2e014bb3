import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { alarmTopicKeyAlias, alarmTopicKeyPolicy } from "../config/alarms/alarm-topic-key";
import type { KeyPolicyScope } from "../config/alarms/alarm-topic-key";
import { gatewayAlarmSpecs } from "../config/alarms/gateway-alarm-specs";
import type { AlarmInputs, AlarmSpec, MetricReference, MetricSource } from "../config/alarms/gateway-alarm-specs";
import { alarmTopicPolicy, SPEND_BUDGET_NOTIFICATIONS, spendBudgetName } from "../config/alarms/spend-budget";
import { isEmailAddress } from "../config/settings/alarm-email";
import { MAX_SPEND_ALARM_USD } from "../config/settings/stack-settings";

export interface GatewayAlarmsArgs extends AlarmInputs {
  /** `app/<name>/<id>` of the load balancer (LoadBalancer.loadBalancerArnSuffix). */
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  /** `targetgroup/<name>/<id>` of the tasks' target group. */
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
  readonly serviceName: pulumi.Input<string>;
  /** The RDS instance identifier (Database.identifier); absent with no dbInstanceClass (a database the stack does not create). */
  readonly databaseIdentifier?: pulumi.Input<string>;
  /**
   * Subscribed to the topic by e-mail; AWS sends a confirmation link that must be clicked before
   * any alarm arrives. Without one the topic has no subscriber: add your own (chat, pager) to
   * the `alarmTopicArn` output. A plain value: it decides whether the subscription exists.
   * @example "oncall@example.com"
   */
  readonly email?: string;
  /**
   * With a value, an AWS Budgets cost budget on the account's monthly AWS bill (USD) notifies the
   * topic at 80% actual and 100% forecast spend (config/alarms/spend-budget.ts), and the topic's
   * policy and key let AWS Budgets publish. Without one there is no budget. A plain value.
   * @example 1000
   */
  readonly monthlySpendAlarmUsd?: number;
}

/**
 * Days a deleted topic key waits before KMS destroys it (KMS ScheduleKeyDeletion,
 * PendingWindowInDays: 7 to 30). The longest: a key pending deletion is free, and a key deleted by
 * mistake (a replaced component, a wrong `pulumi destroy`) can be restored with
 * `aws kms cancel-key-deletion` for a month.
 */
export const TOPIC_KEY_DELETION_WINDOW_DAYS = 30;

const PERCENTILE_PATTERN = /^p\d+(\.\d+)?$/;

/**
 * The gateway's CloudWatch alarms (config/alarms/gateway-alarm-specs.ts) and the SNS topic they notify
 * on ALARM and again on OK, so whoever was paged also learns that it recovered. The topic is
 * encrypted with its own customer managed KMS key that CloudWatch may use: with the AWS-managed
 * `alias/aws/sns` no notification would ever be delivered (why, and why not unencrypted:
 * config/alarms/alarm-topic-key.ts).
 */
export class GatewayAlarms extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;
  /** The customer managed KMS key that encrypts the topic. */
  public readonly topicKeyArn: pulumi.Output<string>;
  /** Alarm names by spec key, e.g. `target-5xx-rate`. */
  public readonly alarmNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GatewayAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:GatewayAlarms", name, {}, opts);
    if (args.email !== undefined && !isEmailAddress(args.email)) {
      throw new Error(`GatewayAlarms: email "${args.email}" is not an e-mail address. Pass one address, e.g. oncall@example.com, or leave it out for a topic without subscriber.`);
    }
    const spendUsd = args.monthlySpendAlarmUsd;
    if (spendUsd !== undefined && !(Number.isInteger(spendUsd) && spendUsd >= 1 && spendUsd <= MAX_SPEND_ALARM_USD)) {
      throw new Error(`GatewayAlarms: monthlySpendAlarmUsd ${spendUsd} is not a whole number of USD from 1 to ${MAX_SPEND_ALARM_USD}. Pass the monthly AWS cost to be alerted at, e.g. 1000, or leave it out for no budget.`);
    }
    if ((args.databaseIdentifier === undefined) !== (args.dbInstanceClass === undefined) || (args.dbInstanceClass === undefined) !== (args.dbAllocatedStorageGib === undefined)) {
      throw new Error("GatewayAlarms: databaseIdentifier, dbInstanceClass and dbAllocatedStorageGib go together; pass all three for the database alarms, or none for a database the stack does not create.");
    }
    // Checked before any resource exists: throws when a name breaks KMS's alias or Budgets' name rule.
    const keyAlias = alarmTopicKeyAlias(name, pulumi.getStack());
    const budgetName = spendUsd === undefined ? undefined : spendBudgetName(name, pulumi.getStack());

    const scope = this.policyScope();
    const topicKey = this.createTopicKey(name, keyAlias, scope, budgetName !== undefined);
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      // SNS CreateTopic, KmsMasterKeyId: "the ID of an AWS managed customer master key (CMK) for
      // Amazon SNS or a custom CMK": a key ID, key ARN, alias name or alias ARN. The ARN names this
      // stack's key unambiguously.
      { displayName: "LiteLLM gateway alarms", kmsMasterKeyId: topicKey.arn },
      { parent: this },
    );
    if (args.email !== undefined) {
      new aws.sns.TopicSubscription(`${name}-email`, { topic: topic.arn, protocol: "email", endpoint: args.email }, { parent: this });
    }
    if (spendUsd !== undefined && budgetName !== undefined) {
      this.createSpendBudget(name, budgetName, spendUsd, topic, scope);
    }

    const dimensions: Record<MetricSource, pulumi.Input<Record<string, pulumi.Input<string>>>> = {
      targetGroup: { LoadBalancer: args.loadBalancerArnSuffix, TargetGroup: args.targetGroupArnSuffix },
      service: { ClusterName: args.clusterName, ServiceName: args.serviceName },
      database: { DBInstanceIdentifier: args.databaseIdentifier ?? "" },
    };
    const alarms = gatewayAlarmSpecs(args).map((spec) => {
      const alarm = new aws.cloudwatch.MetricAlarm(
        `${name}-${spec.key}`,
        {
          alarmDescription: `${spec.description} Missing data: ${spec.treatMissingData}, because ${spec.missingDataReason}.`,
          comparisonOperator: spec.comparison,
          threshold: spec.threshold,
          evaluationPeriods: spec.evaluationPeriods,
          datapointsToAlarm: spec.datapointsToAlarm,
          treatMissingData: spec.treatMissingData,
          alarmActions: [topic.arn],
          okActions: [topic.arn],
          ...metricArgs(spec, dimensions),
        },
        { parent: this },
      );
      return { key: spec.key, alarmName: alarm.name };
    });

    this.topicArn = topic.arn;
    this.topicKeyArn = topicKey.arn;
    this.alarmNames = pulumi
      .all(alarms.map((alarm) => alarm.alarmName))
      .apply((names) => Object.fromEntries(alarms.map((alarm, index) => [alarm.key, names[index]])));
    this.registerOutputs({ topicArn: this.topicArn, topicKeyArn: this.topicKeyArn, alarmNames: this.alarmNames });
  }

  /** The account, partition and region the stack deploys to, for the policies. */
  private policyScope(): pulumi.Output<KeyPolicyScope> {
    return pulumi
      .all([
        aws.getCallerIdentityOutput({}, { parent: this }).accountId,
        aws.getPartitionOutput({}, { parent: this }).partition,
        aws.getRegionOutput({}, { parent: this }).region,
      ])
      .apply(([accountId, partition, region]) => ({ accountId, partition, region }));
  }

  /**
   * The spend alarm: the topic's access policy (the default one plus AWS Budgets) and a monthly
   * cost budget notifying the topic. The budget waits for the policy: a notification AWS Budgets
   * cannot deliver fails only in its history, like an alarm's.
   */
  private createSpendBudget(name: string, budgetName: string, usd: number, topic: aws.sns.Topic, scope: pulumi.Output<KeyPolicyScope>): void {
    const policy = new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      { arn: topic.arn, policy: pulumi.all([scope, topic.arn]).apply(([values, arn]) => JSON.stringify(alarmTopicPolicy(values, arn))) },
      { parent: this },
    );
    new aws.budgets.Budget(
      `${name}-spend`,
      {
        name: budgetName,
        budgetType: "COST",
        timeUnit: "MONTHLY",
        // CreateBudget BudgetLimit: a Spend of Amount (a decimal string) and Unit.
        limitAmount: String(usd),
        limitUnit: "USD",
        notifications: SPEND_BUDGET_NOTIFICATIONS.map((notification) => ({ ...notification, subscriberSnsTopicArns: [topic.arn] })),
      },
      { parent: this, dependsOn: [policy] },
    );
  }

  /** The topic's key (policy: config/alarms/alarm-topic-key.ts), yearly rotation on, and its alias. */
  private createTopicKey(name: string, keyAlias: string, scope: pulumi.Output<KeyPolicyScope>, budgets: boolean): aws.kms.Key {
    const key = new aws.kms.Key(
      `${name}-topic-key`,
      {
        // KMS CreateKey, Description: 0 to 8192 characters.
        description: "Encrypts the LiteLLM gateway alarm topic; CloudWatch alarms of this account may use it",
        // Yearly rotation (KMS default period, 365 days): Security Hub KMS.4; each of the first two
        // rotations adds $1 a month, then the price is capped (see the cost estimate's notes).
        enableKeyRotation: true,
        deletionWindowInDays: TOPIC_KEY_DELETION_WINDOW_DAYS,
        policy: scope.apply((values) => JSON.stringify(alarmTopicKeyPolicy(values, { budgets }))),
      },
      { parent: this },
    );
    new aws.kms.Alias(
      `${name}-topic-key-alias`,
      { name: keyAlias, targetKeyId: key.keyId },
      { parent: this },
    );
    return key;
  }
}

function statistic(stat: string): { statistic: string } | { extendedStatistic: string } {
  return PERCENTILE_PATTERN.test(stat) ? { extendedStatistic: stat } : { statistic: stat };
}

/** A plain metric alarm's metric fields, or metric math queries when the spec has an expression. */
function metricArgs(
  spec: AlarmSpec,
  dimensions: Record<MetricSource, pulumi.Input<Record<string, pulumi.Input<string>>>>,
): Partial<aws.cloudwatch.MetricAlarmArgs> {
  const entries = Object.entries(spec.metrics);
  if (spec.expression === undefined) {
    const [[, metric]] = entries as [[string, MetricReference]];
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensions[metric.source],
      period: spec.periodSeconds,
      ...statistic(metric.stat),
    };
  }
  return {
    metricQueries: [
      { id: "result", expression: spec.expression, label: spec.key, returnData: true },
      ...entries.map(([id, metric]) => ({
        id,
        returnData: false,
        metric: {
          namespace: metric.namespace,
          metricName: metric.metricName,
          dimensions: dimensions[metric.source],
          period: spec.periodSeconds,
          stat: metric.stat,
        },
      })),
    ],
  };
}
