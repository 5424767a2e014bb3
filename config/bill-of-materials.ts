/**
 * What a stack creates that costs money, computed from the plain stack settings and the catalog:
 * the same values the components pass to AWS (tasks, task size, NAT gateways, database class,
 * secrets, log retention). The program exports its estimate from this, the plan prints it, and
 * test/plan cross-checks it against the mocked registrations so the two cannot drift.
 */
import { catalogSecretEnvNames } from "./catalog-secrets";
import type { Catalog } from "./catalog-types";
import type { BillOfMaterials, CpuArchitecture as PricedArchitecture } from "./cost-model";
import { DATABASE_PASSWORD_ENV } from "./database-environment";
import { CPU_UNITS_PER_VCPU } from "./fargate-sizes";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "./proxy-runtime";
import type { CpuArchitecture, StackSettings } from "./stack-settings";

const MIB_PER_GB = 1024;

/**
 * The secrets GatewaySecrets generates besides the provider keys: the master key, the salt key and
 * the database password (the Database component stores none of its own: RDS-managed passwords are
 * off on purpose).
 */
export const GENERATED_SECRET_NAMES: readonly string[] = [MASTER_KEY_ENV, SALT_KEY_ENV, DATABASE_PASSWORD_ENV];

const PRICED_ARCHITECTURE: Record<CpuArchitecture, PricedArchitecture> = { X86_64: "x86_64", ARM64: "arm64" };

/** NAT gateways this stack creates: none in an existing VPC, whose NAT belongs to its owner. */
export function natGatewayCount(network: StackSettings["network"]): number {
  if (network.kind === "existing") {
    return 0;
  }
  return network.natGateways === "single" ? 1 : network.availabilityZones;
}

/**
 * Zones the public load balancer spans (one public subnet per zone): AWS bills a public IPv4
 * address per zone. A new VPC has one public subnet per zone; an existing one, those listed.
 */
export function loadBalancerZoneCount(network: StackSettings["network"]): number {
  return network.kind === "existing" ? network.publicSubnetIds.length : network.availabilityZones;
}

/** The priced resources of `stack` with these settings and this catalog. */
export function billOfMaterials(settings: StackSettings, catalog: Catalog, stack: string): BillOfMaterials {
  const { service, database } = settings;
  return {
    fargate: {
      tasks: service.desiredCount,
      vcpuPerTask: service.cpu / CPU_UNITS_PER_VCPU,
      memoryGbPerTask: service.memoryMib / MIB_PER_GB,
      architecture: PRICED_ARCHITECTURE[service.cpuArchitecture],
    },
    loadBalancer: { publicIpv4Addresses: loadBalancerZoneCount(settings.network) },
    natGateways: natGatewayCount(settings.network),
    database: { instanceClass: database.instanceClass, multiAz: database.multiAz, storageGb: database.allocatedStorageGib },
    secrets: catalogSecretEnvNames(catalog, stack).length + GENERATED_SECRET_NAMES.length,
    logRetentionDays: settings.logRetentionDays,
    alarms: 0,
  };
}

/**
 * What the estimate leaves out, for the reader to weigh. Each is small or outside this stack;
 * none is silently assumed to be zero.
 */
export function costEstimateExclusions(settings: StackSettings): string[] {
  const exclusions = [
    "Provider (LLM) usage: billed by OpenAI, Anthropic or Bedrock per token, not by this stack.",
    "ECS Container Insights metrics (enabled on the cluster), Secrets Manager API calls, S3 storage of config.yaml (kilobytes), RDS backups up to the provisioned size (free).",
    "Storage autoscaling: priced at the allocated size, not the ceiling.",
  ];
  if (settings.network.kind === "existing") {
    exclusions.unshift(
      `Existing VPC ${settings.network.vpcId}: its NAT gateways and their data processing are billed to the VPC, not created by this stack, so not estimated here.`,
    );
  }
  return exclusions;
}
