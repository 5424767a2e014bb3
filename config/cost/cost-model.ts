/**
 * The monthly cost arithmetic: a bill of materials (what the stack creates, as plain values) and
 * usage assumptions in, one priced line per resource out. Pure, so the plan, the stack output and
 * the tests share it.
 */
import type { EgressMode } from "../settings/egress";
import type { CpuArchitecture } from "../settings/stack-settings";
import { HOURS_PER_MONTH } from "./aws-prices";
import type { FargateRate, RegionPrices } from "./aws-prices";

/** How AWS Fargate pricing names each architecture; the cost lines use these names. */
const PRICE_LIST_ARCHITECTURE: Record<CpuArchitecture, string> = { X86_64: "x86_64", ARM64: "arm64" };

/** What a stack creates that costs money, as plain values. */
export interface BillOfMaterials {
  readonly fargate: {
    /** Tasks priced, on-demand and Spot together. */
    readonly tasks: number;
    /**
     * Of `tasks`, those on Fargate Spot (capacity spot, or above onDemandBase with mixed).
     * @default 0
     */
    readonly spotTasks?: number;
    readonly vcpuPerTask: number;
    readonly memoryGbPerTask: number;
    readonly architecture: CpuArchitecture;
  };
  /** Availability zones the public load balancer spans: AWS bills one public IPv4 address per AZ. */
  readonly loadBalancer: { readonly publicIpv4Addresses: number };
  readonly natGateways: number;
  /** Tasks holding a public IPv4 address of their own (egress public-subnets): AWS bills each address. Absent: none. */
  readonly taskPublicIpv4Addresses?: number;
  /** The egress choice of a VPC the stack creates (absent in an existing VPC): what the alternatives vary. */
  readonly egress?: { readonly mode: EgressMode; readonly availabilityZones: number };
  readonly database?: {
    readonly instanceClass: string;
    readonly multiAz: boolean;
    readonly storageGb: number;
  };
  readonly redis?: { readonly nodeType: string; readonly nodes: number };
  readonly secrets: number;
  /** ECS Container Insights on the cluster (containerInsights setting). Absent: off. */
  readonly containerInsights?: { readonly tasks: number };
  readonly logRetentionDays: number;
  readonly alarms: number;
  /** Customer managed KMS keys: the alarm topic's, when the stack has alarms. */
  readonly kmsKeys: number;
  readonly waf?: { readonly rules: number };
  /** The forensic logs (securityLogs settings): which exist, and how long they are kept. */
  readonly securityLogs?: {
    readonly albAccessLogs: boolean;
    readonly wafLogs: boolean;
    readonly flowLogs: boolean;
    readonly retentionDays: number;
  };
}

/** Traffic-dependent figures: stated in the plan's output, overridable by flags. */
export interface UsageAssumptions {
  /** Average load balancer capacity units consumed (1 LCU ~ 25 new connections/s or 1 GB/h). */
  readonly albAverageLcu: number;
  /** Provider traffic through the NAT gateways (prompts out, completions back). */
  readonly natProcessedGbPerMonth: number;
  /** Responses sent to clients over the internet. */
  readonly internetEgressGbPerMonth: number;
  /** Container logs ingested by CloudWatch Logs. */
  readonly logIngestGbPerMonth: number;
  /** Requests through the gateway (WAF bills per request; the access, WAF and flow log volumes follow from it). */
  readonly requestsMillionsPerMonth: number;
}

export const DEFAULT_USAGE_ASSUMPTIONS: UsageAssumptions = {
  albAverageLcu: 1,
  natProcessedGbPerMonth: 10,
  internetEgressGbPerMonth: 10,
  logIngestGbPerMonth: 5,
  requestsMillionsPerMonth: 1,
};

export interface CostLine {
  readonly component: string;
  readonly item: string;
  readonly monthlyUsd: number;
  /** How the figure was computed, for the reader to check. */
  readonly basis: string;
  /** True when a price comes from a secondary source. */
  readonly estimated: boolean;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly totalMonthlyUsd: number;
}

const DAYS_PER_MONTH = 30;
const CENTS_PER_DOLLAR = 100;

/** Rounds to cents, so the lines add up to the total as printed. */
function roundToCents(usd: number): number {
  return Math.round(usd * CENTS_PER_DOLLAR) / CENTS_PER_DOLLAR;
}

function line(component: string, item: string, usd: number, basis: string, estimated = false): CostLine {
  return { component, item, monthlyUsd: roundToCents(usd), basis, estimated };
}

