/** Edge case: dev in an existing VPC. Its NAT is not this stack's to create or bill. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";
import { parse, stringify } from "yaml";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import type { StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { committedStackTotalUsd } from "./committed-stack-totals";
import { billOf, expectBillMatchesRegistrations } from "./plan-checks";

const DEV_TOTAL_USD = committedStackTotalUsd("dev");
const VPC_ID = "vpc-0fedcba9876543210";

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  // availabilityZones and egress must go (they exclude existingVpc): a stack file without them.
  const dev = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  delete dev.config["litellm-gateway:availabilityZones"];
  delete dev.config["litellm-gateway:egress"];
  // An existing VPC's flow logs are its owner's: the settings refuse flowLogs true with it.
  delete dev.config["litellm-gateway:flowLogs"];
  dev.config["litellm-gateway:existingVpc"] = {
    vpcId: VPC_ID,
    privateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
    publicSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004"],
  };
  const directory = mkdtempSync(path.join(tmpdir(), "plan-vpc-"));
  const stackFile = path.join(directory, "Pulumi.dev.yaml");
  writeFileSync(stackFile, stringify(dev));
  run = await runStack("dev", {}, { stackFile });
  report = await describeRun(run, { stack: "dev", outDir: directory });
});

it("creates no VPC and prices no NAT gateway", () => {
  expect(run.resources.some((resource) => resource.type === "awsx:ec2:Vpc")).toBe(false);
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
  expect(report.cost.lines.filter((line) => line.item.startsWith("NAT"))).toEqual([]);
});

it("drops exactly the NAT lines and the flow logs, and says the VPC's NAT and flow logs are its owner's", () => {
  // 32.85 (gateway) + 3.65 (its IPv4) + 0.45 (10 GB) = 36.95; the load balancer keeps its 2 addresses
  // (and its access logs); no flow logs in a VPC the stack does not own: 0.80 less.
  expect(report.cost.lines.map((line) => line.item)).not.toContain("VPC flow logs (CloudWatch Logs)");
  expect(run.resources.some((resource) => resource.type === "aws:ec2/flowLog:FlowLog")).toBe(false);
  // Dev without its task's public IPv4 address ($3.65: egress public-subnets does not apply in an
  // existing VPC, whose tasks are private) and without flow logs ($0.08 at dev's 0.1M requests).
  expect(DEV_TOTAL_USD - report.cost.totalMonthlyUsd).toBeCloseTo(3.65 + 0.08, 2);
  // No egress alternatives: the VPC's owner decides its routes. dev's Spot task still has its on-demand one.
  expect((report.cost.alternatives ?? []).map((alternative) => alternative.label)).toEqual(["capacity on-demand (instead of Spot)"]);
  expect(report.cost.exclusions).toContainEqual(expect.stringContaining("no flow logs are created or priced"));
  expect(report.cost.exclusions[0]).toContain(`Existing VPC ${VPC_ID}`);
  expect(report.cost.exclusions[0]).toContain("not created by this stack");
});

it("warns, through the program and the plan, that only AWS knows the subnets' zones, with the command that shows them", () => {
  const warning = run.warnings.find((text) => text.includes("subnet zones are known only to AWS"));
  expect(warning).toContain("aws ec2 describe-subnets --subnet-ids subnet-00000000000000001 subnet-00000000000000002 subnet-00000000000000003 subnet-00000000000000004");
  expect(report.warnings).toContain(warning);
});
