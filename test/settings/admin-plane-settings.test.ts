/** The adminCidrs, adminUi and existingVpcCidrs settings: safe defaults, one clear line per mistake. */
import { describe, expect, it } from "vitest";

import { AWSX_DEFAULT_VPC_CIDR } from "../../config/settings/admin-plane";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;
const EXISTING_VPC = {
  vpcId: "vpc-0123456789abcdef0",
  privateSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
};
const { availabilityZones: _zones, egress: _egress, ...WITHOUT_NEW_VPC } = VALID;

describe("admin plane settings", () => {
  it("defaults to no admin range, no UI, and the new VPC's range as the trusted proxy", () => {
    expect(parseStackSettings(VALID).adminPlane).toEqual({ adminCidrs: [], adminUi: false, trustedProxyCidrs: [AWSX_DEFAULT_VPC_CIDR] });
  });

  it("takes admin ranges and the UI together", () => {
    const settings = parseStackSettings({ ...VALID, adminCidrs: ["203.0.113.10/32", "198.51.100.0/24"], adminUi: true });
    expect(settings.adminPlane.adminCidrs).toEqual(["203.0.113.10/32", "198.51.100.0/24"]);
    expect(settings.adminPlane.adminUi).toBe(true);
  });

  it("refuses the UI without an admin range, naming adminCidrs and the fix, in one line", () => {
    const problems = expectedProblems({ ...VALID, adminUi: true });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:adminUi: found true, but adminCidrs is empty");
    expect(problems[0]).toContain("pulumi config set --path 'adminCidrs[0]'");
    expect(problems[0]).not.toContain("\n");
  });

  it.each([
    [["0.0.0.0/0"]],
    [["203.0.113.10"]],
    [["2001:db8::/32"]],
    ["203.0.113.10/32"],
    [Array.from({ length: 31 }, (_, index) => `198.51.100.${index}/32`)],
  ])("refuses adminCidrs %j with the setting and an example", (adminCidrs) => {
    const [problem] = expectedProblems({ ...VALID, adminCidrs });
    // A wrong entry is named by its index, the whole list by the setting.
    expect(problem).toMatch(Array.isArray(adminCidrs) && adminCidrs.length === 1 ? /^litellm-gateway:adminCidrs\[0\]: found/ : /^litellm-gateway:adminCidrs: found/);
    expect(problem).toContain("not 0.0.0.0/0");
    expect(problem).toContain("pulumi config set --path 'adminCidrs[0]' 203.0.113.10/32");
  });

  it("trusts an existing VPC's ranges only when given, and refuses them without existingVpc", () => {
    expect(parseStackSettings({ ...WITHOUT_NEW_VPC, existingVpc: EXISTING_VPC }).adminPlane.trustedProxyCidrs).toEqual([]);
    expect(
      parseStackSettings({ ...WITHOUT_NEW_VPC, existingVpc: EXISTING_VPC, existingVpcCidrs: ["10.20.0.0/16", "100.64.0.0/20"] }).adminPlane
        .trustedProxyCidrs,
    ).toEqual(["10.20.0.0/16", "100.64.0.0/20"]);
    const [problem] = expectedProblems({ ...VALID, existingVpcCidrs: ["10.20.0.0/16"] });
    expect(problem).toContain("litellm-gateway:existingVpcCidrs: found");
    expect(problem).toContain("pulumi config rm existingVpcCidrs");
  });
});
