/** An alarm nobody hears is no alarm: each one notifies at least one action (an SNS topic). */
import type { ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

export const METRIC_ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";

export const alarmHasAction: ResourceRule = (resource) => {
  if (resource.type !== METRIC_ALARM_TYPE) return [];
  const actions = resource.props.alarmActions;
  if (Array.isArray(actions) && actions.length > 0) return [];
  return [violation(resource, "the alarm has no alarmActions, so it changes state without telling anyone", "add alarmActions with the ARN of an SNS topic someone is subscribed to")];
};
