/**
 * The subnets of existingVpc: what the settings can refuse (a subnet named twice, or as both
 * private and public) and what only AWS knows (which zone each subnet is in), said as a warning.
 */

/** existingVpc as the schema accepted it. */
export interface ExistingSubnets {
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  readonly publicSubnetIds: readonly string[];
}

type SubnetList = "privateSubnetIds" | "publicSubnetIds";

const LISTS: readonly SubnetList[] = ["privateSubnetIds", "publicSubnetIds"];

function where(list: SubnetList, index: number): string {
  return `existingVpc.${list}[${index}]`;
}

function describeSubnets(vpcId: string): string {
  return `aws ec2 describe-subnets --filters Name=vpc-id,Values=${vpcId} --query 'Subnets[].[SubnetId,AvailabilityZone,MapPublicIpOnLaunch]' --output text`;
}

/** A subnet named twice in one list, or in both lists; one line each, `existingVpc.<list>[<i>]: ...`. */
export function existingSubnetProblems(vpc: ExistingSubnets): string[] {
  const problems: string[] = [];
  for (const list of LISTS) {
    vpc[list].forEach((subnet, index) => {
      const first = vpc[list].indexOf(subnet);
      if (first < index) {
        problems.push(
          `${where(list, index)}: found "${subnet}", the same subnet as ${where(list, first)}; the load balancer and the database each need subnets in two zones, and one subnet is in one zone. ` +
            `Name another subnet of the VPC (${describeSubnets(vpc.vpcId)}), or remove it: pulumi config rm --path '${where(list, index)}'`,
        );
      }
    });
  }
  vpc.publicSubnetIds.forEach((subnet, index) => {
    const privateIndex = vpc.privateSubnetIds.indexOf(subnet);
    if (privateIndex >= 0 && vpc.publicSubnetIds.indexOf(subnet) === index) {
      problems.push(
        `${where("publicSubnetIds", index)}: found "${subnet}", also ${where("privateSubnetIds", privateIndex)}; the load balancer needs public subnets (a route to an internet gateway) and the tasks and database private ones (out through NAT, unreachable from the internet), so one subnet cannot be both. ` +
          `Name different subnets: ${describeSubnets(vpc.vpcId)}`,
      );
    }
  });
  return problems;
}

/**
 * Subnet IDs do not say their zone, and the program does not call AWS before declaring resources,
 * so two subnets of one zone pass every check here; AWS then refuses the load balancer ("at least
 * two Availability Zones") or the DB subnet group (DBSubnetGroupDoesNotCoverEnoughAZs) midway
 * through `pulumi up`, after other resources exist. The operator can check in one command.
 */
export function subnetZonesWarning(stack: string, vpc: ExistingSubnets): string {
  const ids = [...new Set([...vpc.privateSubnetIds, ...vpc.publicSubnetIds])].join(" ");
  return (
    `Stack ${stack}: existingVpc's subnet zones are known only to AWS, so they are not checked before deploying. ` +
    `The load balancer needs publicSubnetIds in at least two zones and the database (and Redis) privateSubnetIds in at least two; otherwise AWS refuses them midway through pulumi up, after other resources exist. ` +
    `Check: aws ec2 describe-subnets --subnet-ids ${ids} --query 'Subnets[].[SubnetId,AvailabilityZone]' --output text`
  );
}
