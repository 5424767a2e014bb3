import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";

import type { ExistingVpcSettings, NewVpcSettings } from "../config/settings/stack-settings";

export interface NetworkArgs {
  /**
   * A new VPC (public subnets for the load balancer and NAT, private subnets for tasks and the
   * database) or the ids of an existing one.
   * @example { kind: "new", availabilityZones: 2, natGateways: "single" }
   */
  readonly settings: NewVpcSettings | ExistingVpcSettings;
}

/** awsx's names for the NAT strategies the stack settings offer. */
const NAT_STRATEGY = {
  single: awsx.ec2.NatGatewayStrategy.Single,
  "one-per-az": awsx.ec2.NatGatewayStrategy.OnePerAz,
} as const;

/**
 * Where the gateway runs. Tasks sit in private subnets and reach the providers through NAT; the
 * load balancer sits in public subnets.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:Network", name, {}, opts);
    const settings = args.settings;

    if (settings.kind === "existing") {
      this.vpcId = pulumi.output(settings.vpcId);
      this.privateSubnetIds = pulumi.output([...settings.privateSubnetIds]);
      this.publicSubnetIds = pulumi.output([...settings.publicSubnetIds]);
    } else {
      const vpc = new awsx.ec2.Vpc(
        `${name}-vpc`,
        {
          numberOfAvailabilityZones: settings.availabilityZones,
          natGateways: { strategy: NAT_STRATEGY[settings.natGateways] },
          subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
          subnetSpecs: [{ type: awsx.ec2.SubnetType.Public }, { type: awsx.ec2.SubnetType.Private }],
          enableDnsHostnames: true,
          enableDnsSupport: true,
        },
        { parent: this },
      );
      this.vpcId = vpc.vpcId;
      this.privateSubnetIds = vpc.privateSubnetIds;
      this.publicSubnetIds = vpc.publicSubnetIds;
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }
}
