import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";

import { EGRESS_LAYOUTS } from "../config/settings/egress";
import type { NatStrategy, SubnetTier } from "../config/settings/egress";
import type { ExistingVpcSettings, NewVpcSettings } from "../config/settings/stack-settings";

export interface NetworkArgs {
  /**
   * A new VPC laid out for its egress mode (config/settings/egress.ts), or the ids of an existing
   * one (its private subnets for tasks and data, its public ones for the load balancer).
   * @example { kind: "new", availabilityZones: 2, egress: "nat-per-az" }
   */
  readonly settings: NewVpcSettings | ExistingVpcSettings;
}

/** awsx's names for the NAT strategies of the egress modes. */
const NAT_STRATEGY: Readonly<Record<NatStrategy, awsx.types.enums.ec2.NatGatewayStrategy>> = {
  OnePerAz: awsx.ec2.NatGatewayStrategy.OnePerAz,
  Single: awsx.ec2.NatGatewayStrategy.Single,
  None: awsx.ec2.NatGatewayStrategy.None,
};

/** awsx's subnet types. */
const SUBNET_TYPE: Readonly<Record<SubnetTier, awsx.types.enums.ec2.SubnetType>> = {
  Public: awsx.ec2.SubnetType.Public,
  Private: awsx.ec2.SubnetType.Private,
  Isolated: awsx.ec2.SubnetType.Isolated,
};

/**
 * Where the gateway runs. The load balancer sits in public subnets. With NAT, tasks, database and
 * Redis sit in private subnets whose route out is the NAT gateway; with public-subnets egress the
 * tasks sit in the public subnets with a public IP each, and the database and Redis in isolated
 * subnets, which awsx gives a route table with no route out of the VPC.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** Where the tasks run: private subnets, or public ones with public-subnets egress. */
  public readonly taskSubnetIds: pulumi.Output<string[]>;
  /** Where the database and Redis run: private subnets, or isolated ones with public-subnets egress. */
  public readonly dataSubnetIds: pulumi.Output<string[]>;
  /** Where the load balancer runs. */
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  /** Whether each task needs a public IPv4 address to reach the internet (public-subnets egress only). A plain value. */
  public readonly tasksNeedPublicIp: boolean;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:Network", name, {}, opts);
    const settings = args.settings;

    if (settings.kind === "existing") {
      this.vpcId = pulumi.output(settings.vpcId);
      this.taskSubnetIds = pulumi.output([...settings.privateSubnetIds]);
      this.dataSubnetIds = pulumi.output([...settings.privateSubnetIds]);
      this.publicSubnetIds = pulumi.output([...settings.publicSubnetIds]);
      this.tasksNeedPublicIp = false;
    } else {
      const layout = EGRESS_LAYOUTS[settings.egress];
      const vpc = new awsx.ec2.Vpc(
        `${name}-vpc`,
        {
          numberOfAvailabilityZones: settings.availabilityZones,
          natGateways: { strategy: NAT_STRATEGY[layout.natStrategy] },
          subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
          subnetSpecs: layout.subnetTiers.map((tier) => ({ type: SUBNET_TYPE[tier] })),
          enableDnsHostnames: true,
          enableDnsSupport: true,
        },
        { parent: this },
      );
      const subnetsOf = (tier: SubnetTier): pulumi.Output<string[]> =>
        tier === "Public" ? vpc.publicSubnetIds : tier === "Private" ? vpc.privateSubnetIds : vpc.isolatedSubnetIds;
      this.vpcId = vpc.vpcId;
      this.taskSubnetIds = subnetsOf(layout.taskTier);
      this.dataSubnetIds = subnetsOf(layout.dataTier);
      this.publicSubnetIds = vpc.publicSubnetIds;
      this.tasksNeedPublicIp = layout.assignPublicIp;
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      taskSubnetIds: this.taskSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }
}
