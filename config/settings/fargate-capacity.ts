/**
 * Where the LiteLLM tasks run: Fargate on-demand, Fargate Spot, or a base of on-demand tasks with
 * the rest on Spot. The `capacity` and `onDemandBase` settings, the service's capacity provider
 * strategy and the cost estimate's split of tasks all come from here.
 *
 * Fargate Spot runs the same task definition at a discount, on capacity AWS may take back with a
 * two-minute warning (ECS Developer Guide, "Amazon ECS clusters for Fargate"). It supports Linux
 * tasks on X86_64 from platform version 1.3.0 and on ARM64 from 1.4.0 (ECS API reference,
 * CapacityProviderStrategyItem); the service runs on LATEST (1.4.0), so both cpuArchitecture
 * values work with Spot. An interruption drains the task from the load balancer first: see
 * SPOT_DEREGISTRATION_DELAY_SECONDS in config/litellm/connection-timeouts.ts.
 */

export const CAPACITY_MODES = ["on-demand", "spot", "mixed"] as const;
export type CapacityMode = (typeof CAPACITY_MODES)[number];

/** ECS's names of the two Fargate capacity providers (PutClusterCapacityProviders). */
export const FARGATE_ON_DEMAND_PROVIDER = "FARGATE";
export const FARGATE_SPOT_PROVIDER = "FARGATE_SPOT";
export const FARGATE_CAPACITY_PROVIDERS: readonly string[] = [FARGATE_ON_DEMAND_PROVIDER, FARGATE_SPOT_PROVIDER];

/**
 * The least on-demand tasks a highly available stack keeps: two tasks in two zones at all times.
 * Spot capacity is reclaimed by AWS, possibly from every Spot task at once, so only on-demand tasks
 * count towards it.
 */
export const MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS = 2;
/** A stack that runs this many tasks at rest asks for high availability (desiredCount's help says 2 or more). */
const HIGHLY_AVAILABLE_DESIRED_COUNT = 2;

/** The on-demand base of `mixed` when onDemandBase is not set: the availability rule's minimum. */
export const DEFAULT_ON_DEMAND_BASE = MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS;

/** The `capacity` and `onDemandBase` settings, as the service settings and ProxyService hold them. */
export interface FargateCapacity {
  /**
   * `on-demand`: every task on FARGATE. `spot`: every task on FARGATE_SPOT. `mixed`: the first
   * `onDemandBase` tasks on FARGATE, every task above them (autoscaling's included) on FARGATE_SPOT.
   */
  readonly capacity: CapacityMode;
  /** Tasks kept on-demand with `mixed`; unused with `on-demand` (all are) and `spot` (none is). */
  readonly onDemandBase: number;
}

/** One entry of the service's capacity provider strategy, as aws.ecs.Service takes it. */
export interface CapacityProviderStrategyItem {
  readonly capacityProvider: string;
  /** Tasks, at least, placed on this provider before any weight applies. */
  readonly base: number;
  /** Share of the tasks above the bases; 0 = this provider gets only its base. */
  readonly weight: number;
}

/**
 * The service's capacity provider strategy. Bases are filled first, then the tasks above them are
 * split by weight (CapacityProviderStrategyItem: "Only one capacity provider in a strategy can
 * have a base defined"); FARGATE with weight 0 gets its base and nothing more.
 */
export function capacityProviderStrategy(capacity: FargateCapacity): CapacityProviderStrategyItem[] {
  switch (capacity.capacity) {
    case "on-demand":
      return [{ capacityProvider: FARGATE_ON_DEMAND_PROVIDER, base: 0, weight: 1 }];
    case "spot":
      return [{ capacityProvider: FARGATE_SPOT_PROVIDER, base: 0, weight: 1 }];
    case "mixed":
      return [
        { capacityProvider: FARGATE_ON_DEMAND_PROVIDER, base: capacity.onDemandBase, weight: 0 },
        { capacityProvider: FARGATE_SPOT_PROVIDER, base: 0, weight: 1 },
      ];
  }
}

/** True when some task may run on Fargate Spot (the load balancer's drain must then fit its warning). */
export function usesSpot(capacity: FargateCapacity): boolean {
  return capacity.capacity !== "on-demand";
}

/** Of `tasks` running tasks, how many run on-demand; the rest run on Spot. */
export function onDemandTasks(capacity: FargateCapacity, tasks: number): number {
  switch (capacity.capacity) {
    case "on-demand":
      return tasks;
    case "spot":
      return 0;
    case "mixed":
      return Math.min(capacity.onDemandBase, tasks);
  }
}

/**
 * The availability rule and the base's range, as one line each naming the setting and the fix;
 * empty when the capacity suits `desiredCount`. Both settings' own shapes are checked by the schema.
 */
export function capacityProblems(capacity: FargateCapacity, desiredCount: number): string[] {
  const problems: string[] = [];
  if (capacity.capacity === "mixed" && capacity.onDemandBase > desiredCount) {
    problems.push(
      `onDemandBase: found ${capacity.onDemandBase}, above desiredCount (${desiredCount}), so no task at rest would run on Spot and the base would only keep autoscaled tasks on-demand. ` +
        `Fix: pulumi config set onDemandBase ${desiredCount}, or raise desiredCount`,
    );
  }
  const onDemand = onDemandTasks(capacity, desiredCount);
  if (desiredCount >= HIGHLY_AVAILABLE_DESIRED_COUNT && onDemand < MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS) {
    const found = capacity.capacity === "spot" ? "capacity: found \"spot\"" : `onDemandBase: found ${capacity.onDemandBase}`;
    problems.push(
      `${found}, so ${onDemand} of desiredCount ${desiredCount} tasks run on-demand; a stack of ${HIGHLY_AVAILABLE_DESIRED_COUNT} or more tasks is highly available and must keep at least ` +
        `${MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS} tasks in two zones at all times, and AWS may reclaim every Spot task at once. ` +
        `Fix: pulumi config set capacity mixed && pulumi config set onDemandBase ${MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS} (the rest on Spot), or pulumi config set capacity on-demand`,
    );
  }
  return problems;
}
