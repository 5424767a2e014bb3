/**
 * Checks shared by the plan tests: the bill of materials against what the program registered
 * (so the estimate and the stack cannot drift apart), and the plan document's promises.
 */
import { expect } from "vitest";

import { catalog } from "../../config/catalog";
import { catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { billOfMaterials } from "../../config/cost/bill-of-materials";
import type { BillOfMaterials } from "../../config/cost/cost-model";
import { decodeConfigValue } from "../../config/settings/load-stack-settings";
import { CONFIG_NAMESPACE, parseStackSettings } from "../../config/settings/stack-settings";
import type { StackSettings } from "../../config/settings/stack-settings";
import { GENERATED_MARKER } from "../../offline/run-stack-offline";
import type { RecordedResource, StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { WRAP_COLUMNS } from "../../scripts/offline/wrap-text";

/** The settings the program read, parsed again from the config it was given. */
export function settingsOf(run: StackRun): StackSettings {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return parseStackSettings(
    Object.fromEntries(
      Object.entries(run.config)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, text]) => [key.slice(prefix.length), decodeConfigValue(text)]),
    ),
  );
}

export function billOf(run: StackRun, stack: string): BillOfMaterials {
  return billOfMaterials(settingsOf(run), catalog, stack);
}

function registered(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

function single(run: StackRun, type: string): RecordedResource {
  const found = registered(run, type);
  expect(found.map((resource) => resource.name), type).toHaveLength(1);
  return found[0];
}

function byName(run: StackRun, name: string): RecordedResource {
  const found = run.resources.filter((resource) => resource.name === name);
  expect(found.map((resource) => resource.type), name).toHaveLength(1);
  return found[0];
}

/**
 * The priced forensic logs are exactly those registered: the access-log bucket and the load
 * balancer's attribute, the WAF's logging configuration, the flow log, each kept as long as priced.
 */
function expectSecurityLogsMatch(run: StackRun, bom: BillOfMaterials): void {
  const logs = bom.securityLogs;
  const accessLogBuckets = registered(run, "litellm-gateway:index:AccessLogBucket");
  expect(accessLogBuckets).toHaveLength(logs?.albAccessLogs === true ? 1 : 0);
  const loadBalancer = single(run, "aws:lb/loadBalancer:LoadBalancer").inputs;
  expect(loadBalancer.accessLogs?.enabled === true).toBe(logs?.albAccessLogs === true);
  expect(registered(run, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")).toHaveLength(logs?.wafLogs === true ? 1 : 0);
  expect(registered(run, "aws:ec2/flowLog:FlowLog")).toHaveLength(logs?.flowLogs === true ? 1 : 0);
  if (logs === undefined) {
    return;
  }
  if (logs.albAccessLogs) {
    const lifecycle = single(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs;
    expect(lifecycle.rules[0].expiration.days).toBe(logs.retentionDays);
  }
  if (logs.wafLogs) {
    expect(byName(run, "litellm-waf-logs").inputs.retentionInDays).toBe(logs.retentionDays);
  }
  if (logs.flowLogs) {
    expect(byName(run, "litellm-flow-logs-logs").inputs.retentionInDays).toBe(logs.retentionDays);
  }
}

/** awsx's NAT strategies, as gateways per stack for `zones` availability zones. */
function natGatewaysOf(strategy: string, zones: number): number {
  switch (strategy) {
    case "None":
      return 0;
    case "Single":
      return 1;
    case "OnePerAz":
      return zones;
    default:
      throw new Error(`unknown awsx NAT strategy ${strategy}`);
  }
}

/** Every priced quantity of the bill equals what the program passed to AWS. */
export function expectBillMatchesRegistrations(run: StackRun, bom: BillOfMaterials): void {
  const task = single(run, "aws:ecs/taskDefinition:TaskDefinition").inputs;
  expect(Number(task.cpu)).toBe(bom.fargate.vcpuPerTask * 1024);
  expect(Number(task.memory)).toBe(bom.fargate.memoryGbPerTask * 1024);
  expect(task.runtimePlatform.cpuArchitecture).toBe(bom.fargate.architecture);
  const service = single(run, "aws:ecs/service:Service").inputs;
  expect(service.desiredCount).toBe(bom.fargate.tasks);
  // The tasks priced at the Spot rate are those the registered strategy places on FARGATE_SPOT:
  // all of them without an on-demand provider, else those above the on-demand base.
  const strategy: { capacityProvider: string; base: number; weight: number }[] = service.capacityProviderStrategies;
  const onDemand = strategy.find((item) => item.capacityProvider === "FARGATE");
  const spotProvider = strategy.some((item) => item.capacityProvider === "FARGATE_SPOT");
  const expectedSpot = !spotProvider ? 0 : onDemand === undefined ? bom.fargate.tasks : Math.max(0, bom.fargate.tasks - onDemand.base);
  if (onDemand !== undefined && spotProvider) {
    expect(onDemand.weight).toBe(0); // above its base, FARGATE gets no task
  }
  expect(bom.fargate.spotTasks ?? 0).toBe(expectedSpot);

  const database = single(run, "aws:rds/instance:Instance").inputs;
  expect({ instanceClass: database.instanceClass, multiAz: database.multiAz, storageGb: database.allocatedStorage }).toEqual(bom.database);

  const loadBalancer = single(run, "aws:lb/loadBalancer:LoadBalancer").inputs;
  const vpcs = registered(run, "awsx:ec2:Vpc");
  if (vpcs.length === 0) {
    // An existing VPC: its NAT is not ours; the load balancer spans exactly the subnets given.
    expect(bom.natGateways).toBe(0);
    expect(loadBalancer.subnets).toHaveLength(bom.loadBalancer.publicIpv4Addresses);
  } else {
    const vpc = single(run, "awsx:ec2:Vpc").inputs;
    const zones = vpc.numberOfAvailabilityZones as number;
    expect(natGatewaysOf(vpc.natGateways.strategy as string, zones)).toBe(bom.natGateways);
    // A task holds a public IPv4 address exactly when the service assigns one.
    const assignsPublicIp = single(run, "aws:ecs/service:Service").inputs.networkConfiguration.assignPublicIp === true;
    expect(bom.taskPublicIpv4Addresses).toBe(assignsPublicIp ? bom.fargate.tasks : 0);
    // awsx makes one public subnet per zone (the mock cannot show them): the load balancer gets
    // the VPC's public subnets, one public IPv4 address per zone.
    expect(bom.loadBalancer.publicIpv4Addresses).toBe(zones);
    expect(loadBalancer.subnets).toEqual(["subnet-0000000000000000c", "subnet-0000000000000000d"]);
  }

  expect(registered(run, "aws:secretsmanager/secret:Secret")).toHaveLength(bom.secrets);
  expect(byName(run, "litellm-proxy-logs").inputs.retentionInDays).toBe(bom.logRetentionDays);
  expectSecurityLogsMatch(run, bom);
  const redisGroups = registered(run, "aws:elasticache/replicationGroup:ReplicationGroup");
  expect(redisGroups).toHaveLength(bom.redis === undefined ? 0 : 1);
  if (bom.redis !== undefined) {
    expect({ nodeType: redisGroups[0].inputs.nodeType, nodes: redisGroups[0].inputs.numCacheClusters }).toEqual(bom.redis);
  }
  const webAcls = registered(run, "aws:wafv2/webAcl:WebAcl");
  expect(webAcls).toHaveLength(bom.waf === undefined ? 0 : 1);
  if (bom.waf !== undefined) {
    // AWS bills each top-level rule of the ACL once: a managed rule group or the rate-based rule.
    expect(webAcls[0].inputs.rules).toHaveLength(bom.waf.rules);
  }
  expect(registered(run, "aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(bom.alarms);
  expect(registered(run, "aws:kms/key:Key")).toHaveLength(bom.kmsKeys);
  // With autoscaling the estimate prices the floor: the scaling target's minimum is the priced task count.
  for (const target of registered(run, "aws:appautoscaling/target:Target")) {
    expect(target.inputs.minCapacity).toBe(bom.fargate.tasks);
  }
}

/** The plan's document: complete, consistent, and free of secrets and holes. */
export function expectCompletePlan(report: PlanReport, stack: string): void {
  const text = JSON.stringify(report);
  expect(report.stack).toBe(stack);
  expect(report.region).toBe("us-east-1");
  expect(text).not.toContain("undefined");
  expect(text).not.toContain("[object Object]");
  expect(text).not.toContain(GENERATED_MARKER);
  expect(report.secrets.map((secret) => secret.name)).toEqual(catalogSecretEnvNames(catalog, stack));
  for (const secret of report.secrets) {
    expect(secret.beforeDeploy).toBe(`pulumi config set --secret --stack ${stack} ${secret.name}`);
    expect(secret.afterDeploy.join(" ")).toContain(`aws secretsmanager put-secret-value`);
    expect(secret.afterDeploy.join(" ")).toContain(`.${secret.name})`);
  }
  // The Redis AUTH token is generated exactly when the plan creates a replication group.
  const hasRedis = report.resources.some((component) =>
    component.resources.some((resource) => resource.token === "aws:elasticache/replicationGroup:ReplicationGroup"),
  );
  expect(report.generatedSecrets).toEqual(["LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "DATABASE_PASSWORD", ...(hasRedis ? ["REDIS_PASSWORD"] : [])]);
  const summed = report.cost.lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  expect(report.cost.totalMonthlyUsd).toBeCloseTo(summed, 6);
  expect(report.cost.pricesAsOf).toMatch(/^\d{4}-\d{2}$/);
  expect(report.cost.pricesSource).toContain("us-east-1");
  expect(report.findings).toEqual([]);
  // Every AWS-bound value was held to its documented rule (a violation would have failed the plan).
  expect(report.awsFieldRules.checkedValues).toBeGreaterThan(report.resourceCount);
  expect(report.awsFieldRules.rules).toBeGreaterThan(40);
  expect(report.resourceCount).toBe(report.resources.reduce((count, component) => count + component.resources.length, 0));
}

/** The cost of one line of the plan, by item name; fails when absent. */
export function lineCost(report: PlanReport, item: string): number {
  const found = report.cost.lines.find((line) => line.item === item);
  if (found === undefined) {
    throw new Error(`no cost line "${item}"; lines: ${report.cost.lines.map((line) => line.item).join(", ")}`);
  }
  return found.monthlyUsd;
}

/**
 * The plan's text reads in a 100-column terminal: a longer line is one token that cannot be broken
 * (an ARN, a quoted command substitution), alone on its line apart from a shell continuation.
 */
export function expectFitsTerminal(text: string): void {
  const tooLong = text.split("\n").filter((line) => line.length > WRAP_COLUMNS);
  for (const line of tooLong) {
    const token = line.trim().replace(/ \\$/, "");
    expect(/^"[^"]*"$/.test(token) || !token.includes(" "), `a breakable line over ${WRAP_COLUMNS} columns: ${line}`).toBe(true);
  }
}
