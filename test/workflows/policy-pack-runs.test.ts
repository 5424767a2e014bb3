/**
 * Every `pulumi preview` and `pulumi up` in the workflows runs the gateway's policy pack (issue 16,
 * item 3), and those of prod run it with the production rules on (policy/production.json).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../stack/stack-harness";
import { parseWorkflow } from "./workflow-rules";
import type { Workflow } from "./workflow-rules";

const WORKFLOWS_DIR = path.join(REPO_ROOT, ".github", "workflows");
const PARSED: Record<string, Workflow> = Object.fromEntries(
  readdirSync(WORKFLOWS_DIR)
    .filter((file) => file.endsWith(".yml"))
    .map((file) => [file, parseWorkflow(readFileSync(path.join(WORKFLOWS_DIR, file), "utf8"))]),
);

const POLICY_PACK = "policy";
const PRODUCTION_CONFIG = "policy/production.json";

interface PulumiRun {
  readonly where: string;
  readonly stack: string;
  readonly policyPacks?: string;
  readonly policyPackConfigs?: string;
}

/** Every step that runs pulumi/actions, with the stack it names and its policy inputs. */
function pulumiRuns(parsed: Record<string, Workflow>): PulumiRun[] {
  return Object.entries(parsed).flatMap(([file, workflow]) =>
    Object.entries(workflow.jobs ?? {}).flatMap(([jobName, job]) => {
      const jobEnv = (job as { readonly env?: Record<string, string> }).env ?? {};
      return (job.steps ?? [])
        .filter((step) => typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@"))
        .map((step) => {
          const inputs = (step.with ?? {}) as Record<string, string | undefined>;
          const stack = String(inputs["stack-name"]).replace("${{ env.STACK }}", jobEnv.STACK ?? "");
          return { where: `${file}: job ${jobName} (${String(inputs.command)})`, stack, policyPacks: inputs.policyPacks, policyPackConfigs: inputs.policyPackConfigs };
        });
    }),
  );
}

/** What is wrong with one run: the pack missing, or prod without the production rules. */
function policyProblems(run: PulumiRun): string[] {
  const problems: string[] = [];
  if (run.policyPacks?.trim() !== POLICY_PACK) problems.push(`${run.where} does not run the policy pack (policyPacks: ${POLICY_PACK})`);
  const prod = /prod/.test(run.stack);
  if (prod && run.policyPackConfigs?.trim() !== PRODUCTION_CONFIG) problems.push(`${run.where} runs prod without policyPackConfigs: ${PRODUCTION_CONFIG}`);
  if (!prod && run.policyPackConfigs !== undefined) problems.push(`${run.where} runs a non-production stack with ${run.policyPackConfigs}`);
  return problems;
}

describe("the policy pack in the workflows", () => {
  it("runs with every preview and deploy, prod's with the production rules", () => {
    const runs = pulumiRuns(PARSED);
    expect(runs.map((run) => run.where).sort()).toEqual([
      "deploy.yml: job deploy-dev (up)",
      "deploy.yml: job deploy-prod (up)",
      "preview-prod.yml: job preview-prod (preview)",
      "pull-request.yml: job preview-dev (preview)",
    ]);
    expect(runs.flatMap(policyProblems)).toEqual([]);
    expect(existsSync(path.join(REPO_ROOT, POLICY_PACK, "PulumiPolicy.yaml"))).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, PRODUCTION_CONFIG))).toBe(true);
  });

  it("flags a deploy without the pack and a prod deploy without the production rules", () => {
    const broken = structuredClone(PARSED) as Record<string, { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> }>;
    for (const step of broken["deploy.yml"].jobs["deploy-dev"].steps) delete step.with?.policyPacks;
    for (const step of broken["deploy.yml"].jobs["deploy-prod"].steps) delete step.with?.policyPackConfigs;
    expect(pulumiRuns(broken as Record<string, Workflow>).flatMap(policyProblems)).toEqual([
      "deploy.yml: job deploy-dev (up) does not run the policy pack (policyPacks: policy)",
      "deploy.yml: job deploy-prod (up) runs prod without policyPackConfigs: policy/production.json",
    ]);
  });
});
