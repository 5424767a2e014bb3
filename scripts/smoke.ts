/**
 * `npm run smoke -- --stack <name>`: the post-deploy check of a gateway. Reads the stack's outputs
 * (`pulumi stack output --json`, or --outputs-file), the master key (Secrets Manager, or
 * --master-key-env) unless the gateway is plain HTTP (then no key is read or sent, and only the
 * keyless checks run), then runs the checks of scripts/smoke/smoke-checks.ts and prints one line each.
 *
 * Exit codes: 0 all checks passed, 1 a check failed, 2 usage or configuration error (an unknown
 * stack, an outputs file that cannot be read), 70 a bug (rerun with DEBUG=1 for the trace).
 */
import { execFileSync } from "node:child_process";

import { catalog } from "../config/catalog";
import { servedAliasNames } from "../config/catalog/catalog-for-stack";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { InputFileError, withoutRepoRoot } from "../config/settings/input-file-error";
import { readInputText } from "../config/settings/read-yaml-file";
import { describeFailure, errorNamed, withHelpHint } from "./cli/run-cli";
import { deploymentTargets } from "./smoke/deployment-targets";
import { keysMayTravelTo } from "./smoke/key-transport";
import {
  catalogStackName,
  EXIT_CHECK_FAILED,
  EXIT_PASSED,
  EXIT_USAGE_ERROR,
  parseSmokeArguments,
  SMOKE_USAGE,
  SmokeUsageError,
} from "./smoke/smoke-arguments";
import type { SmokeArguments } from "./smoke/smoke-arguments";
import { formatCheckResult, formatSummary, runSmokeChecks, smokeExitCode } from "./smoke/smoke-checks";
import type { CheckResult, SmokeFetch } from "./smoke/smoke-checks";
import { MasterKeyUnavailableError, readMasterKey } from "./smoke/smoke-master-key";
import type { SecretsManagerSender } from "./smoke/smoke-master-key";
import { parseStackOutputs } from "./smoke/smoke-stack-outputs";
import type { SmokeStackOutputs } from "./smoke/smoke-stack-outputs";

const OUTPUTS_FILE_EXPECTED = "a file holding the output of 'pulumi stack output --json'";

/** Everything the command touches outside itself, so tests can run it in-process. */
export interface SmokeCommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  /** @default runs `pulumi stack output --json --stack <stack>` */
  readonly readStackOutputs?: (stack: string) => unknown;
  /** @default a client in the secret's region */
  readonly secretsClient?: SecretsManagerSender;
  /** @default globalThis.fetch */
  readonly fetch?: SmokeFetch;
}

/** Runs the command; resolves to the exit code and never rejects. */
export async function runSmokeCommand(argv: readonly string[], io: SmokeCommandIo): Promise<number> {
  try {
    const command = parseSmokeArguments(argv);
    if (command.kind === "help") {
      io.print(SMOKE_USAGE);
      return EXIT_PASSED;
    }
    return await smoke(command.arguments, io);
  } catch (error) {
    // One line each: the problem and its fix; a stack trace only for a bug, and only with DEBUG=1.
    if (error instanceof SmokeUsageError) {
      io.printError(`smoke: ${withHelpHint(withoutRepoRoot(error.message), "smoke")}`);
      return EXIT_USAGE_ERROR;
    }
    if (error instanceof MasterKeyUnavailableError || errorNamed(error, "InputFileError")) {
      io.printError(`smoke: ${withoutRepoRoot((error as Error).message)}`);
      return EXIT_USAGE_ERROR;
    }
    const failure = describeFailure(error, "smoke", io.env);
    io.printError(failure.message);
    return failure.code;
  }
}