function fargateLines(bom: BillOfMaterials, prices: RegionPrices): CostLine[] {
  const { tasks, vcpuPerTask, memoryGbPerTask, architecture } = bom.fargate;
  const spotTasks = bom.fargate.spotTasks ?? 0;
  const onDemandTasks = tasks - spotTasks;
  const name = PRICE_LIST_ARCHITECTURE[architecture];
  const lines: CostLine[] = [];
  const priced = (label: string, count: number, rate: FargateRate, estimated: boolean) => {
    const vcpuHours = count * vcpuPerTask * HOURS_PER_MONTH;
    const gbHours = count * memoryGbPerTask * HOURS_PER_MONTH;
    lines.push(
      line("service", `${label} vCPU (${name})`, vcpuHours * rate.perVcpuHour,
        `${count} task(s) x ${vcpuPerTask} vCPU x ${HOURS_PER_MONTH} h x $${rate.perVcpuHour}`, estimated),
      line("service", `${label} memory (${name})`, gbHours * rate.perGbHour,
        `${count} task(s) x ${memoryGbPerTask} GB x ${HOURS_PER_MONTH} h x $${rate.perGbHour}`, estimated),
    );
  };
  if (onDemandTasks > 0) {
    priced("Fargate", onDemandTasks, prices.fargate[architecture], false);
  }
  if (spotTasks > 0) {
    // AWS publishes no fixed Spot rate: the line is an estimate (see fargateSpot in aws-prices.ts).
    priced("Fargate Spot", spotTasks, prices.fargateSpot[architecture], true);
  }
  return lines;
}

function networkLines(bom: BillOfMaterials, usage: UsageAssumptions, prices: RegionPrices): CostLine[] {
  const lines = [
    line("load-balancer", "Application Load Balancer", HOURS_PER_MONTH * prices.albPerHour,
      `${HOURS_PER_MONTH} h x $${prices.albPerHour}`),
    line("load-balancer", "Load balancer capacity units", usage.albAverageLcu * HOURS_PER_MONTH * prices.albPerLcuHour,
      `${usage.albAverageLcu} LCU x ${HOURS_PER_MONTH} h x $${prices.albPerLcuHour}`),
    line("load-balancer", "Public IPv4 addresses", bom.loadBalancer.publicIpv4Addresses * HOURS_PER_MONTH * prices.publicIpv4PerHour,
      `${bom.loadBalancer.publicIpv4Addresses} address(es) x ${HOURS_PER_MONTH} h x $${prices.publicIpv4PerHour}`),
    line("load-balancer", "Internet egress", usage.internetEgressGbPerMonth * prices.internetEgressPerGb,
      `${usage.internetEgressGbPerMonth} GB x $${prices.internetEgressPerGb}`),
  ];
  if (bom.natGateways > 0) {
    lines.push(
      line("network", "NAT gateways", bom.natGateways * HOURS_PER_MONTH * prices.natGatewayPerHour,
        `${bom.natGateways} gateway(s) x ${HOURS_PER_MONTH} h x $${prices.natGatewayPerHour}`),
      line("network", "NAT public IPv4 addresses", bom.natGateways * HOURS_PER_MONTH * prices.publicIpv4PerHour,
        `${bom.natGateways} address(es) x ${HOURS_PER_MONTH} h x $${prices.publicIpv4PerHour}`),
      line("network", "NAT data processed", usage.natProcessedGbPerMonth * prices.natGatewayPerGb,
        `${usage.natProcessedGbPerMonth} GB x $${prices.natGatewayPerGb}`),
    );
  }
  const taskAddresses = bom.taskPublicIpv4Addresses ?? 0;
  if (taskAddresses > 0) {
    lines.push(
      line("network", "Task public IPv4 addresses", taskAddresses * HOURS_PER_MONTH * prices.publicIpv4PerHour,
        `${taskAddresses} task(s) x 1 address x ${HOURS_PER_MONTH} h x $${prices.publicIpv4PerHour} (no NAT gateway: tasks reach the providers directly)`),
    );
  }
  return lines;
}

