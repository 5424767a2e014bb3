/**
 * How tasks reach the LLM providers, ghcr.io and the AWS APIs from a VPC the stack creates (the
 * `egress` setting): what each mode builds, what it costs and what it risks. Pure: the schema,
 * the Network component, the bill of materials and the plan read the same table.
 *
 * - `nat-per-az`: tasks in private subnets, a NAT gateway in each zone. A zone outage takes only
 *   that zone's tasks' way out with it; fixed egress addresses (one per zone) a provider can allowlist.
 * - `single-nat`: tasks in private subnets, one NAT gateway for all zones. Tasks in other zones
 *   cross zones to reach it, and if its zone fails every task loses its way out: no longer highly
 *   available, however many tasks run.
 * - `public-subnets`: tasks in public subnets with a public IPv4 address each and no NAT at all;
 *   the database and Redis sit in isolated subnets with no route out of the VPC. Ingress to the
 *   tasks stays the load balancer's security group only (NetworkSecurity), but a task is an
 *   internet-addressed host (AWS Security Hub ECS.2), its address changes with every task, so a
 *   provider cannot allowlist it, and each address is billed. Refused where the stack is marked as
 *   production (dbDeletionProtection true).
 */

export const EGRESS_MODES = ["nat-per-az", "single-nat", "public-subnets"] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];

/** awsx's NatGatewayStrategy values (the component maps them to awsx's enum). */
export type NatStrategy = "OnePerAz" | "Single" | "None";
/** awsx's SubnetType values the stack uses. */
export type SubnetTier = "Public" | "Private" | "Isolated";

/** What one egress mode builds in a new VPC. */
export interface EgressLayout {
  readonly natStrategy: NatStrategy;
  /** The subnet types of the VPC in awsx's order; every zone gets one subnet of each. */
  readonly subnetTiers: readonly SubnetTier[];
  /** Where the tasks run. */
  readonly taskTier: SubnetTier;
  /** Where the database and Redis run: never a tier with a route out in the public-subnets mode. */
  readonly dataTier: SubnetTier;
  /** Whether each task gets a public IPv4 address (it needs one to reach anything from a public subnet). */
  readonly assignPublicIp: boolean;
}

const NAT_LAYOUT = { subnetTiers: ["Public", "Private"], taskTier: "Private", dataTier: "Private", assignPublicIp: false } as const;

export const EGRESS_LAYOUTS: Readonly<Record<EgressMode, EgressLayout>> = {
  "nat-per-az": { natStrategy: "OnePerAz", ...NAT_LAYOUT },
  "single-nat": { natStrategy: "Single", ...NAT_LAYOUT },
  "public-subnets": { natStrategy: "None", subnetTiers: ["Public", "Isolated"], taskTier: "Public", dataTier: "Isolated", assignPublicIp: true },
};

/** NAT gateways a mode creates in `zones` zones. */
export function natGatewaysFor(mode: EgressMode, zones: number): number {
  const strategy = EGRESS_LAYOUTS[mode].natStrategy;
  return strategy === "OnePerAz" ? zones : strategy === "Single" ? 1 : 0;
}

/** Public IPv4 addresses the tasks themselves hold: one per running task in the public-subnets mode. */
export function taskPublicIpv4For(mode: EgressMode, tasks: number): number {
  return EGRESS_LAYOUTS[mode].assignPublicIp ? tasks : 0;
}

/** The setting `egress` replaced, and the value of `egress` each of its values maps to (same VPC, no change in AWS). */
export const RETIRED_NAT_GATEWAYS_SETTING = "natGateways";
const EGRESS_FOR_NAT_GATEWAYS: Readonly<Record<string, EgressMode>> = { single: "single-nat", "one-per-az": "nat-per-az" };

/**
 * The refusal of the retired `natGateways` setting: names the `egress` value that builds the same
 * VPC (so moving over changes nothing in AWS) and the two commands.
 */
export function retiredNatGatewaysProblem(found: unknown): string {
  const replacement = typeof found === "string" ? EGRESS_FOR_NAT_GATEWAYS[found] : undefined;
  const set = replacement === undefined ? `pulumi config set egress <${EGRESS_MODES.join("|")}>` : `pulumi config set egress ${replacement}`;
  return (
    `found ${JSON.stringify(found)}, but natGateways was replaced by egress (${EGRESS_MODES.join(", ")}), which also offers tasks in public subnets without NAT` +
    (replacement === undefined ? "" : `; natGateways ${String(found)} is egress ${replacement}, the same VPC, so nothing changes in AWS`) +
    `. Move over with: pulumi config rm natGateways && ${set}`
  );
}

/**
 * Why a production-marked stack (dbDeletionProtection true) may not put its tasks in public
 * subnets, or undefined when the combination is allowed.
 */
export function productionEgressProblem(mode: EgressMode, deletionProtection: boolean): string | undefined {
  if (!deletionProtection || !EGRESS_LAYOUTS[mode].assignPublicIp) {
    return undefined;
  }
  return (
    `found "${mode}", but dbDeletionProtection is true, which marks this stack as production, and production tasks must not have a public IP address (AWS Security Hub ECS.2: ECS services should not have public IP addresses assigned automatically)` +
    " (keep the tasks private with: pulumi config set egress nat-per-az; or, for a stack that is not production, turn the mark off with: pulumi config set dbDeletionProtection false)"
  );
}
