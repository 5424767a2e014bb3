/**
 * The workflows' trust rules (issue 12, review findings H1, H2 and M6), on the real files in
 * .github/workflows and, to prove each rule fires, on broken variants of them.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../stack/stack-harness";
import {
  DEFAULT_BRANCH_CONDITION,
  deployJobProblems,
  parseWorkflow,
  pullRequestCredentialProblems,
  triggers,
  unpinnedActions,
  unpinnedGoVersions,
} from "./workflow-rules";
import type { Workflow } from "./workflow-rules";

const WORKFLOWS_DIR = path.join(REPO_ROOT, ".github", "workflows");
const FILES = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith(".yml"));
const TEXT = Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(WORKFLOWS_DIR, file), "utf8")]));
const PARSED: Record<string, Workflow> = Object.fromEntries(FILES.map((file) => [file, parseWorkflow(TEXT[file])]));

function called(uses: string): Workflow {
  const file = path.basename(uses);
  const workflow = PARSED[file];
  if (workflow === undefined) {
    throw new Error(`${uses} is not in .github/workflows`);
  }
  return workflow;
}

/** A copy of a real workflow with one job changed. */
function withJob(file: string, job: string, change: (job: Record<string, unknown>) => Record<string, unknown>): Workflow {
  const workflow = structuredClone(PARSED[file]) as { jobs: Record<string, Record<string, unknown>> };
  workflow.jobs[job] = change(workflow.jobs[job]);
  return workflow as Workflow;
}

describe("the workflows in .github/workflows", () => {
  it("are the four expected ones", () => {
    expect(FILES.sort()).toEqual(["checks.yml", "deploy.yml", "preview-prod.yml", "pull-request.yml"]);
  });

  it("pin every remote action to a full commit SHA with a # vX.Y.Z comment, one SHA per action", () => {
    const uses = FILES.flatMap((file) => TEXT[file].split("\n").filter((line) => /^\s*(-\s*)?uses:\s*[^.]/.test(line)));
    expect(uses.length).toBeGreaterThan(10);
    expect(FILES.flatMap((file) => unpinnedActions(file, TEXT[file]))).toEqual([]);
  });

  it("set up a pinned Go release, not `stable`", () => {
    expect(FILES.flatMap((file) => unpinnedGoVersions(file, PARSED[file]))).toEqual([]);
    expect(TEXT["checks.yml"]).toMatch(/go-version: "\d+\.\d+\.\d+"/);
  });

  it("give no pull-request job credentials beyond the dev preview, and use no pull_request_target", () => {
    expect(FILES.flatMap((file) => pullRequestCredentialProblems(file, PARSED[file], called))).toEqual([]);
    // The one credentialed pull-request job previews dev, as the rule above allows.
    const preview = PARSED["pull-request.yml"].jobs?.["preview-dev"];
    expect(preview?.permissions).toMatchObject({ "id-token": "write" });
    expect(JSON.stringify(preview)).not.toMatch(/prod/i);
  });

  it("run every job that can mint an OIDC token outside pull requests in an environment, on main only", () => {
    expect(FILES.flatMap((file) => deployJobProblems(file, PARSED[file]))).toEqual([]);
    const environments = FILES.flatMap((file) =>
      Object.entries(PARSED[file].jobs ?? {})
        .filter(([, job]) => job.environment !== undefined)
        .map(([name, job]) => `${file}:${name}:${String(job.environment)}`),
    );
    expect(environments.sort()).toEqual(["deploy.yml:deploy-dev:dev", "deploy.yml:deploy-prod:prod", "preview-prod.yml:preview-prod:prod-preview"]);
  });

  it("preview prod only by hand: preview-prod.yml has no trigger but workflow_dispatch", () => {
    expect(triggers(PARSED["preview-prod.yml"])).toEqual(["workflow_dispatch"]);
    expect(triggers(PARSED["deploy.yml"]).sort()).toEqual(["push", "workflow_dispatch"]);
  });
});

