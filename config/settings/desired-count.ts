/**
 * The rule every caller of ProxyService meets: desiredCount is a whole number of tasks, at least
 * one. The `desiredCount` stack setting holds the same floor (stack-settings.ts, `integer(1, ...)`)
 * plus a ceiling against typos; a component built from code gets the floor here.
 */

/** Fewer tasks would leave the load balancer nothing to send traffic to. */
export const MIN_DESIRED_COUNT = 1;

/** A message naming desiredCount, what was found and the fix; undefined when the count is valid. */
export function desiredCountProblem(desiredCount: number): string | undefined {
  if (Number.isInteger(desiredCount) && desiredCount >= MIN_DESIRED_COUNT) {
    return undefined;
  }
  return `desiredCount is ${desiredCount}; pass a whole number of tasks, at least ${MIN_DESIRED_COUNT}, e.g. 2.`;
}
