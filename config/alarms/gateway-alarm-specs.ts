/**
 * The CloudWatch alarms an on-call engineer needs for the gateway, as plain values: what each
 * watches, its threshold, its window, how it treats missing data and why. GatewayAlarms turns
 * them into resources; the bill of materials counts them; the runbooks say what to do when each
 * fires. Pure, so thresholds are testable without Pulumi.
 */
import { BYTES_PER_GIB, connectionBudget } from "../settings/connection-budget";

/** Which resource's dimensions a metric is read with. */
export type MetricSource = "targetGroup" | "service" | "database";

export interface MetricReference {
  readonly namespace: string;
  readonly metricName: string;
  /** A statistic (`Sum`, `Average`, `Maximum`, `Minimum`) or a percentile (`p95`). */
  readonly stat: string;
  readonly source: MetricSource;
}

export type AlarmComparison = "GreaterThanThreshold" | "LessThanThreshold";
export type MissingDataTreatment = "missing" | "notBreaching" | "breaching";

export interface AlarmSpec {
  /** Suffix of the resource name, e.g. `target-5xx-rate`. */
  readonly key: string;
  /** Why an on-call engineer cares; becomes the alarm's description (and so the e-mail's text). */
  readonly description: string;
  /** Metrics by id: one and no expression is a plain metric alarm; otherwise metric math. */
  readonly metrics: Readonly<Record<string, MetricReference>>;
  /** Metric math over the ids of `metrics`; absent for a plain metric alarm. */
  readonly expression?: string;
  readonly comparison: AlarmComparison;
  readonly threshold: number;
  /** What the threshold counts, for the plan and the runbooks. */
  readonly unit: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingDataTreatment;
  /** Why missing data is treated this way. */
  readonly missingDataReason: string;
}

/** The plain settings the thresholds depend on. */
export interface AlarmInputs {
  /** CPU units per task (workers follow from it). */
  readonly cpu: number;
  /** Tasks at rest; with autoscaling, the floor it never scales below (the running-tasks threshold). */
  readonly desiredCount: number;
  /** The most tasks outside a deployment: maxCount (equal to desiredCount without autoscaling). */
  readonly maxCount: number;
  /** The RDS instance's class and storage; both absent for a database the stack does not create (existingDatabase): no database alarms. */
  readonly dbInstanceClass?: string;
  readonly dbAllocatedStorageGib?: number;
}

const ONE_MINUTE_SECONDS = 60;
const FIVE_MINUTES_SECONDS = 300;
const PERCENT = 100;

/** Above 5% of requests answered 5xx by LiteLLM, in 3 of 5 minutes: an outage, not a blip. */
export const TARGET_5XX_RATE_PERCENT = 5;
export const TARGET_5XX_BREACHING_MINUTES = 3;
export const TARGET_5XX_WINDOW_MINUTES = 5;
/** Fewer requests than this in a minute are not judged: one failure of two is not a 50% outage. */
export const TARGET_5XX_MIN_REQUESTS_PER_MINUTE = 10;
/** A target failing its liveliness probe for 5 minutes is a stuck task, not a deploy or a restart. */
export const UNHEALTHY_HOST_MINUTES = 5;
/** No healthy target for 2 minutes: every request is answered 503 by the load balancer. */
export const NO_HEALTHY_HOST_MINUTES = 2;
/**
 * P95 of TargetResponseTime above 60 s for 15 minutes. LLM calls are slow by nature: chat
 * completions take 2-20 s and a stream counts only until its first byte, so a P95 of a minute
 * means providers are degraded or LiteLLM is retrying and queueing, long before the 900 s idle
 * timeout cuts anything. A lower value would page on every long non-streamed answer.
 */
export const RESPONSE_TIME_P95_SECONDS = 60;
export const RESPONSE_TIME_PERIODS = 3;
/** Fewer healthy tasks than desiredCount in 5 of 10 minutes: tasks crash or cannot start (a new task needs 1-2 minutes). */
export const TASK_SHORTFALL_MINUTES = 5;
export const TASK_SHORTFALL_WINDOW_MINUTES = 10;
/**
 * The busiest task above 85% of its memory for 15 minutes. LiteLLM's memory grows with uptime;
 * at 100% the task is killed mid-request, so this leaves time to roll the service first.
 */
