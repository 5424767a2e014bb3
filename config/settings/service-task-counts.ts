/** How many LiteLLM tasks a stack can run, as both the Redis rule and the connection budget see it. */

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
