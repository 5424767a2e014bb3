/**
 * `npm run plan -- --stack prod --baseline <plan.json>` as CI runs it: the plan of the base branch
 * is the baseline, the plan of the change is compared with it. One child process per plan.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import type { ChildResult } from "../tsx-child";
import { runTsx } from "../tsx-child";

const PLAN = path.join(REPO_ROOT, "scripts", "plan.ts");
const EXIT_DATABASE_REPLACED = 3;
const EXIT_USAGE = 2;

function plan(args: readonly string[]): Promise<ChildResult> {
  return runTsx(PLAN, args);
}

const directory = mkdtempSync(path.join(tmpdir(), "plan-baseline-"));
const baselineFile = path.join(directory, "prod.json");
const renamedDatabaseFile = path.join(directory, "renamed-database.json");
const largerClassFile = path.join(directory, "larger-class.yaml");
const prodYaml = readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8");
const largerClassYaml = prodYaml.replace(/dbInstanceClass: \S+/, "dbInstanceClass: db.m7g.large");
if (largerClassYaml === prodYaml || prodYaml.includes("dbInstanceClass: db.m7g.large")) {
  throw new Error("Pulumi.prod.yaml sets no dbInstanceClass other than db.m7g.large: this test has nothing to change");
}
writeFileSync(largerClassFile, largerClassYaml);

let baseline: PlanReport;
let same: ChildResult;
let changedDbName: ChildResult;
let largerClass: ChildResult;
let otherStack: ChildResult;

beforeAll(async () => {
  const made = await plan(["--stack", "prod", "--json", "--out-dir", directory]);
  expect(made.code).toBe(0);
  writeFileSync(baselineFile, made.stdout);
  baseline = JSON.parse(made.stdout) as PlanReport;
  // The base branch had another database name: this change would replace the instance.
  const before = JSON.parse(made.stdout) as { databaseIdentity: { type: string; forceNewInputs: Record<string, unknown> }[] };
  const instance = before.databaseIdentity.find((identity) => identity.type === "aws:rds/instance:Instance");
  if (instance === undefined) {
    throw new Error("the prod plan records no database instance");
  }
  instance.forceNewInputs.dbName = "gateway";
  writeFileSync(renamedDatabaseFile, JSON.stringify(before));

  [same, changedDbName, largerClass, otherStack] = await Promise.all([
    plan(["--stack", "prod", "--baseline", baselineFile, "--out-dir", directory]),
    plan(["--stack", "prod", "--baseline", renamedDatabaseFile, "--json", "--out-dir", directory]),
    plan(["--stack", "prod", "--stack-file", largerClassFile, "--baseline", baselineFile, "--out-dir", directory]),
    plan(["--stack", "dev", "--baseline", baselineFile, "--out-dir", directory]),
  ]);
});

describe("plan --baseline", () => {
  it("records prod's protected instance and groups in the plan's JSON", () => {
    expect(baseline.databaseIdentity.map((identity) => [identity.name, identity.protect])).toEqual([
      ["litellm-database-parameters", true],
      ["litellm-database-subnets", true],
      ["litellm-database-instance", true],
    ]);
  });

  it("says when prod's database changes apply", () => {
    const database = baseline.resources.flatMap((component) => component.resources).find((resource) => resource.token === "aws:rds/instance:Instance");
    expect(database?.properties.changesApply).toContain("during pulumi up");
  });

  it("is quiet and exits 0 when nothing would be replaced", () => {
    expect(same.code).toBe(0);
    expect(same.stdout).not.toContain("WARNING");
  });

  it("is quiet about a change RDS makes in place (a larger class)", () => {
    expect(largerClass.code).toBe(0);
    expect(largerClass.stdout).toContain("db.m7g.large");
    expect(largerClass.stdout).not.toContain("WARNING");
  });

  it("warns and exits 3 when a force-new input of the database changed", () => {
    expect(changedDbName.code).toBe(EXIT_DATABASE_REPLACED);
    const report = JSON.parse(changedDbName.stdout) as PlanReport;
    expect(report.replacementWarnings).toHaveLength(1);
    expect(report.replacementWarnings?.[0].message).toContain('dbName "gateway" -> "litellm"');
  });

  it("refuses a baseline of another stack", () => {
    expect(otherStack.code).toBe(EXIT_USAGE);
    expect(otherStack.stderr).toContain('a plan of stack "prod", not "dev"');
  });
});
