/** The egress setting: its modes, the retired natGateways, production-marked stacks and existing VPCs. */
import { describe, expect, it } from "vitest";

import { EGRESS_LAYOUTS, natGatewaysFor, taskPublicIpv4For } from "../../config/settings/egress";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, settingsProblems, VALID_SETTINGS } from "./settings-fixtures";

const { egress: _egress, ...WITHOUT_EGRESS } = VALID_SETTINGS;
const EXISTING_VPC = {
  vpcId: "vpc-0123456789abcdef0",
  privateSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
};

describe("egress", () => {
  it("accepts each mode on a stack that is not production-marked", () => {
    for (const egress of ["nat-per-az", "single-nat", "public-subnets"]) {
      expect(parseStackSettings({ ...VALID_SETTINGS, egress }).network).toEqual({ kind: "new", availabilityZones: 2, egress });
    }
  });

  it("is required with a new VPC", () => {
    expect(expectedProblems(WITHOUT_EGRESS)).toEqual([expect.stringMatching(/^litellm-gateway:egress: missing \(needed unless existingVpc is set\)\. Allowed: one of nat-per-az, single-nat, public-subnets/)]);
  });

  it("refuses the retired natGateways in one line naming the egress value that builds the same VPC", () => {
    expect(expectedProblems({ ...WITHOUT_EGRESS, natGateways: "single" })).toEqual([
      'litellm-gateway:natGateways: found "single", but natGateways was replaced by egress (nat-per-az, single-nat, public-subnets), which also offers tasks in public subnets without NAT; natGateways single is egress single-nat, the same VPC, so nothing changes in AWS. Move over with: pulumi config rm natGateways && pulumi config set egress single-nat',
    ]);
    expect(expectedProblems({ ...WITHOUT_EGRESS, natGateways: "one-per-az" })).toEqual([expect.stringContaining("pulumi config rm natGateways && pulumi config set egress nat-per-az")]);
    expect(expectedProblems({ ...WITHOUT_EGRESS, natGateways: "sometimes" })).toEqual([
      expect.stringContaining("pulumi config rm natGateways && pulumi config set egress <nat-per-az|single-nat|public-subnets>"),
    ]);
  });

  it("refuses public subnets on a production-marked stack (dbDeletionProtection true): Security Hub ECS.2", () => {
    const problems = expectedProblems({ ...VALID_SETTINGS, egress: "public-subnets", dbDeletionProtection: true });
    expect(problems).toEqual([expect.stringMatching(/^litellm-gateway:egress: found "public-subnets", but dbDeletionProtection is true, which marks this stack as production/)]);
    expect(problems[0]).toContain("ECS.2");
    expect(problems[0]).toContain("pulumi config set egress nat-per-az");
    expect(settingsProblems({ ...VALID_SETTINGS, egress: "single-nat", dbDeletionProtection: true })).toEqual([]);
  });

  it("does not apply to an existing VPC: refused beside existingVpc, saying the VPC's own routes decide", () => {
    const problems = expectedProblems({ ...WITHOUT_EGRESS, availabilityZones: undefined, egress: "public-subnets", existingVpc: EXISTING_VPC });
    expect(problems).toEqual([expect.stringMatching(/^litellm-gateway:egress: found "public-subnets", but existingVpc is also set .*its owner's NAT.*pulumi config rm egress/)]);
  });

  it("lays out each mode: NAT strategy, subnet tiers, where tasks and data run, public IPs", () => {
    expect(EGRESS_LAYOUTS["public-subnets"]).toEqual({ natStrategy: "None", subnetTiers: ["Public", "Isolated"], taskTier: "Public", dataTier: "Isolated", assignPublicIp: true });
    expect(EGRESS_LAYOUTS["single-nat"]).toEqual({ natStrategy: "Single", subnetTiers: ["Public", "Private"], taskTier: "Private", dataTier: "Private", assignPublicIp: false });
    expect(EGRESS_LAYOUTS["nat-per-az"]).toEqual({ natStrategy: "OnePerAz", subnetTiers: ["Public", "Private"], taskTier: "Private", dataTier: "Private", assignPublicIp: false });
    expect([natGatewaysFor("nat-per-az", 3), natGatewaysFor("single-nat", 3), natGatewaysFor("public-subnets", 3)]).toEqual([3, 1, 0]);
    expect([taskPublicIpv4For("nat-per-az", 3), taskPublicIpv4For("single-nat", 3), taskPublicIpv4For("public-subnets", 3)]).toEqual([0, 0, 3]);
  });
});
