/**
 * Stack outputs: each one has a value or is left out by design. Pulumi drops an export whose value
 * is undefined (a plain `undefined` or an Output that resolves to it) and warns "Undefined value
 * (<name>) will not show as a stack output" (@pulumi/pulumi runtime/stack.js); the harness walks
 * the exports with that same code. The program makes optional outputs plain `undefined`, so
 * "absent by design" and "a hole" can be told apart: an Output of undefined is always a defect.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { availableStacks } from "../../offline/run-stack-offline";
import type { StackRun } from "./stack-harness";
import { runStacksInChildren } from "./stack-runs-in-children";

/** Outputs that exist only with their feature: WAF, alarms, a priced region. */
const OPTIONAL_OUTPUTS = ["adminUiPasswordSecretArn", "alarmTopicArn", "costEstimate", "estimatedMonthlyCostUsd", "webAclArn"];
const COMMITTED_STACKS = availableStacks();

let committed: StackRun[];
let alarmsOff: StackRun;
let unpricedRegion: StackRun;

beforeAll(async () => {
  const runs = await runStacksInChildren([
    ...COMMITTED_STACKS.map((stack) => ({ stack })),
    { stack: "dev", extraConfig: { alarms: "false" } },
    { stack: "dev", extraConfig: { "aws:region": "eu-west-1" } },
  ]);
  committed = runs.slice(0, COMMITTED_STACKS.length);
  [alarmsOff, unpricedRegion] = runs.slice(COMMITTED_STACKS.length);
});

function committedRun(stack: string): StackRun {
  const run = committed[COMMITTED_STACKS.indexOf(stack)];
  if (run === undefined) {
    throw new Error(`No committed stack "${stack}"; committed: ${COMMITTED_STACKS.join(", ")}`);
  }
  return run;
}

function pulumiDropWarning(name: string): string {
  return `Undefined value (${name}) will not show as a stack output.`;
}

describe("stack outputs", () => {
  it("never export an Output that resolves to undefined, on any committed stack", () => {
    expect(COMMITTED_STACKS).toEqual(expect.arrayContaining(["dev", "prod"]));
    for (const [index, run] of committed.entries()) {
      expect(run.undefinedOutputs, COMMITTED_STACKS[index]).toEqual([]);
      expect(JSON.stringify(run.outputs), COMMITTED_STACKS[index]).not.toContain("undefined");
    }
  });

  it("leave out only optional outputs, each with the note Pulumi prints for it", () => {
    for (const run of [...committed, alarmsOff, unpricedRegion]) {
      for (const name of run.absentOutputs) {
        expect(OPTIONAL_OUTPUTS).toContain(name);
        expect(run.outputs).not.toHaveProperty(name);
        expect(run.warnings).toContain(pulumiDropWarning(name));
      }
    }
  });

  it("dev (no WAF) has no webAclArn key at all; prod (WAF on) exports the web ACL's ARN", () => {
    const dev = committedRun("dev");
    expect(dev.outputs).not.toHaveProperty("webAclArn");
    // Neither committed stack turns the Admin UI on, so neither has its password's secret.
    expect(dev.absentOutputs).toEqual(["adminUiPasswordSecretArn", "webAclArn"]);
    const prod = committedRun("prod");
    expect(prod.outputs.webAclArn).toMatch(/^arn:aws:wafv2:us-east-1:\d{12}:regional\/webacl\//);
    expect(prod.absentOutputs).toEqual(["adminUiPasswordSecretArn"]);
    expect(prod.warnings.filter((warning) => warning.startsWith("Undefined value"))).toEqual([pulumiDropWarning("adminUiPasswordSecretArn")]);
  });

  it("has no alarmTopicArn key with alarms off, and one with alarms on", () => {
    expect(alarmsOff.outputs).not.toHaveProperty("alarmTopicArn");
    expect(alarmsOff.absentOutputs).toContain("alarmTopicArn");
    expect(committedRun("dev").outputs.alarmTopicArn).toMatch(/^arn:aws:sns:/);
  });

  it("has no cost estimate keys for a region without a price table, and both with one", () => {
    expect(unpricedRegion.absentOutputs).toEqual(expect.arrayContaining(["costEstimate", "estimatedMonthlyCostUsd"]));
    expect(unpricedRegion.outputs).not.toHaveProperty("estimatedMonthlyCostUsd");
    expect(unpricedRegion.undefinedOutputs).toEqual([]);
    expect(typeof committedRun("dev").outputs.estimatedMonthlyCostUsd).toBe("number");
    expect(committedRun("dev").outputs.costEstimate).toEqual(expect.arrayContaining([expect.objectContaining({ monthlyUsd: expect.any(Number) })]));
  });
});