async function smoke(args: SmokeArguments, io: SmokeCommandIo): Promise<number> {
  const needsOutputs = args.outputsFile !== undefined || args.url === undefined || args.masterKeyEnv === undefined;
  const outputs: SmokeStackOutputs = needsOutputs ? loadOutputs(args, io) : {};

  const url = args.url ?? outputs.url;
  if (url === undefined) {
    throw new SmokeUsageError(`the stack outputs have no 'url'. Deploy the stack first ('pulumi up --stack ${args.stack}') or pass --url.`);
  }
  // No key is even read for a plain-HTTP gateway: it could only be sent in the clear.
  const masterKey = keysMayTravelTo(url) ? await resolveMasterKey(args, outputs, io) : undefined;
  const stackName = catalogStackName(args.stack);
  const expectedAliases = servedAliasNames(catalog, stackName);

  io.print(`Smoke test of stack ${args.stack} at ${url}: expecting ${expectedAliases.join(", ")}`);
  if (masterKey === undefined) {
    io.print(`${url} is plain HTTP: the master key is not read and no key is sent; only liveness and readiness run.`);
  }
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    io.print(formatCheckResult(result));
  };
  if (outputs.models !== undefined) {
    report(deployedModelsCheck(outputs.models, expectedAliases));
  }
  await runSmokeChecks({
    baseUrl: url,
    masterKey,
    expectedAliases,
    completions: args.completions,
    adminPlane: args.admin,
    deployments: deploymentTargets(renderLitellmConfig(catalog, { stack: stackName }).yaml),
    ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
    onResult: report,
  });
  io.print(formatSummary(results));
  return smokeExitCode(results) === 0 ? EXIT_PASSED : EXIT_CHECK_FAILED;
}

/**
 * The `models` output is what the deployed program rendered. If it differs from this checkout's
 * catalog, the stack was deployed from another commit: worth knowing before reading the rest.
 */
function deployedModelsCheck(deployed: readonly string[], expected: readonly string[]): CheckResult {
  const name = "stack output models";
  const sortedDeployed = [...deployed].sort();
  const same = sortedDeployed.length === expected.length && sortedDeployed.every((alias, index) => alias === expected[index]);
  return same
    ? { name, status: "pass", detail: "the deployed program serves this checkout's catalog" }
    : {
        name,
        status: "fail",
        detail: `the stack was deployed with ${sortedDeployed.join(", ") || "no aliases"}, this checkout's catalog has ${expected.join(", ")}: deploy this commit first (pulumi up)`,
      };
}

function loadOutputs(args: SmokeArguments, io: SmokeCommandIo): SmokeStackOutputs {
  if (args.outputsFile !== undefined) {
    const text = readInputText(args.outputsFile, OUTPUTS_FILE_EXPECTED);
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch (error) {
      throw new InputFileError(args.outputsFile, `not JSON (${(error as Error).message})`, `pass ${OUTPUTS_FILE_EXPECTED}`);
    }
    return parseStackOutputs(json, args.outputsFile);
  }
  const read = io.readStackOutputs ?? readOutputsWithPulumi;
  return parseStackOutputs(read(args.stack), `pulumi stack output --json --stack ${args.stack}`);
}

function readOutputsWithPulumi(stack: string): unknown {
  let text: string;
  try {
    text = execFileSync("pulumi", ["stack", "output", "--json", "--stack", stack], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const reason =
      failure.code === "ENOENT"
        ? "the pulumi CLI is not installed or not on PATH"
        : (failure.stderr?.trim() ?? failure.message);
    throw new SmokeUsageError(
      `'pulumi stack output --json --stack ${stack}' failed: ${reason}. Log in to the stack's backend (pulumi login), or pass --outputs-file <json>.`,
    );
  }
  return parseJsonText(text, `pulumi stack output --json --stack ${stack}`);
}

async function resolveMasterKey(args: SmokeArguments, outputs: SmokeStackOutputs, io: SmokeCommandIo): Promise<string> {
  if (args.masterKeyEnv !== undefined) {
    const key = io.env[args.masterKeyEnv];
    if (key === undefined || key === "") {
      throw new SmokeUsageError(`--master-key-env ${args.masterKeyEnv}: that environment variable is not set or empty. Export it first, e.g. export ${args.masterKeyEnv}=sk-...`);
    }
    return key;
  }
  if (outputs.masterKeySecretArn === undefined) {
    throw new SmokeUsageError(`the stack outputs have no 'masterKeySecretArn'. Deploy the stack first ('pulumi up --stack ${args.stack}') or pass --master-key-env <VAR>.`);
  }
  return readMasterKey(outputs.masterKeySecretArn, io.secretsClient);
}

function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SmokeUsageError(`${source} is not JSON; expected the output of 'pulumi stack output --json'.`);
  }
}

if (require.main === module) {
  void runSmokeCommand(process.argv.slice(2), {
    env: process.env,
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
  }).then((code) => {
    process.exitCode = code;
  });
}
