/**
 * Values checked before anything is created (issue 13, item 5): each bad value is refused in one
 * line that names the setting as `pulumi config set --path` does and says the fix; what only AWS
 * knows is a warning instead.
 */
import { describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { billOfMaterials } from "../../config/cost/bill-of-materials";
import { unpricedWarning } from "../../config/cost/stack-cost-output";
import { stackSettingsWarnings } from "../../config/settings/settings-warnings";
import { parseStackSettings, SETTING_KEYS } from "../../config/settings/stack-settings";
import { expectedProblems, settingsProblems, VALID_SETTINGS } from "./settings-fixtures";

const { availabilityZones: _zones, egress: _egress, ...WITHOUT_NEW_VPC } = VALID_SETTINGS;
const VPC_ID = "vpc-0123456789abcdef0";
const SUBNET_A = "subnet-0000000000000000a";
const SUBNET_B = "subnet-0000000000000000b";
const SUBNET_C = "subnet-0000000000000000c";
const SUBNET_D = "subnet-0000000000000000d";
const EXISTING_VPC = { vpcId: VPC_ID, privateSubnetIds: [SUBNET_A, SUBNET_B], publicSubnetIds: [SUBNET_C, SUBNET_D] };
const IN_EXISTING_VPC = { ...WITHOUT_NEW_VPC, existingVpc: EXISTING_VPC };
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";
const { allowPlainHttp: _plain, ...HTTPS } = VALID_SETTINGS;

/** [case, settings, the setting as named in the line, fragments of its problem and fix] */
const BAD_VALUES: readonly [string, Record<string, unknown>, string, readonly string[]][] = [
  [
    "an allowed block with host bits set",
    { ...VALID_SETTINGS, allowedCidrs: ["203.0.113.0/24", "10.0.0.1/16"] },
    "allowedCidrs[1]",
    ['found "10.0.0.1/16", which has host bits set', "the /16 block from 10.0.0.0, or the one address 10.0.0.1", "Write 10.0.0.0/16", "or 10.0.0.1/32", "pulumi config set --path 'allowedCidrs[1]' 10.0.0.0/16"],
  ],
  [
    "an allowed block given twice",
    { ...VALID_SETTINGS, allowedCidrs: ["203.0.113.0/24", "198.51.100.0/24", "203.0.113.0/24"] },
    "allowedCidrs[2]",
    ["the same block as allowedCidrs[0]", "duplicate", "pulumi config rm --path 'allowedCidrs[2]'"],
  ],
  [
    "an allowed block with a leading zero",
    { ...VALID_SETTINGS, allowedCidrs: ["010.0.0.0/8"] },
    "allowedCidrs[0]",
    ['found "010.0.0.0/8"', "Allowed: a non-empty list of IPv4 CIDR blocks"],
  ],
  [
    "an admin block with host bits set",
    { ...VALID_SETTINGS, adminCidrs: ["203.0.113.10/24"] },
    "adminCidrs[0]",
    ["has host bits set", "Write 203.0.113.0/24", "or 203.0.113.10/32", "pulumi config set --path 'adminCidrs[0]' 203.0.113.0/24"],
  ],
  [
    "an admin block given twice",
    { ...VALID_SETTINGS, adminCidrs: ["203.0.113.10/32", "203.0.113.10/32"] },
    "adminCidrs[1]",
    ["the same block as adminCidrs[0]", "pulumi config rm --path 'adminCidrs[1]'"],
  ],
  [
    "an admin block outside allowedCidrs",
    { ...VALID_SETTINGS, allowedCidrs: ["203.0.113.0/24"], adminCidrs: ["203.0.113.10/32", "198.51.100.0/24"] },
    "adminCidrs[1]",
    ["which allowedCidrs (203.0.113.0/24) does not cover", "security group drops those clients", "pulumi config set --path 'allowedCidrs[1]' 198.51.100.0/24"],
  ],
  [
    "an admin block only half inside allowedCidrs",
    { ...VALID_SETTINGS, allowedCidrs: ["10.0.0.0/24"], adminCidrs: ["10.0.0.0/23"] },
    "adminCidrs[0]",
    ["does not cover"],
  ],
  [
    "a VPC block larger than AWS gives a VPC",
    { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.0.0.0/8"] },
    "existingVpcCidrs[0]",
    ["a VPC's IPv4 blocks are /16 to /28", "CreateVpc", `aws ec2 describe-vpcs --vpc-ids ${VPC_ID}`],
  ],
  [
    "a VPC block smaller than AWS gives a VPC",
    { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.20.0.0/16", "10.30.0.0/29"] },
    "existingVpcCidrs[1]",
    ["/16 to /28"],
  ],
  [
    "two overlapping blocks of one VPC",
    { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.20.0.0/16", "10.20.4.0/24"] },
    "existingVpcCidrs[1]",
    ["overlaps existingVpcCidrs[0] (10.20.0.0/16)", "never overlap", "aws ec2 describe-vpcs"],
  ],
  [
    "a VPC block with host bits set",
    { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.20.0.1/16"] },
    "existingVpcCidrs[0]",
    ["has host bits set", "Write 10.20.0.0/16"],
  ],
  [
    "a VPC block given twice",
    { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.20.0.0/16", "10.20.0.0/16"] },
    "existingVpcCidrs[1]",
    ["the same block as existingVpcCidrs[0]"],
  ],
  [
    "a private subnet named twice",
    { ...WITHOUT_NEW_VPC, existingVpc: { ...EXISTING_VPC, privateSubnetIds: [SUBNET_A, SUBNET_A] } },
    "existingVpc.privateSubnetIds[1]",
    [`found "${SUBNET_A}", the same subnet as existingVpc.privateSubnetIds[0]`, "two zones", "pulumi config rm --path 'existingVpc.privateSubnetIds[1]'", `Values=${VPC_ID}`],
  ],
  [
    "a subnet both private and public",
    { ...WITHOUT_NEW_VPC, existingVpc: { ...EXISTING_VPC, publicSubnetIds: [SUBNET_C, SUBNET_B] } },
    "existingVpc.publicSubnetIds[1]",
    [`found "${SUBNET_B}", also existingVpc.privateSubnetIds[1]`, "cannot be both", "aws ec2 describe-subnets"],
  ],
  [
    "a malformed subnet id",
    { ...WITHOUT_NEW_VPC, existingVpc: { ...EXISTING_VPC, publicSubnetIds: [SUBNET_C, "subnet-xyz"] } },
    "existingVpc.publicSubnetIds[1]",
    ['found "subnet-xyz"', "Allowed: an object { vpcId"],
  ],
  [
    "a database class with a size AWS does not offer",
    { ...VALID_SETTINGS, dbInstanceClass: "db.t4g.mirco" },
    "dbInstanceClass",
    ['found "db.t4g.mirco"', "a size AWS offers (micro, small, medium, large, xlarge, <n>xlarge, metal)"],
  ],
  [
    "a Redis node type with a size AWS does not offer",
    { ...VALID_SETTINGS, redisNodeType: "cache.t4g.smal" },
    "redisNodeType",
    ['found "cache.t4g.smal"', "cache.t4g.small"],
  ],
  [
    "a certificate and a permissions boundary of two accounts",
    { ...HTTPS, certificateArn: CERTIFICATE_ARN, permissionsBoundaryArn: "arn:aws:iam::210987654321:policy/litellm-gateway-boundary" },
    "certificateArn",
    ["account 123456789012", "account 210987654321", "both must be in the account the stack deploys to", "aws sts get-caller-identity"],
  ],
  [
    "a generated-key rate out of range",
    { ...VALID_SETTINGS, generatedKeyLimits: { maxRpm: 0 } },
    "generatedKeyLimits.maxRpm",
    ["found 0", "rates integers from 1 to"],
  ],
];

describe("a bad value is refused in one line naming the setting and the fix", () => {
  it.each(BAD_VALUES)("%s", (_case, settings, where, fragments) => {
    const problems = expectedProblems(settings);
    const line = problems.find((problem) => problem.startsWith(`litellm-gateway:${where}: `));
    expect(line, problems.join("\n")).toBeDefined();
    for (const fragment of fragments) {
      expect(line).toContain(fragment);
    }
    expect(line).not.toContain("\n");
    // A value is reported once, for its first problem, not again by a check that compares it.
    expect(problems.filter((problem) => problem.startsWith(`litellm-gateway:${where}: `))).toHaveLength(1);
  });
});

it("reports a VPC block of the wrong size once, not again as overlapping the blocks inside it", () => {
  const problems = expectedProblems({ ...IN_EXISTING_VPC, existingVpcCidrs: ["10.0.0.0/8", "10.1.0.0/16"] });
  expect(problems).toEqual([expect.stringMatching(/^litellm-gateway:existingVpcCidrs\[0\]: .*\/16 to \/28/)]);
});

/** A label, not a quantity: Pulumi hands `20261202` over as a number, so any number is taken as its text. */
const NOT_A_QUANTITY = new Set(["providerKeysRevision"]);
const OUT_OF_RANGE = [-1, 0.5, 1e15];
const NESTED_NUMBERS = ["maxBudgetUsd", "defaultBudgetUsd", "maxRpm", "maxTpm"];

describe("every setting refuses a number out of its range, naming itself and the fix", () => {
  const cases = SETTING_KEYS.filter((key) => !NOT_A_QUANTITY.has(key)).flatMap((key) => OUT_OF_RANGE.map((value) => [key, value] as const));
  it.each(cases)("%s: %d", (key, value) => {
    const line = expectedProblems({ ...VALID_SETTINGS, [key]: value }).find((problem) => problem.startsWith(`litellm-gateway:${key}: `));
    expect(line).toBeDefined();
    expect(line).toMatch(/pulumi config (set|rm)|e\.g\. /);
  });

  it.each(NESTED_NUMBERS.flatMap((field) => [-1, 1e15].map((value) => [field, value] as const)))("generatedKeyLimits.%s: %d", (field, value) => {
    const [line] = expectedProblems({ ...VALID_SETTINGS, generatedKeyLimits: { [field]: value } });
    expect(line).toMatch(new RegExp(`^litellm-gateway:generatedKeyLimits\\.${field}: found ${value}\\. Allowed: .*Example: pulumi config set`));
  });
});

describe("well-formed values pass", () => {
  it.each([
    ["nested allowed blocks", { ...VALID_SETTINGS, allowedCidrs: ["0.0.0.0/0", "203.0.113.0/24"] }],
    ["an admin range covered by two allowed blocks together", { ...VALID_SETTINGS, allowedCidrs: ["10.0.0.0/24", "10.0.1.0/24"], adminCidrs: ["10.0.0.0/23"] }],
    ["admin ranges under the default allowedCidrs (0.0.0.0/0)", { ...VALID_SETTINGS, adminCidrs: ["203.0.113.10/32", "198.51.100.0/24"] }],
    ["a VPC with a primary and a secondary block", { ...IN_EXISTING_VPC, existingVpcCidrs: ["10.20.0.0/16", "100.64.0.0/28"] }],
    ["database classes of every size spelling", { ...VALID_SETTINGS, dbInstanceClass: "db.r6gd.16xlarge" }],
    ["a metal class", { ...VALID_SETTINGS, dbInstanceClass: "db.m6i.metal" }],
  ])("%s", (_case, settings) => {
    expect(settingsProblems(settings)).toEqual([]);
  });
});

describe("what only AWS knows is a warning", () => {
  const warningsOf = (raw: Record<string, unknown>, region?: string) =>
    stackSettingsWarnings(parseStackSettings(raw, region === undefined ? {} : { region }), { stack: "dev", ...(region === undefined ? {} : { region }) });

  it("says nothing for a new VPC, an issued certificate and a known class", () => {
    expect(warningsOf(VALID_SETTINGS, "us-east-1")).toEqual([]);
  });

  it("says an existing VPC's subnet zones are unchecked, with the command that shows them", () => {
    const [warning] = warningsOf(IN_EXISTING_VPC, "us-east-1");
    expect(warning).toContain("existingVpc's subnet zones are known only to AWS");
    expect(warning).toContain(`aws ec2 describe-subnets --subnet-ids ${SUBNET_A} ${SUBNET_B} ${SUBNET_C} ${SUBNET_D}`);
  });

  it("names the ARNs taken on trust and how to check each", () => {
    const [warning] = warningsOf(
      {
        ...HTTPS,
        certificateArn: CERTIFICATE_ARN,
        permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/litellm-gateway-boundary",
        configWriterArn: "arn:aws:iam::123456789012:role/ci/litellm-gateway-deploy",
      },
      "us-east-1",
    );
    expect(warning).toContain("certificateArn, permissionsBoundaryArn, configWriterArn are checked for form only");
    expect(warning).toContain(`aws acm describe-certificate --certificate-arn ${CERTIFICATE_ARN}`);
    expect(warning).toContain("aws iam get-policy --policy-arn arn:aws:iam::123456789012:policy/litellm-gateway-boundary");
    expect(warning).toContain("aws iam get-role --role-name litellm-gateway-deploy");
    expect(warning).not.toContain("aws:region is not set");
  });

  it("says the certificate's region goes unchecked when aws:region is not set", () => {
    const [warning] = warningsOf({ ...HTTPS, certificateArn: CERTIFICATE_ARN });
    expect(warning).toContain("aws:region is not set, so the certificate's region (us-east-1) is not compared");
  });

  it("names what a database class outside the memory table loses, and the known ones", () => {
    const [warning] = warningsOf({ ...VALID_SETTINGS, dbInstanceClass: "db.x2g.large" }, "us-east-1");
    expect(warning).toContain("dbInstanceClass db.x2g.large is not in the project's table of instance memory");
    expect(warning).toContain("the connection budget is not checked and there is no database-connections alarm");
    expect(warning).toMatch(/Known: db\.t<generation>\.<micro\|small\|.*> .* db\.<m\|r><generation>\.<large\|xlarge\|/);
  });

  it("says the cost estimate is left out for an unpriced class or node type, listing the priced ones", () => {
    const settings = parseStackSettings({ ...VALID_SETTINGS, dbInstanceClass: "db.m7g.xlarge", redisNodeType: "cache.m7g.large" });
    const warning = unpricedWarning("dev", billOfMaterials(settings, catalog, "dev"), "us-east-1");
    expect(warning).toContain("no price for dbInstanceClass db.m7g.xlarge (priced: db.t4g.micro,");
    expect(warning).toContain("or redisNodeType cache.m7g.large (priced: cache.t4g.micro, cache.t4g.small, cache.t4g.medium, cache.t3.micro, cache.t3.small, cache.t3.medium)");
    expect(unpricedWarning("dev", billOfMaterials(parseStackSettings(VALID_SETTINGS), catalog, "dev"), "us-east-1")).toBeUndefined();
  });
});
