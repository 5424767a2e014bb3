/**
 * What is wrong with the CIDR lists of the settings beyond their form (the schema checks that):
 * host bits set, the same block twice, an admin range the load balancer's security group would drop
 * anyway, and VPC ranges AWS could never have given a VPC. Each problem names the list entry as
 * `pulumi config set --path` does (`adminCidrs[1]`) and the fix.
 */
import { cidrsOverlap, formatNetwork, hasHostBits, isCoveredBy, IPV4_BITS, parseIpv4Cidr } from "./ipv4-cidr";
import type { Ipv4Cidr } from "./ipv4-cidr";

/**
 * A VPC's IPv4 blocks are /16 to /28: EC2 API Reference, CreateVpc ("The smallest VPC you can
 * create uses a /28 netmask (16 IPv4 addresses), and the largest uses a /16 netmask") and
 * AssociateVpcCidrBlock (the same range for the blocks added later).
 */
export const MIN_VPC_PREFIX_LENGTH = 16;
export const MAX_VPC_PREFIX_LENGTH = 28;

function describeVpcCidrs(vpcId: string | undefined): string {
  return `aws ec2 describe-vpcs --vpc-ids ${vpcId ?? "<vpc-id>"} --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'`;
}

/** The CIDR lists as the schema accepted them (each entry an IPv4 CIDR); absent when unset or invalid. */
export interface CidrSettings {
  readonly allowedCidrs?: readonly string[];
  readonly adminCidrs?: readonly string[];
  readonly existingVpcCidrs?: readonly string[];
  /** existingVpc's id, for the command that lists its blocks. */
  readonly existingVpcId?: string;
}

type ListSetting = "allowedCidrs" | "adminCidrs" | "existingVpcCidrs";

/** Why the same block twice is refused, by list. */
const DUPLICATE_REASON: Readonly<Record<ListSetting, string>> = {
  allowedCidrs: "each block becomes one security group rule per listener port, and a second rule for the same block is a duplicate AWS and Pulumi refuse",
  adminCidrs: "a second copy adds nothing and uses one of the admin rules' places",
  existingVpcCidrs: "a VPC holds each of its blocks once",
};

interface Entry {
  readonly setting: ListSetting;
  readonly index: number;
  readonly text: string;
  readonly cidr: Ipv4Cidr;
}

function entries(setting: ListSetting, list: readonly string[] | undefined): Entry[] {
  return (list ?? []).flatMap((text, index) => {
    const cidr = parseIpv4Cidr(text);
    return cidr === undefined ? [] : [{ setting, index, text, cidr }];
  });
}

function where(entry: Entry): string {
  return `${entry.setting}[${entry.index}]`;
}

/** 10.0.0.1/16: the address of one host with the mask of a block; name both readings. */
function hostBitsProblem(entry: Entry): string {
  const network = formatNetwork(entry.cidr);
  const address = entry.text.split("/")[0];
  return (
    `${where(entry)}: found "${entry.text}", which has host bits set, so it does not say what it means: the /${entry.cidr.prefixLength} block from ${network.split("/")[0]}, or the one address ${address} (the AWS provider refuses such a block in a security group rule: cidr_ipv4 must be a network address). ` +
    `Write ${network} for the whole block, or ${address}/${IPV4_BITS} for the one address: pulumi config set --path '${where(entry)}' ${network}`
  );
}

/** The second and later copies of a block, each pointing at the first. */
function duplicateProblems(list: readonly Entry[]): string[] {
  const problems: string[] = [];
  for (const entry of list) {
    const first = list.find((other) => other.index < entry.index && formatNetwork(other.cidr) === formatNetwork(entry.cidr));
    if (first !== undefined) {
      problems.push(
        `${where(entry)}: found "${entry.text}", the same block as ${where(first)}; ${DUPLICATE_REASON[entry.setting]}. Remove it: pulumi config rm --path '${where(entry)}'`,
      );
    }
  }
  return problems;
}

/**
 * An admin range outside allowedCidrs never reaches the admin rule: the load balancer's security
 * group admits only allowedCidrs, and the listener rules see only what it admitted.
 */
function uncoveredAdminProblems(admin: readonly Entry[], allowed: readonly Entry[]): string[] {
  if (allowed.length === 0) {
    return [];
  }
  const allowedBlocks = allowed.map((entry) => entry.cidr);
  return admin
    .filter((entry) => !isCoveredBy(entry.cidr, allowedBlocks))
    .map(
      (entry) =>
        `${where(entry)}: found "${entry.text}", which allowedCidrs (${allowed.map((other) => other.text).join(", ")}) does not cover, so the load balancer's security group drops those clients before the admin rule sees them. ` +
        `Allow the range too: pulumi config set --path 'allowedCidrs[${allowed.length}]' ${formatNetwork(entry.cidr)} (or remove it: pulumi config rm --path '${where(entry)}')`,
    );
}

/** Blocks AWS could never have given a VPC: outside /16../28, or overlapping another of the same VPC. */
function vpcRangeProblems(vpc: readonly Entry[], vpcId: string | undefined): string[] {
  const fits = (entry: Entry) => entry.cidr.prefixLength >= MIN_VPC_PREFIX_LENGTH && entry.cidr.prefixLength <= MAX_VPC_PREFIX_LENGTH;
  const sized = vpc
    .filter((entry) => !fits(entry))
    .map(
      (entry) =>
        `${where(entry)}: found "${entry.text}", but a VPC's IPv4 blocks are /${MIN_VPC_PREFIX_LENGTH} to /${MAX_VPC_PREFIX_LENGTH} (EC2 API Reference, CreateVpc and AssociateVpcCidrBlock), so it is not existingVpc's. ` +
        `Copy the VPC's blocks from: ${describeVpcCidrs(vpcId)}`,
    );
  // Overlap among the blocks of a size a VPC can have; a wrong-sized one is reported above only.
  const fitting = vpc.filter(fits);
  const overlapping = fitting.flatMap((entry) => {
    const earlier = fitting.find((other) => other.index < entry.index && cidrsOverlap(other.cidr, entry.cidr) && formatNetwork(other.cidr) !== formatNetwork(entry.cidr));
    return earlier === undefined
      ? []
      : [
          `${where(entry)}: found "${entry.text}", which overlaps ${where(earlier)} (${earlier.text}), but the blocks of one VPC never overlap (AWS refuses to associate an overlapping block). ` +
            `Copy the VPC's blocks from: ${describeVpcCidrs(vpcId)}`,
        ];
  });
  return [...sized, ...overlapping];
}

/** Every problem of the three lists, one line each, as `<setting>[<index>]: ...`. */
export function cidrSettingProblems(settings: CidrSettings): string[] {
  const allowed = entries("allowedCidrs", settings.allowedCidrs);
  const admin = entries("adminCidrs", settings.adminCidrs);
  const vpc = entries("existingVpcCidrs", settings.existingVpcCidrs);
  const lists = [allowed, admin, vpc];
  const withHostBits = lists.flat().filter((entry) => hasHostBits(entry.cidr));
  // A block with host bits is reported once, for that; the checks below compare the other blocks.
  const clean = lists.map((list) => list.filter((entry) => !hasHostBits(entry.cidr)));
  const [cleanAllowed, cleanAdmin, cleanVpc] = clean as [Entry[], Entry[], Entry[]];
  return [
    ...withHostBits.map(hostBitsProblem),
    ...clean.flatMap(duplicateProblems),
    ...(cleanAllowed.length === allowed.length ? uncoveredAdminProblems(cleanAdmin, cleanAllowed) : []),
    ...vpcRangeProblems(cleanVpc, settings.existingVpcId),
  ];
}
