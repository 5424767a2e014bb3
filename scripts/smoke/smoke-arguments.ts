/**
 * The command line of `npm run smoke`, parsed without side effects so every usage error is
 * testable. A usage error exits with code 2, distinct from a failed check (1).
 */
import { parseArgs } from "node:util";

import { availableStacks, StackFileNotFoundError } from "../../config/settings/stack-file";

export interface SmokeArguments {
  /** The Pulumi stack, as given (`dev`, or `acme/dev` on Pulumi Cloud). */
  readonly stack: string;
  /** The stack's outputs as `pulumi stack output --json` prints them, instead of running pulumi. */
  readonly outputsFile?: string;
  /** The gateway's origin, instead of the stack's `url` output. */
  readonly url?: string;
  /** A variable holding the master key, instead of reading it from Secrets Manager. */
  readonly masterKeyEnv?: string;
  /** Call each alias once, then each deployment once. */
  readonly completions: boolean;
  /** The caller is in adminCidrs: also run the checks on LiteLLM's admin paths (`/key/*`, `/health?model=`). */
  readonly admin: boolean;
}

export type ParsedSmokeCommand = { readonly kind: "help" } | { readonly kind: "run"; readonly arguments: SmokeArguments };

/** Exit codes: 0 every check passed, 1 a check failed, 2 the command itself was wrong (70, a bug: scripts/cli/run-cli.ts). */
export const EXIT_PASSED = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE_ERROR = 2;

export const SMOKE_USAGE = `Usage: npm run smoke -- --stack <name> [options]

Checks a deployed gateway: liveness, readiness, /v1/models against the catalog's aliases for the
stack, optionally one completion per alias and one per deployment, all through the client API the
load balancer serves to allowedCidrs. With --admin (from an address in adminCidrs) also a
short-lived virtual key limited to one alias (created, used, refused another alias, deleted).

A key is sent only over HTTPS (or to this machine's loopback): against a plain-HTTP gateway (dev,
allowPlainHttp: true) only liveness and readiness run, and the output says what was skipped.

Options:
  --stack <name>            Pulumi stack (dev, prod, or org/dev on Pulumi Cloud). Required.
  --outputs-file <path>     Stack outputs as printed by 'pulumi stack output --json'
                            (default: run 'pulumi stack output --json --stack <name>').
  --url <origin>            Gateway origin, e.g. https://llm.example.com (default: 'url' output).
  --master-key-env <VAR>    Read the master key from this environment variable
                            (default: Secrets Manager, GetSecretValue on 'masterKeySecretArn').
  --completions             Make one small completion per alias, then one per deployment behind
                            every alias, that deployment alone (a few tokens each).
  --admin                   You are in the stack's adminCidrs: also check the virtual-key lifecycle
                            (/key/*) and probe the deployments through LiteLLM's /health?model=.
  --help                    Show this text.

Exit codes: 0 all checks passed, 1 a check failed, 2 usage or configuration error (an unknown
stack, an outputs file that cannot be read), 70 a bug (rerun with DEBUG=1 for the stack trace).`;

/** A wrong command line or configuration: the CLI prints it with the usage and exits 2. */
export class SmokeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SmokeUsageError";
  }
}

const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** @throws SmokeUsageError naming the flag and a valid example. */
export function parseSmokeArguments(argv: readonly string[]): ParsedSmokeCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string" },
        "outputs-file": { type: "string" },
        url: { type: "string" },
        "master-key-env": { type: "string" },
        completions: { type: "boolean", default: false },
        admin: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new SmokeUsageError(`${error instanceof Error ? error.message : String(error)}. Example: npm run smoke -- --stack dev`);
  }
  if (values.help === true) {
    return { kind: "help" };
  }
  const stack = values.stack?.trim();
  if (stack === undefined || stack === "") {
    throw new SmokeUsageError("--stack is required: the catalog's aliases for that stack are what /v1/models must list. Example: --stack dev");
  }
  // A stack without a committed Pulumi.<stack>.yaml is a typo: its catalog aliases would be empty.
  if (!availableStacks().includes(catalogStackName(stack))) {
    throw new SmokeUsageError(new StackFileNotFoundError(catalogStackName(stack)).message);
  }
  const url = values.url;
  if (url !== undefined && !isHttpOrigin(url)) {
    throw new SmokeUsageError(`--url must be an http(s) URL such as https://llm.example.com; found "${url}".`);
  }
  const masterKeyEnv = values["master-key-env"];
  if (masterKeyEnv !== undefined && !ENV_NAME_PATTERN.test(masterKeyEnv)) {
    throw new SmokeUsageError(
      `--master-key-env takes the NAME of an environment variable, e.g. --master-key-env LITELLM_MASTER_KEY; found "${masterKeyEnv}".`,
    );
  }
  return {
    kind: "run",
    arguments: {
      stack,
      completions: values.completions === true,
      admin: values.admin === true,
      ...(values["outputs-file"] === undefined ? {} : { outputsFile: values["outputs-file"] }),
      ...(url === undefined ? {} : { url }),
      ...(masterKeyEnv === undefined ? {} : { masterKeyEnv }),
    },
  };
}

/** `acme/litellm-gateway/dev` or `acme/dev` → `dev`: the name the catalog's `stacks` lists use. */
export function catalogStackName(stack: string): string {
  return stack.split("/").at(-1) ?? stack;
}

function isHttpOrigin(text: string): boolean {
  try {
    const parsed = new URL(text);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}
