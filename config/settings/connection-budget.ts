/**
 * The database connection budget: every LiteLLM worker holds its own Prisma pool, so the
 * connections a stack can open at its peak are tasks x workers x pool limit, and during a rolling
 * deployment ECS runs old and new tasks side by side. That peak must stay under the instance's
 * max_connections, or new tasks fail with "too many clients" exactly when a deploy is under way.
 */
import { LITELLM_DEFAULT_POOL_LIMIT_PER_WORKER } from "../litellm/database-environment";
import { workersForCpu } from "./fargate-sizes";
import { isAutoscaled, maxServingTasks } from "./service-task-counts";
import type { ServiceTaskCounts } from "./service-task-counts";

/** ECS may run up to twice the desired tasks while a deployment replaces them. */
export const DEPLOYMENT_MAXIMUM_PERCENT = 200;
const PERCENT = 100;

/** RDS PostgreSQL's default: max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000). */
const RDS_BYTES_PER_CONNECTION = 9_531_392;
const RDS_MAX_CONNECTIONS_CAP = 5000;
export const BYTES_PER_GIB = 1_073_741_824;
/**
 * Keep a fifth of the connections free: DBInstanceClassMemory is a little below the nominal
 * memory, and superusers, the migration run and an operator's psql session need connections too.
 */
const USABLE_CONNECTION_FRACTION = 0.8;

/** Memory of the burstable classes, by size. */
const BURSTABLE_MEMORY_GIB: Readonly<Record<string, number>> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  "2xlarge": 32,
};
/** Memory of a `large` instance per family; each size step up doubles it. */
const LARGE_MEMORY_GIB_BY_FAMILY: Readonly<Record<string, number>> = { m: 8, r: 16 };
const SIZE_MULTIPLIERS: Readonly<Record<string, number>> = {
  large: 1,
  xlarge: 2,
  "2xlarge": 4,
  "4xlarge": 8,
  "8xlarge": 16,
  "12xlarge": 24,
  "16xlarge": 32,
};

/** Nominal memory of an RDS instance class, or undefined for a class this table does not know. */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const match = /^db\.([a-z])(\d+)[a-z]*\.([a-z0-9]+)$/.exec(instanceClass);
  if (match === null) {
    return undefined;
  }
  const [, family, , size] = match as unknown as [string, string, string, string];
  if (family === "t") {
    return BURSTABLE_MEMORY_GIB[size];
  }
  const large = LARGE_MEMORY_GIB_BY_FAMILY[family];
  const multiplier = SIZE_MULTIPLIERS[size];
  return large === undefined || multiplier === undefined ? undefined : large * multiplier;
}

/** The classes instanceMemoryGib knows, in words: what a stack gets the connection budget and its alarm for. */
export function knownInstanceClassesText(): string {
  const families = Object.keys(LARGE_MEMORY_GIB_BY_FAMILY);
  const sizes = Object.keys(SIZE_MULTIPLIERS);
  return (
    `db.t<generation>.<${Object.keys(BURSTABLE_MEMORY_GIB).join("|")}> (e.g. db.t4g.micro) and ` +
    `db.<${families.join("|")}><generation>.<${sizes.join("|")}> (e.g. db.m7g.large)`
  );
}

/** The default max_connections of RDS PostgreSQL on this class, or undefined when unknown. */
export function rdsMaxConnections(instanceClass: string): number | undefined {
  const memoryGib = instanceMemoryGib(instanceClass);
  if (memoryGib === undefined) {
    return undefined;
  }
  return Math.min(Math.floor((memoryGib * BYTES_PER_GIB) / RDS_BYTES_PER_CONNECTION), RDS_MAX_CONNECTIONS_CAP);
}

export interface ConnectionBudget {
  readonly peakTasks: number;
  readonly workersPerTask: number;
  readonly poolLimitPerWorker: number;
  readonly peakConnections: number;
  /** Undefined when the instance class is not in the table (the check is then skipped). */
  readonly maxConnections: number | undefined;
  readonly usableConnections: number | undefined;
  /** The most tasks (outside a deployment) whose deployment peak still fits; undefined when unknown. */
  readonly largestTaskCountThatFits: number | undefined;
}

/**
 * The budget when the service runs at most `maxTasks` outside a deployment: `maxCount` when
 * autoscaling may add tasks, otherwise `desiredCount`. A deployment at full scale doubles it.
 */