describe("the rules fire on broken workflows", () => {
  it("flags a tag, a short SHA, a missing comment and two SHAs for one action", () => {
    const text = [
      "      - uses: actions/checkout@v4",
      "      - uses: actions/checkout@11bd719 # v4.2.2",
      "      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
      "      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3",
      "      - uses: actions/cache@1bd1e32a3bdc45362d1e726936510720a7c30a57 # v4.2.0",
      "      - uses: docker://alpine:3",
      "    uses: ./.github/workflows/checks.yml",
    ].join("\n");

    expect(unpinnedActions("x.yml", text)).toEqual([
      "x.yml:1: actions/checkout@v4 is not pinned to a full 40-character commit SHA",
      "x.yml:2: actions/checkout@11bd719 is not pinned to a full 40-character commit SHA",
      'x.yml:3: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 has no "# vX.Y.Z" release comment',
      "x.yml:5: actions/cache is pinned to 1bd1e32a3bdc45362d1e726936510720a7c30a57 here and to 5a3ec84eff668545956fd18022155c47e93e2684 elsewhere",
      "x.yml:6: docker://alpine:3 is not pinned to a full 40-character commit SHA",
    ]);
  });

  it("flags the old pull-request preview: a matrix over every stack, prod included", () => {
    const broken = withJob("pull-request.yml", "preview-dev", (job) => ({
      ...job,
      strategy: { matrix: { stack: ["dev", "prod"] } },
      steps: (job.steps as Record<string, unknown>[]).map((step) =>
        String(step.uses).startsWith("pulumi/actions@") ? { ...step, with: { ...(step.with as object), "stack-name": "${{ matrix.stack }}" } } : step,
      ),
    }));

    const problems = pullRequestCredentialProblems("pull-request.yml", broken, called);
    expect(problems).toContain("pull-request.yml: job preview-dev has id-token: write on a pull request and a matrix: the stacks it previews are not fixed to dev");
    expect(problems).toContain("pull-request.yml: job preview-dev has id-token: write on a pull request and mentions prod");
    expect(problems).toContain("pull-request.yml: job preview-dev runs pulumi on stack ${{ matrix.stack }}, which is not dev");
  });

  it("flags a pull-request job in a protected environment, a write-all default, and pull_request_target", () => {
    const inEnvironment = withJob("pull-request.yml", "preview-dev", (job) => ({ ...job, environment: "prod-preview" }));
    expect(pullRequestCredentialProblems("pr.yml", inEnvironment, called)).toContainEqual(expect.stringContaining("names an environment"));

    const writeAllProd = parseWorkflow("on: [pull_request_target]\npermissions: write-all\njobs:\n  x:\n    environment: prod\n");
    expect(pullRequestCredentialProblems("pr.yml", writeAllProd, called)).toEqual([
      "pr.yml: pull_request_target runs with the base repository's secrets for code from forks; use pull_request",
      'pr.yml: job x has id-token: write on a pull request and names an environment ("prod")',
      "pr.yml: job x has id-token: write on a pull request and mentions prod",
    ]);
  });

  it("flags a deploy job that may run on any branch or outside its environment", () => {
    const anyBranch = withJob("deploy.yml", "deploy-dev", (job) => ({ ...job, if: undefined }));
    expect(deployJobProblems("deploy.yml", anyBranch)).toEqual([`deploy.yml: job deploy-dev has id-token: write but does not require ${DEFAULT_BRANCH_CONDITION}`]);

    const noEnvironment = withJob("preview-prod.yml", "preview-prod", (job) => ({ ...job, environment: undefined }));
    expect(deployJobProblems("preview-prod.yml", noEnvironment)).toEqual([
      "preview-prod.yml: job preview-prod has id-token: write but no environment (its role's trust policy pins the environment)",
    ]);
  });

  it("flags setup-go on `stable`", () => {
    const stable = withJob("checks.yml", "test", (job) => ({
      ...job,
      steps: (job.steps as Record<string, unknown>[]).map((step) =>
        String(step.uses).startsWith("actions/setup-go@") ? { ...step, with: { "go-version": "stable" } } : step,
      ),
    }));
    expect(unpinnedGoVersions("checks.yml", stable)).toEqual(["checks.yml: job test sets up Go stable, not a pinned release such as 1.26.8"]);
  });
});

describe(".github/dependabot.yml", () => {
  const dependabot = parseWorkflow(readFileSync(path.join(REPO_ROOT, ".github", "dependabot.yml"), "utf8")) as unknown as {
    version: number;
    updates: { "package-ecosystem": string; directory: string; schedule: { interval: string } }[];
  };

  it("opens update pull requests for the pinned actions and for npm", () => {
    expect(dependabot.version).toBe(2);
    expect(dependabot.updates.map((update) => [update["package-ecosystem"], update.directory])).toEqual([
      ["github-actions", "/"],
      ["npm", "/"],
    ]);
    for (const update of dependabot.updates) {
      expect(update.schedule.interval).toMatch(/^(daily|weekly)$/);
    }
  });
});
