/**
 * How many LiteLLM tasks a stack can run, as both the Redis rule and the connection budget see it,
 * and the bounds the desiredCount and maxCount settings and the ProxyAutoscaling component share.
 */

/** ECS has no hard limit; this catches a typo such as 300 before it costs money. */
export const MAX_DESIRED_COUNT = 50;

export interface ServiceTaskCounts {
  readonly desiredCount: number;
  /** Autoscaling's ceiling; absent or equal to desiredCount without autoscaling. */
  readonly maxCount?: number;
}

/** True when autoscaling may add tasks above desiredCount. */
export function isAutoscaled(counts: ServiceTaskCounts): boolean {
  return (counts.maxCount ?? counts.desiredCount) > counts.desiredCount;
}

/** The most tasks serving traffic outside a deployment: autoscaling's ceiling, else desiredCount. */
export function maxServingTasks(counts: ServiceTaskCounts): number {
  return Math.max(counts.desiredCount, counts.maxCount ?? counts.desiredCount);
}

/** A task count a stack may ask for: a whole number from 1 to MAX_DESIRED_COUNT. */
export function isTaskCount(count: number): boolean {
  return Number.isInteger(count) && count >= 1 && count <= MAX_DESIRED_COUNT;
}

/** Autoscaling between `minCount` and `maxCount` adds tasks: both are task counts and the ceiling is above the floor. */
export function isAutoscalingRange(minCount: number, maxCount: number): boolean {
  return isTaskCount(minCount) && isTaskCount(maxCount) && isAutoscaled({ desiredCount: minCount, maxCount });
}