export const MEMORY_UTILIZATION_PERCENT = 85;
export const MEMORY_PERIODS = 3;
/** Database CPU above 80% for 15 minutes: LiteLLM's queries slow every authenticated request. */
export const DATABASE_CPU_PERCENT = 80;
export const DATABASE_CPU_PERIODS = 3;
/**
 * Free storage below 5% of the allocated size: storage autoscaling acts at 10% free, so this
 * fires only when it could not (the ceiling dbMaxAllocatedStorageGib reached, or its six-hour
 * pause between increases outrun by growth).
 */
export const FREE_STORAGE_FRACTION = 0.05;
/** Two 5-minute readings: one low sample during a vacuum or a big write is not yet a trend. */
export const FREE_STORAGE_PERIODS = 2;
/** Connections above the budget's usable share for 5 minutes (see config/settings/connection-budget.ts). */
export const DATABASE_CONNECTION_MINUTES = 5;

const alb = (metricName: string, stat: string): MetricReference => ({
  namespace: "AWS/ApplicationELB",
  metricName,
  stat,
  source: "targetGroup",
});
const ecs = (namespace: string, metricName: string, stat: string): MetricReference => ({ namespace, metricName, stat, source: "service" });
const rds = (metricName: string, stat: string): MetricReference => ({ namespace: "AWS/RDS", metricName, stat, source: "database" });

// Missing data, per source: the load balancer publishes request metrics only while requests
// arrive, so silence means no traffic (nothing failing); RDS publishes every minute while the
// instance exists, so a gap is CloudWatch's delay and should neither page nor clear an alarm.
const NO_TRAFFIC_IS_FINE = "the load balancer publishes it only while requests arrive: no data means no traffic, not an outage";
const RDS_GAP = "RDS publishes it every minute; a gap is CloudWatch's delay, which should neither page nor clear the alarm";

function loadBalancerAlarms(): AlarmSpec[] {
  return [
    {
      key: "target-5xx-rate",
      description: `More than ${TARGET_5XX_RATE_PERCENT}% of requests got a 5xx from LiteLLM in ${TARGET_5XX_BREACHING_MINUTES} of ${TARGET_5XX_WINDOW_MINUTES} minutes: providers failing after every retry and fallback, or the proxy erroring.`,
      metrics: { errors: alb("HTTPCode_Target_5XX_Count", "Sum"), requests: alb("RequestCount", "Sum") },
      expression: `IF(requests >= ${TARGET_5XX_MIN_REQUESTS_PER_MINUTE}, ${PERCENT} * FILL(errors, 0) / requests, 0)`,
      comparison: "GreaterThanThreshold",
      threshold: TARGET_5XX_RATE_PERCENT,
      unit: "% of requests",
      periodSeconds: ONE_MINUTE_SECONDS,
      evaluationPeriods: TARGET_5XX_WINDOW_MINUTES,
      datapointsToAlarm: TARGET_5XX_BREACHING_MINUTES,
      treatMissingData: "notBreaching",
      missingDataReason: NO_TRAFFIC_IS_FINE,
    },
    {
      key: "unhealthy-hosts",
      description: `A LiteLLM task has failed the load balancer's /health/liveliness probe for ${UNHEALTHY_HOST_MINUTES} minutes: it is stuck or crash-looping.`,
      metrics: { unhealthy: alb("UnHealthyHostCount", "Maximum") },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      unit: "targets",
      periodSeconds: ONE_MINUTE_SECONDS,
      evaluationPeriods: UNHEALTHY_HOST_MINUTES,
      datapointsToAlarm: UNHEALTHY_HOST_MINUTES,
      treatMissingData: "notBreaching",
      missingDataReason: "missing only while the target group has no targets at all, which the no-healthy-hosts and running-tasks alarms report",
    },
    {
      key: "no-healthy-hosts",
      description: `No healthy LiteLLM task behind the load balancer for ${NO_HEALTHY_HOST_MINUTES} minutes: every request gets a 503. The gateway is down.`,
      metrics: { healthy: alb("HealthyHostCount", "Minimum") },
      comparison: "LessThanThreshold",
      threshold: 1,
      unit: "targets",
      periodSeconds: ONE_MINUTE_SECONDS,
      evaluationPeriods: NO_HEALTHY_HOST_MINUTES,
      datapointsToAlarm: NO_HEALTHY_HOST_MINUTES,
      treatMissingData: "breaching",
      missingDataReason: "the load balancer reports it every minute while the target group is attached; silence is not evidence of a healthy task",
    },
    {
      key: "response-time-p95",
      description: `P95 response time above ${RESPONSE_TIME_P95_SECONDS} s for ${RESPONSE_TIME_PERIODS * FIVE_MINUTES_SECONDS / ONE_MINUTE_SECONDS} minutes (streams count to their first byte): providers are slow or LiteLLM is retrying.`,
      metrics: { latency: alb("TargetResponseTime", "p95") },
      comparison: "GreaterThanThreshold",
      threshold: RESPONSE_TIME_P95_SECONDS,
      unit: "seconds",
      periodSeconds: FIVE_MINUTES_SECONDS,
      evaluationPeriods: RESPONSE_TIME_PERIODS,
      datapointsToAlarm: RESPONSE_TIME_PERIODS,
      treatMissingData: "notBreaching",
      missingDataReason: NO_TRAFFIC_IS_FINE,
    },
  ];
}

