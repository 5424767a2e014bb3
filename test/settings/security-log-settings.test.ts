/**
 * The accessLogs, flowLogs and securityLogRetentionDays settings: secure defaults, each error named
 * with its fix, and carried to the resources (off removes them; the region picks ELB's principal).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

import { ELB_LOG_DELIVERY_SERVICE } from "../../config/access/log-delivery";
import { parseStackSettings, StackSettingsError } from "../../config/settings/stack-settings";
import { REPO_ROOT, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { runStacksInChildren } from "../stack/stack-runs-in-children";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;
const EXISTING_VPC = {
  vpcId: "vpc-0fedcba9876543210",
  privateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
  publicSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004"],
};
/** The problems parseStackSettings reports for a stack deploying to `region`. */
function problemsIn(raw: Record<string, unknown>, region: string): readonly string[] {
  try {
    parseStackSettings(raw, { region });
  } catch (error) {
    if (error instanceof StackSettingsError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

const IN_EXISTING_VPC = { ...VALID, availabilityZones: undefined, egress: undefined, existingVpc: EXISTING_VPC };

describe("security log settings", () => {
  it("turns access logs and flow logs on by default, kept 365 days", () => {
    expect(parseStackSettings(VALID).securityLogs).toEqual({ accessLogs: true, flowLogs: true, retentionDays: 365 });
  });

  it("takes each setting as given", () => {
    expect(parseStackSettings({ ...VALID, accessLogs: false, flowLogs: true, securityLogRetentionDays: 30 }).securityLogs).toEqual({
      accessLogs: false,
      flowLogs: true,
      retentionDays: 30,
    });
    expect(parseStackSettings({ ...VALID, flowLogs: false }).securityLogs.flowLogs).toBe(false);
  });

  it("creates no flow logs in an existing VPC, and refuses them when asked for there", () => {
    expect(parseStackSettings(IN_EXISTING_VPC).securityLogs).toEqual({ accessLogs: true, flowLogs: false, retentionDays: 365 });
    const problems = expectedProblems({ ...IN_EXISTING_VPC, flowLogs: true });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:flowLogs: found true, but existingVpc is set");
    expect(problems[0]).toContain("pulumi config rm flowLogs");
    expect(parseStackSettings({ ...IN_EXISTING_VPC, flowLogs: false }).securityLogs.flowLogs).toBe(false);
  });

  it.each([100, 0, "365"])("refuses a retention of %j that CloudWatch Logs does not offer", (days) => {
    const problems = expectedProblems({ ...VALID, securityLogRetentionDays: days });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:securityLogRetentionDays: found ${JSON.stringify(days)}`);
    expect(problems[0]).toContain("365, 400");
    expect(problems[0]).toContain("pulumi config set securityLogRetentionDays 365");
  });

  it("refuses a retention that no log would use", () => {
    const problems = expectedProblems({ ...VALID, accessLogs: false, flowLogs: false, securityLogRetentionDays: 90 });
    expect(problems).toEqual([expect.stringContaining("litellm-gateway:securityLogRetentionDays: found 90, but accessLogs is false and there are no flow logs")]);
    expect(expectedProblems({ ...IN_EXISTING_VPC, accessLogs: false, securityLogRetentionDays: 90 })).toHaveLength(1);
    // One of them on is enough.
    expect(parseStackSettings({ ...VALID, accessLogs: false, securityLogRetentionDays: 90 }).securityLogs.retentionDays).toBe(90);
  });

  it("refuses a non-boolean accessLogs or flowLogs with the command that fixes it", () => {
    const problems = expectedProblems({ ...VALID, accessLogs: "yes", flowLogs: 1 });
    expect(problems).toContainEqual(expect.stringContaining('litellm-gateway:accessLogs: found "yes"'));
    expect(problems).toContainEqual(expect.stringContaining("pulumi config set accessLogs true"));
    expect(problems).toContainEqual(expect.stringContaining("litellm-gateway:flowLogs: found 1"));
  });

  it("refuses access logs in a Region outside the aws partition, whose ELB principal differs, and accepts them off", () => {
    for (const region of ["cn-north-1", "us-gov-west-1"]) {
      const problems = problemsIn(VALID, region);
      expect(problems).toEqual([expect.stringContaining(`litellm-gateway:accessLogs: true (the default), but aws:region "${region}" is not a commercial AWS Region`)]);
      expect(problems[0]).toContain("pulumi config set accessLogs false");
      expect(parseStackSettings({ ...VALID, accessLogs: false }, { region }).securityLogs.accessLogs).toBe(false);
    }
    expect(problemsIn({ ...VALID, accessLogs: true }, "cn-north-1")).toEqual([expect.stringContaining("litellm-gateway:accessLogs: found true, but aws:region")]);
    expect(parseStackSettings(VALID, { region: "eu-south-2" }).securityLogs.accessLogs).toBe(true);
  });
});

describe("the settings carried to the stack", () => {
  let off: StackRun;
  let newRegion: StackRun;
  let wafWithoutLogs: StackRun;
  let wafWithLogs: StackRun;

  beforeAll(async () => {
    // Dev's stack file without its security-log lines (its retention would have no log left to keep).
    const dev = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    for (const key of ["accessLogs", "flowLogs", "securityLogRetentionDays"]) {
      delete dev.config[`litellm-gateway:${key}`];
    }
    const stackFile = path.join(mkdtempSync(path.join(tmpdir(), "security-logs-off-")), "Pulumi.dev.yaml");
    writeFileSync(stackFile, stringify(dev));
    const children = runStacksInChildren([
      { stack: "dev", extraConfig: { "aws:region": "eu-south-2" } },
      { stack: "dev", extraConfig: { waf: "true", accessLogs: "false" } },
      { stack: "dev", extraConfig: { waf: "true" } },
    ]);
    off = await runStack("dev", { accessLogs: "false", flowLogs: "false" }, { stackFile });
    [newRegion, wafWithoutLogs, wafWithLogs] = await children;
  });

  const types = (run: StackRun) => new Set(run.resources.map((resource) => resource.type));

  it("creates no log bucket, no access-log attribute, no flow log and no cost line with both off", () => {
    expect(types(off).has("litellm-gateway:index:AccessLogBucket")).toBe(false);
    expect(types(off).has("litellm-gateway:index:VpcFlowLogs")).toBe(false);
    expect(types(off).has("aws:ec2/flowLog:FlowLog")).toBe(false);
    expect(off.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket")).toHaveLength(1);
    expect(off.resources.find((resource) => resource.type === "aws:lb/loadBalancer:LoadBalancer")?.inputs.accessLogs).toBeUndefined();
    const lines = off.outputs.costEstimate as { component: string }[];
    expect(lines.filter((line) => line.component === "security-logs")).toEqual([]);
  });

  it("lets ELB's log-delivery service principal write in a Region opened after August 2022", () => {
    const policy = newRegion.resources.find((resource) => resource.name === "litellm-access-logs-policy");
    const statements = JSON.parse(policy?.inputs.policy as string).Statement as { Sid: string; Principal: unknown; Resource: unknown }[];
    const write = statements.find((statement) => statement.Sid === "ElbWritesAccessLogs");
    expect(write?.Principal).toEqual({ Service: ELB_LOG_DELIVERY_SERVICE });
    expect(ELB_LOG_DELIVERY_SERVICE).toBe("logdelivery.elasticloadbalancing.amazonaws.com");
    expect(write?.Resource).toBe("arn:aws:s3:::litellm-access-logs-bucket-0a1b2c/load-balancer/AWSLogs/123456789012/*");
  });

  it("logs the WAF only with access logs on, kept as dev sets (30 days)", () => {
    expect(types(wafWithoutLogs).has("aws:wafv2/webAcl:WebAcl")).toBe(true);
    expect(types(wafWithoutLogs).has("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")).toBe(false);
    expect(types(wafWithoutLogs).has("aws:cloudwatch/logResourcePolicy:LogResourcePolicy")).toBe(false);
    expect(types(wafWithLogs).has("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")).toBe(true);
    const group = wafWithLogs.resources.find((resource) => resource.name === "litellm-waf-logs");
    expect(group?.inputs).toMatchObject({ name: "aws-waf-logs-litellm-waf-dev", retentionInDays: 30 });
  });
});
