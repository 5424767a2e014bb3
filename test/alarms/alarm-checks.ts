/**
 * What must hold for the alarms of any stack that has them: every alarm the specs declare exists
 * once, with the declared threshold and window, reads its metrics from this stack's resources and
 * notifies the topic on ALARM and on OK; the topic is encrypted with its own customer managed key,
 * which CloudWatch (and only CloudWatch, besides the account's IAM) may use.
 */
import { expect } from "vitest";

import { gatewayAlarmSpecs } from "../../config/alarms/gateway-alarm-specs";
import type { AlarmInputs } from "../../config/alarms/gateway-alarm-specs";
import { MOCK_KMS_KEY_ID } from "../../offline/run-stack-offline";
import { ACCOUNT_ID, ofType, oneOf } from "../stack/stack-harness";
import type { RecordedResource, StackRun } from "../stack/stack-harness";

const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const ALARM_NAME_PREFIX = "litellm-alarms-";
/** What the mock cloud reports for this stack's resources (offline/run-stack-offline.ts). */
export const EXPECTED_DIMENSIONS = {
  targetGroup: {
    LoadBalancer: "app/litellm-ingress-alb/0123456789abcdef",
    TargetGroup: "targetgroup/litellm-ingress-targets/fedcba9876543210",
  },
  service: { ClusterName: "litellm-proxy-cluster", ServiceName: "litellm-proxy-service" },
  database: { DBInstanceIdentifier: "litellm-database-instance" },
} as const;

export function alarmsByKey(run: StackRun): Map<string, RecordedResource> {
  return new Map(ofType(run, ALARM_TYPE).map((alarm) => [alarm.name.slice(ALARM_NAME_PREFIX.length), alarm]));
}

export function expectAlarmsAsDeclared(run: StackRun, inputs: AlarmInputs): void {
  const specs = gatewayAlarmSpecs(inputs);
  const alarms = alarmsByKey(run);
  expect([...alarms.keys()].sort()).toEqual(specs.map((spec) => spec.key).sort());

  const topic = oneOf(run, "aws:sns/topic:Topic");
  expectTopicKey(run, "us-east-1");
  const topicArn = `arn:aws:sns:us-east-1:123456789012:${topic.name}`;

  for (const spec of specs) {
    const alarm = alarms.get(spec.key)?.inputs ?? {};
    expect(alarm.alarmActions, spec.key).toEqual([topicArn]);
    expect(alarm.okActions, spec.key).toEqual([topicArn]);
    expect(alarm, spec.key).toMatchObject({
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData,
    });
    expect(alarm.alarmDescription, spec.key).toContain(spec.description);
    const metricEntries = Object.entries(spec.metrics);
    if (spec.expression === undefined) {
      const [[, metric]] = metricEntries;
      expect(alarm, spec.key).toMatchObject({
        namespace: metric.namespace,
        metricName: metric.metricName,
        period: spec.periodSeconds,
        dimensions: EXPECTED_DIMENSIONS[metric.source],
      });
      expect(alarm.statistic ?? alarm.extendedStatistic, spec.key).toBe(metric.stat);
    } else {
      const queries = alarm.metricQueries as { id: string; expression?: string; returnData: boolean; metric?: Record<string, unknown> }[];
      expect(queries.filter((query) => query.returnData).map((query) => query.expression), spec.key).toEqual([spec.expression]);
      for (const [id, metric] of metricEntries) {
        expect(queries.find((query) => query.id === id)?.metric, `${spec.key}.${id}`).toEqual({
          namespace: metric.namespace,
          metricName: metric.metricName,
          dimensions: EXPECTED_DIMENSIONS[metric.source],
          period: spec.periodSeconds,
          stat: metric.stat,
        });
      }
    }
  }
}

/** The ARN the mock cloud gives the topic's key in `region`. */
export function mockKeyArn(region: string): string {
  return `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${MOCK_KMS_KEY_ID}`;
}

/**
 * The topic is encrypted with the stack's own key (never `alias/aws/sns`, whose policy CloudWatch
 * cannot use), rotated yearly, restorable for 30 days after deletion, and its policy allows exactly
 * two things: IAM of this account administers it, and CloudWatch alarms of this account and
 * `region` may Decrypt and GenerateDataKey* with it; and, only where a spend budget notifies the
 * topic, a third: AWS Budgets of this account may do the same.
 */
export function expectTopicKey(run: StackRun, region: string): void {
  const key = oneOf(run, "aws:kms/key:Key");
  expect(key.name).toBe("litellm-alarms-topic-key");
  expect(oneOf(run, "aws:sns/topic:Topic").inputs.kmsMasterKeyId).toBe(mockKeyArn(region));
  expect(key.inputs.enableKeyRotation).toBe(true);
  expect(key.inputs.deletionWindowInDays).toBe(30);
  expect(JSON.parse(key.inputs.policy as string)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersTheKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsOfThisAccountPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
          ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${ACCOUNT_ID}:alarm:*` },
        },
      },
      // Only with a spend budget: AWS Budgets of this account publish to the topic too.
      ...(run.resources.some((resource) => resource.type === "aws:budgets/budget:Budget")
        ? [
            {
              Sid: "BudgetsOfThisAccountPublish",
              Effect: "Allow",
              Principal: { Service: "budgets.amazonaws.com" },
              Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
              Resource: "*",
              Condition: {
                StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
                ArnLike: { "aws:SourceArn": `arn:aws:budgets::${ACCOUNT_ID}:*` },
              },
            },
          ]
        : []),
    ],
  });
  // The alias points at this key; its exact name per stack is asserted where the stack is known.
  const alias = oneOf(run, "aws:kms/alias:Alias").inputs;
  expect(alias.targetKeyId).toBe(MOCK_KMS_KEY_ID);
  expect(alias.name).toMatch(/^alias\/litellm-alarms-[A-Za-z0-9-]+$/);
}
