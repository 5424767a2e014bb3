/**
 * How many LiteLLM tasks a stack can run, as both the Redis rule and the connection budget see it,
 * and the bounds the desiredCount and maxCount settings and the ProxyAutoscaling component share.
 */

/** Fewer tasks would leave the load balancer nothing to send traffic to. */
export const MIN_DESIRED_COUNT = 1;
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

/** A task count a stack may ask for: a whole number from MIN_DESIRED_COUNT to MAX_DESIRED_COUNT. */
export function isTaskCount(count: number): boolean {
  return Number.isInteger(count) && count >= MIN_DESIRED_COUNT && count <= MAX_DESIRED_COUNT;
}

/**
 * ProxyService's guard for callers that bypass the settings (the desiredCount setting holds the
 * same range): a message naming desiredCount, what was found and the fix; undefined when valid.
 */
export function desiredCountProblem(desiredCount: number): string | undefined {
  return isTaskCount(desiredCount)
    ? undefined
    : `desiredCount is ${desiredCount}; pass a whole number of tasks from ${MIN_DESIRED_COUNT} to ${MAX_DESIRED_COUNT}, e.g. 2.`;
}

/** Autoscaling between `minCount` and `maxCount` adds tasks: both are task counts and the ceiling is above the floor. */
export function isAutoscalingRange(minCount: number, maxCount: number): boolean {
  return isTaskCount(minCount) && isTaskCount(maxCount) && isAutoscaled({ desiredCount: minCount, maxCount });
}