function serviceAlarms(inputs: AlarmInputs): AlarmSpec[] {
  return [
    {
      key: "running-tasks",
      description: `Fewer healthy LiteLLM tasks behind the load balancer than desiredCount (${inputs.desiredCount}) in ${TASK_SHORTFALL_MINUTES} of ${TASK_SHORTFALL_WINDOW_MINUTES} minutes: tasks crash, fail to start (a provider secret without a value, the database unreachable) or Fargate lacks capacity.`,
      // The target group's HealthyHostCount, a free standard metric (Elastic Load Balancing User
      // Guide, "CloudWatch metrics for your Application Load Balancer": HealthyHostCount, "the
      // number of targets that are considered healthy", dimensions TargetGroup and LoadBalancer),
      // instead of Container Insights' DesiredTaskCount - RunningTaskCount, which needs Container
      // Insights on and bills its metrics as custom metrics. Every task registers in the target
      // group, so healthy targets below desiredCount means tasks short. The threshold is
      // desiredCount: without autoscaling the count ECS keeps, with it autoscaling's floor
      // (ProxyAutoscaling minCount), so the alarm fires below the floor but not when a scaled-out
      // service is short above it (a registered task failing its probe is the unhealthy-hosts
      // alarm's). Deployments keep 100% healthy (deploymentMinimumHealthyPercent), so they do not page.
      metrics: { healthy: alb("HealthyHostCount", "Minimum") },
      comparison: "LessThanThreshold",
      threshold: inputs.desiredCount,
      unit: "healthy targets",
      periodSeconds: ONE_MINUTE_SECONDS,
      evaluationPeriods: TASK_SHORTFALL_WINDOW_MINUTES,
      datapointsToAlarm: TASK_SHORTFALL_MINUTES,
      treatMissingData: "breaching",
      missingDataReason: "the load balancer reports it every minute while the target group is attached; silence is not evidence of running tasks",
    },
    {
      key: "memory-high",
      description: `The busiest LiteLLM task has used more than ${MEMORY_UTILIZATION_PERCENT}% of its memory for ${MEMORY_PERIODS * FIVE_MINUTES_SECONDS / ONE_MINUTE_SECONDS} minutes: LiteLLM's memory growth, heading for an out-of-memory kill mid-request.`,
      metrics: { memory: ecs("AWS/ECS", "MemoryUtilization", "Maximum") },
      comparison: "GreaterThanThreshold",
      threshold: MEMORY_UTILIZATION_PERCENT,
      unit: "% of task memory",
      periodSeconds: FIVE_MINUTES_SECONDS,
      evaluationPeriods: MEMORY_PERIODS,
      datapointsToAlarm: MEMORY_PERIODS,
      treatMissingData: "notBreaching",
      missingDataReason: "no data means no running task, which the running-tasks alarm reports; paging twice for it helps nobody",
    },
  ];
}

