/**
 * What a stack creates that costs money, computed from the plain stack settings and the catalog:
 * the same values the components pass to AWS (tasks, task size, NAT gateways, database class,
 * secrets, log retention). The program exports its estimate from this, the plan prints it, and
 * test/plan cross-checks it against the mocked registrations so the two cannot drift.
 */
import { billedWafRuleCount, webAclRuleSpecs } from "../access/web-acl-rules";
import { gatewayAlarmSpecs } from "../alarms/gateway-alarm-specs";
import { catalogSecretEnvNames } from "../catalog/catalog-secrets";
import type { Catalog } from "../catalog/catalog-types";
import { DATABASE_PASSWORD_ENV } from "../litellm/database-environment";
import { MASTER_KEY_ENV, SALT_KEY_ENV, UI_PASSWORD_ENV } from "../litellm/proxy-runtime";
import { REDIS_PASSWORD_ENV } from "../litellm/redis-environment";
import { natGatewaysFor, taskPublicIpv4For } from "../settings/egress";
import type { EgressMode } from "../settings/egress";
import { onDemandTasks, usesSpot } from "../settings/fargate-capacity";
import { CPU_UNITS_PER_VCPU } from "../settings/fargate-sizes";
import { managedHostedZone } from "../settings/ingress-tls";
import { isAutoscaled } from "../settings/service-task-counts";
import type { StackSettings } from "../settings/stack-settings";
import type { BillOfMaterials } from "./cost-model";

const MIB_PER_GB = 1024;

/**
 * The secrets GatewaySecrets generates besides the provider keys: the master key, the salt key and
 * the database password (the Database component stores none of its own: RDS-managed passwords are
 * off on purpose).
 */
export const GENERATED_SECRET_NAMES: readonly string[] = [MASTER_KEY_ENV, SALT_KEY_ENV, DATABASE_PASSWORD_ENV];

/**
 * The generated secrets of a stack: the three above, plus the Redis AUTH token when it has Redis
 * and the Admin UI's password when adminUi is on.
 */
export function generatedSecretNames(settings: StackSettings): string[] {
  return [
    // A master key the stack does not generate is a secret it does not create (existingMasterKeySecretArn).
    ...GENERATED_SECRET_NAMES.filter(
      (secretName) =>
        !(secretName === MASTER_KEY_ENV && settings.existingMasterKeySecretArn !== undefined) &&
        !(secretName === DATABASE_PASSWORD_ENV && settings.existingDatabase !== undefined),
    ),
    ...(settings.redis === undefined ? [] : [REDIS_PASSWORD_ENV]),
    ...(settings.adminPlane.adminUi ? [UI_PASSWORD_ENV] : []),
  ];
}

/** NAT gateways this stack creates: none in an existing VPC, whose NAT belongs to its owner, and none with public-subnets egress. */
export function natGatewayCount(network: StackSettings["network"]): number {
  return network.kind === "existing" ? 0 : natGatewaysFor(network.egress, network.availabilityZones);
}

/** Public IPv4 addresses of the tasks themselves: one per task with public-subnets egress, none otherwise. */
export function taskPublicIpv4Count(settings: StackSettings): number {
  return settings.network.kind === "existing" ? 0 : taskPublicIpv4For(settings.network.egress, settings.service.desiredCount);
}

/**
 * Zones the public load balancer spans (one public subnet per zone): AWS bills a public IPv4
 * address per zone. A new VPC has one public subnet per zone; an existing one, those listed.
 */
export function loadBalancerZoneCount(network: StackSettings["network"]): number {
  return network.kind === "existing" ? network.publicSubnetIds.length : network.availabilityZones;
}

/** CloudWatch alarms GatewayAlarms creates: none with `alarms: false` (the SNS topic and e-mail are free at this volume). */
export function alarmCount(settings: StackSettings): number {
  if (!settings.alarms.enabled) {
    return 0;
  }
  return gatewayAlarmSpecs({
    cpu: settings.service.cpu,
    desiredCount: settings.service.desiredCount,
    maxCount: settings.service.maxCount,
    ...(settings.database === undefined ? {} : { dbInstanceClass: settings.database.instanceClass, dbAllocatedStorageGib: settings.database.allocatedStorageGib }),
  }).length;
}

/** Customer managed KMS keys: the alarm topic's key (components/gateway-alarms.ts), when alarms are on. */
export function kmsKeyCount(settings: StackSettings): number {
  return settings.alarms.enabled ? 1 : 0;
}

/** The priced resources of `stack` with these settings and this catalog. */
export function billOfMaterials(settings: StackSettings, catalog: Catalog, stack: string): BillOfMaterials {
  const { service, database } = settings;
  return {
    fargate: {
      tasks: service.desiredCount,
      // Base tasks on-demand, the rest on Spot (config/settings/fargate-capacity.ts).
      spotTasks: service.desiredCount - onDemandTasks(service, service.desiredCount),
      vcpuPerTask: service.cpu / CPU_UNITS_PER_VCPU,
      memoryGbPerTask: service.memoryMib / MIB_PER_GB,
      architecture: service.cpuArchitecture,
    },
    // An internal load balancer has no public address to pay for.
    loadBalancer: { publicIpv4Addresses: settings.ingress.scheme === "internal" ? 0 : loadBalancerZoneCount(settings.network) },
    natGateways: natGatewayCount(settings.network),
    taskPublicIpv4Addresses: taskPublicIpv4Count(settings),
    ...(settings.network.kind === "existing" ? {} : { egress: { mode: settings.network.egress, availabilityZones: settings.network.availabilityZones } }),
    // An existing database (existingDatabase) is its owner's bill.
    ...(database === undefined ? {} : { database: { instanceClass: database.instanceClass, multiAz: database.multiAz, storageGb: database.allocatedStorageGib } }),
    ...(settings.redis === undefined ? {} : { redis: { nodeType: settings.redis.nodeType, nodes: settings.redis.nodes } }),
    secrets: catalogSecretEnvNames(catalog, stack).length + generatedSecretNames(settings).length,
    ...(service.containerInsights === true ? { containerInsights: { tasks: service.desiredCount } } : {}),
    logRetentionDays: settings.logRetentionDays,
    alarms: alarmCount(settings),
    kmsKeys: kmsKeyCount(settings),
    // Each managed rule group is billed as one rule, like the rate-based rule and each custom rule.
    ...(settings.waf === undefined ? {} : { waf: { rules: billedWafRuleCount(webAclRuleSpecs(settings.waf.rateLimitPer5Min, settings.waf.maxRequestBodyMib)) } }),
    ...securityLogsBill(settings),
  };
}

