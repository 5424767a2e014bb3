import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { gatewayAlarmSpecs } from "../config/gateway-alarm-specs";
import type { AlarmInputs, AlarmSpec, MetricReference, MetricSource } from "../config/gateway-alarm-specs";

export interface GatewayAlarmsArgs extends AlarmInputs {
  /** `app/<name>/<id>` of the load balancer (LoadBalancer.loadBalancerArnSuffix). */
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  /** `targetgroup/<name>/<id>` of the tasks' target group. */
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
  readonly serviceName: pulumi.Input<string>;
  /** The RDS instance identifier (Database.identifier). */
  readonly databaseIdentifier: pulumi.Input<string>;
  /**
   * Subscribed to the topic by e-mail; AWS sends a confirmation link that must be clicked before
   * any alarm arrives. Without one the topic has no subscriber: add your own (chat, pager) to
   * the `alarmTopicArn` output. A plain value: it decides whether the subscription exists.
   * @default undefined (topic only)
   * @example "oncall@example.com"
   */
  readonly email?: string;
}

/** SNS's AWS-managed key: encrypted at rest without a customer key to pay for and administer. */
export const SNS_MANAGED_KEY_ALIAS = "alias/aws/sns";

/** A loose check only; the stack settings validate the address properly. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const PERCENTILE_PATTERN = /^p\d+(\.\d+)?$/;

/**
 * The gateway's CloudWatch alarms (config/gateway-alarm-specs.ts) and the encrypted SNS topic
 * they notify on ALARM and again on OK, so whoever was paged also learns that it recovered.
 */
export class GatewayAlarms extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;
  /** Alarm names by spec key, e.g. `target-5xx-rate`. */
  public readonly alarmNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GatewayAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:GatewayAlarms", name, {}, opts);
    if (args.email !== undefined && !EMAIL_PATTERN.test(args.email)) {
      throw new Error(`GatewayAlarms: email "${args.email}" is not an e-mail address. Pass one address, e.g. oncall@example.com, or leave it out for a topic without subscriber.`);
    }

    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { displayName: "LiteLLM gateway alarms", kmsMasterKeyId: SNS_MANAGED_KEY_ALIAS },
      { parent: this },
    );
    if (args.email !== undefined) {
      new aws.sns.TopicSubscription(`${name}-email`, { topic: topic.arn, protocol: "email", endpoint: args.email }, { parent: this });
    }

    const dimensions: Record<MetricSource, pulumi.Input<Record<string, pulumi.Input<string>>>> = {
      targetGroup: { LoadBalancer: args.loadBalancerArnSuffix, TargetGroup: args.targetGroupArnSuffix },
      service: { ClusterName: args.clusterName, ServiceName: args.serviceName },
      database: { DBInstanceIdentifier: args.databaseIdentifier },
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
    this.alarmNames = pulumi
      .all(alarms.map((alarm) => alarm.alarmName))
      .apply((names) => Object.fromEntries(alarms.map((alarm, index) => [alarm.key, names[index]])));
    this.registerOutputs({ topicArn: this.topicArn, alarmNames: this.alarmNames });
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
