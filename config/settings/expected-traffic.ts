/**
 * The traffic a stack file states for its cost estimate (`expectedTraffic`): the plan and the
 * `estimatedMonthlyCostUsd` output price a stack at it (config/cost/usage-for-traffic.ts), so dev's
 * estimate is dev's traffic and not prod's. The names are the plan's flags in camelCase; a flag
 * given to `npm run plan` wins.
 */

/** What a stack file may state, each field optional (the plan's default assumption where absent). */
export interface ExpectedTraffic {
  /** Average load balancer capacity units. @default 1 */
  readonly lcu?: number;
  /** GB a month through NAT to the providers. @default 10 */
  readonly natGb?: number;
  /** GB a month of responses to clients. @default 10 */
  readonly egressGb?: number;
  /** GB a month of container logs. @default 5 */
  readonly logGb?: number;
  /** Million requests a month. @default 1 */
  readonly requestsMillions?: number;
}

export const EXPECTED_TRAFFIC_FIELDS: readonly (keyof ExpectedTraffic)[] = ["lcu", "natGb", "egressGb", "logGb", "requestsMillions"];

/** The largest figure a stack file may state: a sanity bound, far above any gateway's month. */
export const MAX_EXPECTED_TRAFFIC = 1_000_000;