function databaseLines(bom: BillOfMaterials, prices: RegionPrices): CostLine[] {
  if (bom.database === undefined) {
    return [];
  }
  const { instanceClass, multiAz, storageGb } = bom.database;
  const instance = prices.rdsInstances[instanceClass];
  if (instance === undefined) {
    throw new Error(
      `database.instanceClass: no price for "${instanceClass}"; priced classes are ` +
        `${Object.keys(prices.rdsInstances).join(", ")}. Add its price to config/cost/aws-prices.ts with its source.`,
    );
  }
  const perHour = multiAz ? instance.multiAzPerHour : instance.singleAzPerHour;
  const perGb = multiAz ? prices.rdsGp3PerGbMonthMultiAz : prices.rdsGp3PerGbMonthSingleAz;
  const deployment = multiAz ? "Multi-AZ" : "single-AZ";
  return [
    line("database", `RDS ${instanceClass} (${deployment})`, perHour * HOURS_PER_MONTH,
      `${HOURS_PER_MONTH} h x $${perHour}`, instance.estimated),
    line("database", `RDS gp3 storage (${deployment})`, storageGb * perGb, `${storageGb} GB x $${perGb}`),
  ];
}

function redisLines(bom: BillOfMaterials, prices: RegionPrices): CostLine[] {
  if (bom.redis === undefined) {
    return [];
  }
  const { nodeType, nodes } = bom.redis;
  const perHour = prices.elasticacheValkeyNodesPerHour[nodeType];
  if (perHour === undefined) {
    throw new Error(
      `redis.nodeType: no price for "${nodeType}"; priced node types are ` +
        `${Object.keys(prices.elasticacheValkeyNodesPerHour).join(", ")}. Add its price to config/cost/aws-prices.ts with its source.`,
    );
  }
  // Estimated: the Valkey node prices come from a secondary source (see aws-prices.ts).
  return [
    line("redis", `ElastiCache for Valkey ${nodeType}`, nodes * perHour * HOURS_PER_MONTH,
      `${nodes} node(s) x ${HOURS_PER_MONTH} h x $${perHour}`, true),
  ];
}

/**
 * Secrets Manager GetSecretValue calls: ECS fetches each secret once per task start through the
 * execution role; LiteLLM reads none itself. Starts assumed: 30 a month per task (deploys, Spot
 * interruptions, scaling, restarts).
 */
const TASK_STARTS_PER_TASK_MONTH = 30;
const CALLS_PER_PRICED_BATCH = 10_000;

/**
 * Custom metrics Container Insights publishes for one cluster with one Fargate service of one
 * task-definition family (CloudWatch User Guide, "Amazon ECS Container Insights metrics",
 * docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html):
 * CpuUtilized, CpuReserved, MemoryUtilized, MemoryReserved, NetworkRxBytes, NetworkTxBytes,
 * StorageReadBytes, StorageWriteBytes, EphemeralStorageReserved and EphemeralStorageUtilized, each
 * by ClusterName, by ClusterName+ServiceName and by ClusterName+TaskDefinitionFamily (30);
 * DeploymentCount, DesiredTaskCount, PendingTaskCount, RunningTaskCount and TaskSetCount by
 * ClusterName+ServiceName (5); ServiceCount and TaskCount by ClusterName (2). ContainerInstanceCount
 * is EC2-only. Each metric is a custom metric-month.
 */
export const CONTAINER_INSIGHTS_METRICS = 37;
/**
 * Performance log events per task: a Task and a Container event each minute, about 1 KB each
 * (CloudWatch User Guide, "Container Insights performance log events for Amazon ECS"): an estimate.
 */
const CONTAINER_INSIGHTS_KB_PER_TASK_MINUTE = 2;
const MINUTES_PER_HOUR = 60;
const KB_PER_GB = 1e6;

function containerInsightsLine(bom: BillOfMaterials, prices: RegionPrices): CostLine[] {
  if (bom.containerInsights === undefined) {
    return [];
  }
  const { tasks } = bom.containerInsights;
  const logGb = (tasks * CONTAINER_INSIGHTS_KB_PER_TASK_MINUTE * MINUTES_PER_HOUR * HOURS_PER_MONTH) / KB_PER_GB;
  return [
    line("service", "ECS Container Insights",
      CONTAINER_INSIGHTS_METRICS * prices.customMetricPerMonth + logGb * prices.logsIngestPerGb,
      `${CONTAINER_INSIGHTS_METRICS} custom metrics x $${prices.customMetricPerMonth} + ${tasks} task(s) x ~${CONTAINER_INSIGHTS_KB_PER_TASK_MINUTE} KB/minute of performance logs = ${shown(logGb)} GB x $${prices.logsIngestPerGb}`,
      true),
  ];
}