/** The forensic logs the stack creates: none when access logs and flow logs are both off. */
function securityLogsBill(settings: StackSettings): Pick<BillOfMaterials, "securityLogs"> {
  const { accessLogs, flowLogs, retentionDays } = settings.securityLogs;
  if (!accessLogs && !flowLogs) {
    return {};
  }
  // WAF logs exist with access logs on and a WAF; flow logs never in an existing VPC (the settings resolve that).
  return { securityLogs: { albAccessLogs: accessLogs, wafLogs: accessLogs && settings.waf !== undefined, flowLogs, retentionDays } };
}

/**
 * What the estimate leaves out, for the reader to weigh. Each is small or outside this stack;
 * none is silently assumed to be zero.
 */
export function costEstimateExclusions(settings: StackSettings): string[] {
  const exclusions = [
    "Provider (LLM) usage: billed by OpenAI, Anthropic or Bedrock per token, not by this stack.",
    "S3 storage of config.yaml (kilobytes), RDS backups up to the provisioned size (free).",
    "Storage autoscaling: priced at the allocated size, not the ceiling.",
  ];
  if (isAutoscaled(settings.service)) {
    exclusions.push(
      `Service autoscaling: priced at desiredCount (${settings.service.desiredCount} tasks); each task autoscaling adds, up to maxCount (${settings.service.maxCount}), costs ${usesSpot(settings.service) ? "the Spot rate" : "the same"} per hour while it runs.`,
    );
  }
  if (settings.network.kind === "new") {
    exclusions.push(...egressExclusions(settings.network.egress));
  }
  if (settings.alarms.enabled) {
    exclusions.push(
      "Alarms are priced one alarm-month each; AWS may bill the two metric-math alarms (5xx rate, running-task shortfall) per metric they read: two more alarm-months at most.",
      "The alarm topic's KMS key is priced for its first year: with yearly rotation on, each of the first two rotations adds one more key-month price and AWS caps it there (three times that line from the third year).",
    );
  }
  if (settings.alarms.enabled && settings.monthlySpendAlarmUsd !== undefined) {
    exclusions.push(
      `Spend budget (monthlySpendAlarmUsd $${settings.monthlySpendAlarmUsd}): $0. AWS Budgets bills only budgets with actions ($0.10 per budget-day after 62 free) and reports ($0.01 each); a budget that only notifies is "$0.00 for Budget-days" (AWS price list, AWSBudgets, BudgetsUsage). It watches the account's AWS bill; OpenAI and Anthropic usage is not in it.`,
    );
  }
  if (settings.waf !== undefined) {
    exclusions.push(
      "WAF: each managed rule group is billed as one rule; only AWS's free groups are used (no Bot Control or fraud prevention fees), and the web ACL stays under the 1,500 capacity units the base price includes.",
    );
  }
  if (settings.securityLogs.accessLogs || settings.securityLogs.flowLogs) {
    exclusions.push(
      "Security logs: volumes follow the requests assumption at stated bytes per record (see the lines); reading them is extra (CloudWatch Logs Insights per GB scanned, S3 GETs or Athena per query), and KMS is not used (SSE-S3 for the access logs; CloudWatch Logs' own encryption for the log groups).",
    );
  }
  if (settings.network.kind === "existing") {
    exclusions.push(`Existing VPC ${settings.network.vpcId}: no flow logs are created or priced; they are the VPC owner's to turn on.`);
  }
  const hostedZone = managedHostedZone(settings.ingress.tls);
  if (hostedZone !== undefined) {
    exclusions.push(
      `Custom domain: the Route 53 hosted zone ${hostedZone} is yours, not created by this stack (a hosted zone is $0.50/month); queries to the alias record of the load balancer are free, and ${settings.ingress.tls.kind === "issued-certificate" ? "the ACM public certificate the stack issues is free" : "your own certificate is not billed by this stack"}.`,
    );
  }
  if (settings.network.kind === "existing") {
    exclusions.unshift(
      `Existing VPC ${settings.network.vpcId}: its NAT gateways and their data processing are billed to the VPC, not created by this stack, so not estimated here.`,
    );
  }
  return exclusions;
}

/** What the egress lines leave out, per mode. */
function egressExclusions(mode: EgressMode): string[] {
  switch (mode) {
    case "public-subnets":
      return [
        "Task public IPv4 addresses are priced at desiredCount; each task that autoscaling or a rolling deployment adds holds one more address ($0.005/h) while it runs. Data the tasks send to the providers is billed as internet egress in every mode (no NAT processing here).",
      ];
    case "single-nat":
      return [
        "Single NAT gateway: tasks in the other zones reach it across zones, billed as inter-AZ data transfer (not in the price table; cents at these volumes).",
      ];
    case "nat-per-az":
      return [];
  }
}
