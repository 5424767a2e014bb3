/**
 * Pure checks over GitHub Actions workflow files, so the trust rules of issue 12 are asserted on the
 * real workflows and proven to fire on broken ones (workflow-trust.test.ts):
 * - every remote action is pinned to a full 40-hex commit SHA with its release in a comment (a tag
 *   can be moved to other code, a SHA cannot);
 * - no job that can mint an OIDC token (`id-token: write`) runs on a pull request unless it is
 *   dev-only: no environment, no matrix, nothing naming prod; `pull_request_target` never;
 * - outside pull requests, every such job runs in a GitHub environment and only on main.
 */
import { parse } from "yaml";

/** A workflow as `yaml` parses it; only the keys the rules read are typed. */
export interface Workflow {
  readonly on?: unknown;
  readonly permissions?: unknown;
  readonly jobs?: Record<string, Job>;
}

export interface Job {
  readonly if?: string;
  readonly environment?: unknown;
  readonly permissions?: unknown;
  readonly strategy?: { readonly matrix?: unknown };
  readonly uses?: string;
  readonly steps?: readonly Step[];
}

export interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

/** What a remote action must look like: `owner/repo[/path]@<40 hex>`. */
const PINNED_ACTION = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/;
/** The comment after it: `# v4.2.2`. */
const RELEASE_COMMENT = /^\s+#\s*v\d+\.\d+\.\d+\s*$/;
const USES_LINE = /^\s*(?:-\s*)?uses:\s*(\S+)(.*)$/;
/** The default branch: the only ref a job holding deploy or prod credentials may run on. */
export const DEFAULT_BRANCH_CONDITION = "github.ref == 'refs/heads/main'";

export function parseWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

/** Every `uses:` of a remote action that is not pinned to a SHA with a `# vX.Y.Z` comment. */
export function unpinnedActions(file: string, text: string): string[] {
  const problems: string[] = [];
  const shaByAction = new Map<string, string>();
  text.split("\n").forEach((line, index) => {
    const match = USES_LINE.exec(line);
    if (match === null) {
      return;
    }
    const [, reference, rest] = match;
    if (reference.startsWith("./")) {
      return;
    }
    const where = `${file}:${index + 1}`;
    if (!PINNED_ACTION.test(reference)) {
      problems.push(`${where}: ${reference} is not pinned to a full 40-character commit SHA`);
      return;
    }
    if (!RELEASE_COMMENT.test(rest)) {
      problems.push(`${where}: ${reference} has no "# vX.Y.Z" release comment`);
    }
    const [action, sha] = reference.split("@");
    const seen = shaByAction.get(action);
    if (seen !== undefined && seen !== sha) {
      problems.push(`${where}: ${action} is pinned to ${sha} here and to ${seen} elsewhere`);
    }
    shaByAction.set(action, sha);
  });
  return problems;
}

/** The events that start the workflow. */
export function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === "string") {
    return [on];
  }
  if (Array.isArray(on)) {
    return on.map(String);
  }
  return typeof on === "object" && on !== null ? Object.keys(on) : [];
}

/** Whether the job (with the workflow's default permissions) can request an OIDC token. */
export function canMintOidcToken(workflow: Workflow, job: Job): boolean {
  const permissions = job.permissions ?? workflow.permissions;
  if (permissions === "write-all") {
    return true;
  }
  return typeof permissions === "object" && permissions !== null && (permissions as Record<string, unknown>)["id-token"] === "write";
}

/**
 * Jobs of a pull-request workflow that could hold more than dev preview credentials. `called`
 * resolves a local reusable workflow (`uses: ./.github/workflows/x.yml`) so its jobs are checked too.
 */
export function pullRequestCredentialProblems(file: string, workflow: Workflow, called: (path: string) => Workflow): string[] {
  const events = triggers(workflow);
  const problems: string[] = [];
  if (events.includes("pull_request_target")) {
    problems.push(`${file}: pull_request_target runs with the base repository's secrets for code from forks; use pull_request`);
  }
  if (!events.includes("pull_request") && !events.includes("pull_request_target")) {
    return problems;
  }
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.uses?.startsWith("./") === true) {
      const inner = called(job.uses);
      for (const [innerName, innerJob] of Object.entries(inner.jobs ?? {})) {
        if (canMintOidcToken(inner, innerJob)) {
          problems.push(`${file}: ${name} -> ${job.uses} job ${innerName} has id-token: write on a pull request`);
        }
      }
      continue;
    }
    if (canMintOidcToken(workflow, job)) {
      problems.push(...devOnlyProblems(`${file}: job ${name}`, job));
    }
  }
  return problems;
}

function devOnlyProblems(where: string, job: Job): string[] {
  const problems: string[] = [];
  if (job.environment !== undefined) {
    problems.push(`${where} has id-token: write on a pull request and names an environment (${JSON.stringify(job.environment)})`);
  }
  if (job.strategy?.matrix !== undefined) {
    problems.push(`${where} has id-token: write on a pull request and a matrix: the stacks it previews are not fixed to dev`);
  }
  if (/prod/i.test(JSON.stringify(job))) {
    problems.push(`${where} has id-token: write on a pull request and mentions prod`);
  }
  const stacks = (job.steps ?? []).filter((step) => step.uses?.startsWith("pulumi/actions@") === true).map((step) => String(step.with?.["stack-name"]));
  for (const stack of stacks) {
    if (!/(^|\/|')dev'?( |\}|$)/.test(stack)) {
      problems.push(`${where} runs pulumi on stack ${stack}, which is not dev`);
    }
  }
  return problems;
}

/** Outside pull requests: every job that can mint a token runs in an environment and only on main. */
export function deployJobProblems(file: string, workflow: Workflow): string[] {
  const events = triggers(workflow);
  if (events.includes("pull_request") || events.includes("pull_request_target")) {
    return [];
  }
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (!canMintOidcToken(workflow, job)) {
      continue;
    }
    if (typeof job.environment !== "string" || job.environment === "") {
      problems.push(`${file}: job ${name} has id-token: write but no environment (its role's trust policy pins the environment)`);
    }
    if (job.if?.includes(DEFAULT_BRANCH_CONDITION) !== true) {
      problems.push(`${file}: job ${name} has id-token: write but does not require ${DEFAULT_BRANCH_CONDITION}`);
    }
  }
  return problems;
}

/** setup-go steps whose go-version is a moving target (`stable`, `1.x`) instead of a release. */
export function unpinnedGoVersions(file: string, workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (step.uses?.startsWith("actions/setup-go@") === true && !/^\d+\.\d+\.\d+$/.test(String(step.with?.["go-version"]))) {
        problems.push(`${file}: job ${name} sets up Go ${String(step.with?.["go-version"])}, not a pinned release such as 1.26.8`);
      }
    }
  }
  return problems;
}