/**
 * None for a database the stack does not create: its instance id, class and storage are not the
 * stack's to know (the secret names only a host), so its owner's alarms watch it.
 */
function databaseAlarms(inputs: AlarmInputs): AlarmSpec[] {
  const { dbInstanceClass, dbAllocatedStorageGib } = inputs;
  if (dbInstanceClass === undefined || dbAllocatedStorageGib === undefined) {
    return [];
  }
  const freeStorageBytes = Math.round(dbAllocatedStorageGib * BYTES_PER_GIB * FREE_STORAGE_FRACTION);
  const alarms: AlarmSpec[] = [
    {
      key: "database-cpu",
      description: `Database CPU above ${DATABASE_CPU_PERCENT}% for ${DATABASE_CPU_PERIODS * FIVE_MINUTES_SECONDS / ONE_MINUTE_SECONDS} minutes: key checks and spend writes slow down every request (on a burstable class, CPU credits may be gone).`,
      metrics: { cpu: rds("CPUUtilization", "Average") },
      comparison: "GreaterThanThreshold",
      threshold: DATABASE_CPU_PERCENT,
      unit: "% CPU",
      periodSeconds: FIVE_MINUTES_SECONDS,
      evaluationPeriods: DATABASE_CPU_PERIODS,
      datapointsToAlarm: DATABASE_CPU_PERIODS,
      treatMissingData: "missing",
      missingDataReason: RDS_GAP,
    },
    {
      key: "database-free-storage",
      description: `Database free storage below ${FREE_STORAGE_FRACTION * PERCENT}% of the allocated ${dbAllocatedStorageGib} GiB: storage autoscaling could not keep up or reached dbMaxAllocatedStorageGib; a full database stops accepting writes.`,
      metrics: { free: rds("FreeStorageSpace", "Minimum") },
      comparison: "LessThanThreshold",
      threshold: freeStorageBytes,
      unit: "bytes",
      periodSeconds: FIVE_MINUTES_SECONDS,
      evaluationPeriods: FREE_STORAGE_PERIODS,
      datapointsToAlarm: FREE_STORAGE_PERIODS,
      treatMissingData: "missing",
      missingDataReason: RDS_GAP,
    },
  ];
  // The budget is known only for classes in connection-budget.ts's table; without it there is no
  // honest threshold, so no alarm (a plain value decides, and the bill of materials agrees).
  const { usableConnections } = connectionBudget(inputs.maxCount, inputs.cpu, dbInstanceClass);
  if (usableConnections !== undefined) {
    alarms.push({
      key: "database-connections",
      description: `More than ${usableConnections} database connections (the usable share of ${dbInstanceClass}'s max_connections) for ${DATABASE_CONNECTION_MINUTES} minutes: more than the gateway's pools can open even mid-deployment, so something else holds connections; at the limit new tasks fail with "too many clients".`,
      metrics: { connections: rds("DatabaseConnections", "Maximum") },
      comparison: "GreaterThanThreshold",
      threshold: usableConnections,
      unit: "connections",
      periodSeconds: ONE_MINUTE_SECONDS,
      evaluationPeriods: DATABASE_CONNECTION_MINUTES,
      datapointsToAlarm: DATABASE_CONNECTION_MINUTES,
      treatMissingData: "missing",
      missingDataReason: RDS_GAP,
    });
  }
  return alarms;
}

/** Every alarm of a stack with these settings, in a stable order. */
export function gatewayAlarmSpecs(inputs: AlarmInputs): AlarmSpec[] {
  return [...loadBalancerAlarms(), ...serviceAlarms(inputs), ...databaseAlarms(inputs)];
}