function operationsLines(bom: BillOfMaterials, usage: UsageAssumptions, prices: RegionPrices): CostLine[] {
  // Steady state: a month's ingest is kept for the retention period.
  const storedGb = usage.logIngestGbPerMonth * (bom.logRetentionDays / DAYS_PER_MONTH);
  const secretCalls = bom.fargate.tasks * TASK_STARTS_PER_TASK_MONTH * bom.secrets;
  const lines = [
    line("secrets", "Secrets Manager secrets", bom.secrets * prices.secretPerMonth,
      `${bom.secrets} secret(s) x $${prices.secretPerMonth}`),
    line("secrets", "Secrets Manager API calls", (secretCalls / CALLS_PER_PRICED_BATCH) * prices.secretsApiCallsPer10k,
      `${bom.fargate.tasks} task(s) x ~${TASK_STARTS_PER_TASK_MONTH} starts/month (deploys, Spot interruptions, scaling) x ${bom.secrets} secret(s) = ${secretCalls} calls x $${prices.secretsApiCallsPer10k}/10,000`),
    line("logs", "CloudWatch Logs ingestion", usage.logIngestGbPerMonth * prices.logsIngestPerGb,
      `${usage.logIngestGbPerMonth} GB x $${prices.logsIngestPerGb}`),
    line("logs", "CloudWatch Logs storage", storedGb * prices.logsStoragePerGbMonth,
      `${usage.logIngestGbPerMonth} GB/month x ${bom.logRetentionDays}/${DAYS_PER_MONTH} months kept x $${prices.logsStoragePerGbMonth}`),
  ];
  if (bom.alarms > 0) {
    lines.push(line("alarms", "CloudWatch alarms", bom.alarms * prices.alarmPerMonth,
      `${bom.alarms} alarm(s) x $${prices.alarmPerMonth}`));
  }
  if (bom.kmsKeys > 0) {
    // Requests are not a line: SNS reuses a data key for up to 5 minutes (SNS Developer Guide,
    // "Estimating AWS KMS costs": 2 calls per publisher per reuse period), so even alarms notifying
    // all month make at most 2 x 8,640 calls: under $0.06, and inside KMS's 20,000 free a month.
    lines.push(line("alarms", "KMS key (alarm topic)", bom.kmsKeys * prices.kmsKeyPerMonth,
      `${bom.kmsKeys} key(s) x $${prices.kmsKeyPerMonth}; requests at $${prices.kmsRequestsPer10k} per 10,000 are a few per notification`));
  }
  if (bom.waf !== undefined) {
    lines.push(line("waf", "WAF web ACL and rules",
      prices.wafWebAclPerMonth + bom.waf.rules * prices.wafRulePerMonth + usage.requestsMillionsPerMonth * prices.wafPerMillionRequests,
      `$${prices.wafWebAclPerMonth} + ${bom.waf.rules} rule(s) x $${prices.wafRulePerMonth} + ${usage.requestsMillionsPerMonth}M requests x $${prices.wafPerMillionRequests}`));
  }
  return lines;
}

/** Decimal GB, as a conservative reading of AWS's GB (2^30 bytes): volumes come out about 7% high. */
const BYTES_PER_GB = 1e9;
const REQUESTS_PER_MILLION = 1e6;
/**
 * Bytes per log record, uncompressed (storage is priced on them too, though S3 holds ALB logs
 * gzipped and CloudWatch bills archived logs compressed: both upper bounds).
 * - An ALB access log line: about 30 space-separated fields, the request line, user agent and
 *   target group ARN among them (Elastic Load Balancing User Guide, "Access log entries"): ~500 bytes.
 * - A WAF log record: JSON with the request's headers (redacted ones included as REDACTED), URI,
 *   client IP, country, action and every rule group evaluated: ~1,500 bytes.
 * - A VPC flow log record in the default format: 14 space-separated fields (~110 bytes) plus
 *   CloudWatch's per-event overhead: ~150 bytes.
 */
const ACCESS_LOG_BYTES_PER_REQUEST = 500;
const WAF_LOG_BYTES_PER_REQUEST = 1500;
const FLOW_LOG_BYTES_PER_RECORD = 150;
/**
 * Flow log records per request: one record per direction per network interface a flow crosses
 * within an aggregation interval. Client to load balancer (2), task to NAT gateway to provider
 * (task 2, NAT 4), plus a share of health checks and database, Redis and pooled connections: ~10.
 */