export function connectionBudget(maxTasks: number, cpu: number, instanceClass: string): ConnectionBudget {
  const peakTasks = Math.ceil((maxTasks * DEPLOYMENT_MAXIMUM_PERCENT) / PERCENT);
  const workersPerTask = workersForCpu(cpu);
  const poolLimitPerWorker = LITELLM_DEFAULT_POOL_LIMIT_PER_WORKER;
  const maxConnections = rdsMaxConnections(instanceClass);
  const usableConnections = maxConnections === undefined ? undefined : Math.floor(maxConnections * USABLE_CONNECTION_FRACTION);
  const connectionsPerTaskAtPeak = ((workersPerTask * poolLimitPerWorker) * DEPLOYMENT_MAXIMUM_PERCENT) / PERCENT;
  return {
    peakTasks,
    workersPerTask,
    poolLimitPerWorker,
    peakConnections: peakTasks * workersPerTask * poolLimitPerWorker,
    maxConnections,
    usableConnections,
    largestTaskCountThatFits: usableConnections === undefined ? undefined : Math.floor(usableConnections / connectionsPerTaskAtPeak),
  };
}

/**
 * A message naming the settings and the fix when the peak exceeds the usable connections. With
 * autoscaling the peak is a deployment at full scale (2 x maxCount), so maxCount is the setting
 * to lower; without it, desiredCount.
 */
export function connectionBudgetProblem(counts: ServiceTaskCounts, cpu: number, instanceClass: string): string | undefined {
  const autoscaling = isAutoscaled(counts);
  const budget = connectionBudget(maxServingTasks(counts), cpu, instanceClass);
  if (budget.usableConnections === undefined || budget.peakConnections <= budget.usableConnections) {
    return undefined;
  }
  const countSetting = autoscaling ? "maxCount" : "desiredCount";
  const countFix =
    budget.largestTaskCountThatFits !== undefined && budget.largestTaskCountThatFits >= 1
      ? `lower ${countSetting} to ${budget.largestTaskCountThatFits} or less (pulumi config set ${countSetting} ${budget.largestTaskCountThatFits})`
      : `lower ${countSetting}`;
  const during = autoscaling
    ? `during a deployment at full scale (maxCount ${counts.maxCount}, doubled while old and new tasks overlap) the service can open`
    : "during a deployment the service can open";
  return (
    `dbInstanceClass: ${instanceClass} allows about ${budget.maxConnections} connections ` +
    `(${budget.usableConnections} usable), but ${during} ` +
    `${budget.peakTasks} tasks x ${budget.workersPerTask} worker(s) x ${budget.poolLimitPerWorker} pooled connections = ` +
    `${budget.peakConnections}. Fix: choose a larger dbInstanceClass (pulumi config set dbInstanceClass db.t4g.large), ` +
    `${countFix}, or lower cpu`
  );
}

/**
 * The burstable PostgreSQL classes, smallest first: the candidates for the smallest class that
 * holds a stack's connection budget (LiteLLM's database load is a key lookup per uncached key and
 * a spend write per minute, so connections, not CPU, decide the class).
 */
export const BURSTABLE_DB_CLASSES: readonly string[] = ["db.t4g.micro", "db.t4g.small", "db.t4g.medium", "db.t4g.large", "db.t4g.xlarge", "db.t4g.2xlarge"];

export interface ClassConnectionBudget {
  readonly instanceClass: string;
  readonly maxConnections: number;
  readonly usableConnections: number;
  readonly peakConnections: number;
  readonly fits: boolean;
}

/** The budget of `maxTasks` tasks of `cpu` on each class of `classes` (default: the burstable ones). */
export function connectionBudgetByClass(maxTasks: number, cpu: number, classes: readonly string[] = BURSTABLE_DB_CLASSES): ClassConnectionBudget[] {
  return classes.map((instanceClass) => {
    const budget = connectionBudget(maxTasks, cpu, instanceClass);
    if (budget.maxConnections === undefined || budget.usableConnections === undefined) {
      throw new Error(`connectionBudgetByClass: ${instanceClass} is not in the table of instance memory; add it to config/settings/connection-budget.ts`);
    }
    return {
      instanceClass,
      maxConnections: budget.maxConnections,
      usableConnections: budget.usableConnections,
      peakConnections: budget.peakConnections,
      fits: budget.peakConnections <= budget.usableConnections,
    };
  });
}

/** The smallest of `classes` whose usable connections hold the peak, or undefined when none does. */
export function smallestDbClassFor(maxTasks: number, cpu: number, classes: readonly string[] = BURSTABLE_DB_CLASSES): string | undefined {
  return connectionBudgetByClass(maxTasks, cpu, classes).find((entry) => entry.fits)?.instanceClass;
}
