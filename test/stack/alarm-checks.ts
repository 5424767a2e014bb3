/**
 * What must hold for the alarms of any stack that has them: every alarm the specs declare exists
 * once, with the declared threshold and window, reads its metrics from this stack's resources and
 * notifies the encrypted topic on ALARM and on OK.
 */
import { expect } from "vitest";

import { gatewayAlarmSpecs } from "../../config/gateway-alarm-specs";
import type { AlarmInputs } from "../../config/gateway-alarm-specs";
import { ofType, oneOf } from "./stack-harness";
import type { RecordedResource, StackRun } from "./stack-harness";

const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const ALARM_NAME_PREFIX = "litellm-alarms-";
/** What the mock cloud reports for this stack's resources (scripts/offline/run-stack-offline.ts). */
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
  expect(topic.inputs.kmsMasterKeyId).toBe("alias/aws/sns");
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
