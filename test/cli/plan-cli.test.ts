/**
 * `npm run plan` as a newcomer runs it: a child process per invocation (the program runs once per
 * process). All invocations start together in beforeAll to keep the file's run time down.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { committedStackTotalUsd, totalLinePattern } from "../plan/committed-stack-totals";
import type { ChildResult } from "../tsx-child";
import { runTsx } from "../tsx-child";

const PLAN = path.join(REPO_ROOT, "scripts", "plan.ts");
const NAT_100_GB_EXTRA_USD = 4.05;

function plan(args: readonly string[]): Promise<ChildResult> {
  return runTsx(PLAN, args);
}

const directory = mkdtempSync(path.join(tmpdir(), "plan-cli-"));
const dev = readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8");
const badFile = path.join(directory, "bad.yaml");
const unpricedFile = path.join(directory, "eu.yaml");
writeFileSync(badFile, dev.replace("desiredCount: 1", "desiredCount: 0").replace("dbInstanceClass: db.t4g.micro", "dbInstanceClass: micro"));
writeFileSync(unpricedFile, dev.replace("aws:region: us-east-1", "aws:region: eu-west-1"));

let text: ChildResult;
let json: ChildResult;
let badSetting: ChildResult;
let unknownStack: ChildResult;
let unpriced: ChildResult;
let badFlag: ChildResult;

beforeAll(async () => {
  [text, json, badSetting, unknownStack, unpriced, badFlag] = await Promise.all([
    plan(["--out-dir", directory]),
    plan(["--stack", "prod", "--json", "--nat-gb", "100", "--out-dir", directory]),
    plan(["--stack-file", badFile, "--out-dir", directory]),
    plan(["--stack", "staging"]),
    plan(["--stack-file", unpricedFile, "--out-dir", directory]),
    plan(["--lcu=-1"]),
  ]);
});

describe("npm run plan", () => {
  it("--help prints the usage and exits 0, planning nothing", async () => {
    const result = await plan(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run plan --");
    expect(result.stdout).not.toContain("Monthly cost estimate");
  });

  it("plans dev by default and prints every section for a terminal", () => {
    expect(text.code, text.stderr).toBe(0);
    for (const heading of [
      'Offline plan of stack "dev" (us-east-1)',
      "Resources `pulumi up` would create:",
      "documented rules; all valid",
      `written to ${path.relative(REPO_ROOT, path.join(directory, "dev", "config.yaml"))}`,
      "OPENAI_API_KEY: NOT SET",
      "pulumi config set --secret --stack dev OPENAI_API_KEY",
      "Monthly cost estimate for us-east-1",
      "Warnings from the program",
    ]) {
      expect(text.stdout).toContain(heading);
    }
    expect(text.stdout).toMatch(totalLinePattern("dev"));
  });

  it("prints one JSON document and nothing else with --json, with the flag's assumption applied", () => {
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as PlanReport;
    expect(report.stack).toBe("prod");
    expect(report.cost.assumptions.natProcessedGbPerMonth).toBe(100);
    // 100 GB x $0.045 = $4.50 instead of 10 GB's $0.45: prod's total (285.78 + 0.80 with the shipped catalog's two keys) + 4.05
    expect(report.cost.totalMonthlyUsd).toBeCloseTo(committedStackTotalUsd("prod") + NAT_100_GB_EXTRA_USD, 2);
    expect(report.findings).toEqual([]);
    expect(readFileSync(report.configPath, "utf8")).toContain("model_list");
  });

  it("reports a wrong setting with the program's own message and exit 1, without a stack trace", () => {
    expect(badSetting.code).toBe(1);
    expect(badSetting.stderr).toContain("would fail `pulumi up`");
    expect(badSetting.stderr).toContain("litellm-gateway:desiredCount: found 0");
    expect(badSetting.stderr).toContain("litellm-gateway:dbInstanceClass: found \"micro\"");
    expect(badSetting.stderr).not.toMatch(/\n\s+at /);
    expect(badSetting.stdout).toBe("");
  });

  it("refuses an unknown stack and lists the stacks there are", () => {
    expect(unknownStack.code).toBe(2);
    expect(unknownStack.stderr).toContain('No stack "staging"');
    expect(unknownStack.stderr).toContain("Available stacks: dev, prod");
  });

  it("refuses a region the price table does not cover instead of guessing", () => {
    expect(unpriced.code).toBe(1);
    expect(unpriced.stderr).toContain('aws:region: no price table for "eu-west-1"');
    expect(unpriced.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a negative assumption with the flag's name", () => {
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--lcu: found "-1"');
  });
});