const FLOW_LOG_RECORDS_PER_REQUEST = 10;
/** ELB publishes one access log file per load balancer node every 5 minutes; at least one node per zone. */
const ACCESS_LOG_FILES_PER_NODE_HOUR = 12;
const PUTS_PER_PRICED_BATCH = 1000;

/** A volume as the basis shows it: at most three decimals. */
function shown(gb: number): number {
  return Math.round(gb * PUTS_PER_PRICED_BATCH) / PUTS_PER_PRICED_BATCH;
}

function gbPerMonth(requestsMillions: number, bytesPerRequest: number): number {
  return (requestsMillions * REQUESTS_PER_MILLION * bytesPerRequest) / BYTES_PER_GB;
}

/** The access-log bucket (S3 storage and ELB's PUTs; delivery itself is free) and the WAF and flow log groups. */
function securityLogLines(bom: BillOfMaterials, usage: UsageAssumptions, prices: RegionPrices): CostLine[] {
  const logs = bom.securityLogs;
  if (logs === undefined) {
    return [];
  }
  const keptMonths = logs.retentionDays / DAYS_PER_MONTH;
  const kept = `kept ${logs.retentionDays}/${DAYS_PER_MONTH} months`;
  const lines: CostLine[] = [];
  if (logs.albAccessLogs) {
    const gb = gbPerMonth(usage.requestsMillionsPerMonth, ACCESS_LOG_BYTES_PER_REQUEST);
    const puts = bom.loadBalancer.publicIpv4Addresses * ACCESS_LOG_FILES_PER_NODE_HOUR * HOURS_PER_MONTH;
    lines.push(line("security-logs", "Load balancer access logs (S3)",
      gb * keptMonths * prices.s3StandardPerGbMonth + (puts / PUTS_PER_PRICED_BATCH) * prices.s3PutPer1000,
      `${usage.requestsMillionsPerMonth}M requests x ${ACCESS_LOG_BYTES_PER_REQUEST} B = ${shown(gb)} GB/month, ${kept} x $${prices.s3StandardPerGbMonth}; ` +
        `${bom.loadBalancer.publicIpv4Addresses} node(s) x ${ACCESS_LOG_FILES_PER_NODE_HOUR} files/h x ${HOURS_PER_MONTH} h = ${puts} PUTs x $${prices.s3PutPer1000}/1,000`));
  }
  const logGroupLine = (item: string, gb: number, volume: string) =>
    line("security-logs", item, gb * prices.logsVendedIngestPerGb + gb * keptMonths * prices.logsStoragePerGbMonth,
      `${volume} = ${shown(gb)} GB/month x $${prices.logsVendedIngestPerGb} (vended) + ${kept} x $${prices.logsStoragePerGbMonth}`);
  if (logs.wafLogs) {
    const gb = gbPerMonth(usage.requestsMillionsPerMonth, WAF_LOG_BYTES_PER_REQUEST);
    lines.push(logGroupLine("WAF logs (CloudWatch Logs)", gb, `${usage.requestsMillionsPerMonth}M requests x ${WAF_LOG_BYTES_PER_REQUEST} B`));
  }
  if (logs.flowLogs) {
    const gb = gbPerMonth(usage.requestsMillionsPerMonth, FLOW_LOG_RECORDS_PER_REQUEST * FLOW_LOG_BYTES_PER_RECORD);
    lines.push(logGroupLine("VPC flow logs (CloudWatch Logs)", gb,
      `${usage.requestsMillionsPerMonth}M requests x ${FLOW_LOG_RECORDS_PER_REQUEST} records x ${FLOW_LOG_BYTES_PER_RECORD} B`));
  }
  return lines;
}

/** Prices every line of the bill of materials; the total is the sum of the rounded lines. */
export function estimateMonthlyCost(
  bom: BillOfMaterials,
  usage: UsageAssumptions,
  prices: RegionPrices,
): CostEstimate {
  const lines = [
    ...fargateLines(bom, prices),
    ...networkLines(bom, usage, prices),
    ...containerInsightsLine(bom, prices),
    ...databaseLines(bom, prices),
    ...redisLines(bom, prices),
    ...operationsLines(bom, usage, prices),
    ...securityLogLines(bom, usage, prices),
  ];
  const totalMonthlyUsd = roundToCents(lines.reduce((sum, costLine) => sum + costLine.monthlyUsd, 0));
  return { lines, totalMonthlyUsd };
}
