/**
 * The offline plan: what `pulumi up --stack <name>` would create, the config.yaml it would upload,
 * the secrets to provide first, and what it costs per month. No AWS account, no Pulumi CLI: the
 * real index.ts runs in-process under mocks with the committed Pulumi.<stack>.yaml.
 *
 *   npm run plan                              # stack dev
 *   npm run plan -- --stack prod --nat-gb 200 # change a usage assumption
 *   npm run plan -- --stack prod --json       # one JSON document on stdout, for CI
 *   npm run plan -- --stack prod --baseline base.json  # warn if this change replaces the database
 *
 * A wrong setting or catalog prints the program's own error (as `pulumi up` would) and exits 1; so
 * does a stack file that cannot be read or parsed (one line: file:line:col, the problem, the fix).
 * An unknown flag or stack exits 2 (README, "Exit codes").
 * With --baseline, a plan that would replace or delete the database (or its groups) compared with
 * the baseline plan prints a warning first and exits 3.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import type { CatalogValidationError } from "../config/catalog/catalog-validation-error";
import { formatProblem } from "../config/catalog/catalog-validation-error";
import type { UsageAssumptions } from "../config/cost/cost-model";
import { InputFileError, withoutRepoRoot } from "../config/settings/input-file-error";
import { readInputText } from "../config/settings/read-yaml-file";
import { committedStackFile, locateSettingProblem, readStackFile, StackFileNotFoundError } from "../config/settings/stack-file";
import type { StackSettingsError } from "../config/settings/stack-settings";
import { EXIT_BAD_INPUT, EXIT_OK, errorNamed, runCli, UsageError } from "./cli/run-cli";
import { baselineIdentity, replacementWarnings } from "./offline/plan-replacements";
import type { ResourceIdentity } from "./offline/plan-replacements";
import { ASSUMPTION_FLAGS, formatPlanReport } from "./offline/plan-report";
import type { PlanOptions } from "./offline/plan-stack";
import { WRAP_COLUMNS, wrapLine } from "./offline/wrap-text";

const DEFAULT_STACK = "dev";
/** The plan was made, and it would replace or delete the database: CI fails the check on it. */
const EXIT_DATABASE_REPLACED = 3;
const JSON_INDENT = 2;
/** Aligns the assumption flags in the usage text. */
const FLAG_COLUMN_WIDTH = 18;

const USAGE = `Usage: npm run plan -- [--stack <name>] [--json] [--show-config] [--stack-file <file>]
                       [--out-dir <dir>] [--baseline <plan.json>] [assumption flags]
  --stack        Pulumi stack to plan (default ${DEFAULT_STACK}); reads Pulumi.<stack>.yaml
  --json         print one JSON document (resources, configPath, secrets, cost, warnings, findings,
                 databaseIdentity: what a later --baseline compares); pipe it with npm run -s
  --show-config  print the rendered config.yaml too (always written to out/<stack>/config.yaml)
  --stack-file   read this stack file instead of Pulumi.<stack>.yaml (try a change, no edit)
  --out-dir      where <stack>/config.yaml goes (default out)
  --baseline     a plan of the same stack before this change (--json output): warn and exit
                 ${EXIT_DATABASE_REPLACED} if this change would replace or delete the database or its groups
${ASSUMPTION_FLAGS.flatMap((assumption) => wrapLine(`  --${assumption.flag.padEnd(FLAG_COLUMN_WIDTH)} ${assumption.meaning}`, WRAP_COLUMNS, " ".repeat(FLAG_COLUMN_WIDTH + "  -- ".length))).join("\n")}
Exit codes: 0 planned, 1 a bad stack file, setting or catalog, 2 a usage error or unknown stack,
3 the database would be replaced (--baseline), 70 unexpected (rerun with DEBUG=1 for the trace).`;

interface CliArguments {
  readonly json: boolean;
  readonly plan: PlanOptions;
  /** The --baseline file, if given. */
  readonly baseline?: string;
}

function nonNegativeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${flag}: found "${text}"; pass a number of zero or more, e.g. --${flag} 20.`);
  }
  return value;
}

function parseCliArguments(argv: readonly string[]): CliArguments {
  const assumptionOptions = Object.fromEntries(ASSUMPTION_FLAGS.map((assumption) => [assumption.flag, { type: "string" as const }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        json: { type: "boolean" },
        "show-config": { type: "boolean" },
        "stack-file": { type: "string" },
        "out-dir": { type: "string" },
        baseline: { type: "string" },
        ...assumptionOptions,
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const usage: Partial<Record<keyof UsageAssumptions, number>> = {};
  for (const assumption of ASSUMPTION_FLAGS) {
    const text = values[assumption.flag];
    if (typeof text === "string") {
      usage[assumption.key] = nonNegativeNumber(assumption.flag, text);
    }
  }
  const stack = typeof values.stack === "string" ? values.stack : DEFAULT_STACK;
  if (stack === "") {
    throw new UsageError("--stack is empty; pass a stack name, e.g. --stack prod.");
  }
  const stackFile = values["stack-file"];
  const outDir = values["out-dir"];
  const baseline = values.baseline;
  return {
    json: values.json === true,
    ...(typeof baseline === "string" ? { baseline } : {}),
    plan: {
      stack,
      usage,
      includeConfig: values["show-config"] === true,
      ...(typeof stackFile === "string" ? { stackFile } : {}),
      ...(typeof outDir === "string" ? { outDir } : {}),
    },
  };
}

/**
 * The database identity of the --baseline plan; undefined when the baseline predates it (said on
 * stderr, so stdout stays the plan). Throws UsageError for a file that is not a plan of the stack.
 */
function readBaseline(file: string, stack: string): readonly ResourceIdentity[] | undefined {
  const expected = `the output of npm run -s plan -- --stack ${stack} --json`;
  let document: unknown;
  const text = readInputText(file, expected);
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputFileError(file, `not JSON (${(error as Error).message})`, `pass ${expected}`);
  }
  try {
    const identity = baselineIdentity(document, stack);
    if (identity === undefined) {
      process.stderr.write(`--baseline ${file} has no databaseIdentity (a plan from before the check existed): database replacement not checked.\n`);
    }
    return identity;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The message for an error the operator fixes in config or catalog; undefined for a bug. Each
 * settings problem is one line starting with where the stack file sets the key (file:line:col).
 */
function explain(error: unknown, plan: PlanOptions): string | undefined {
  const failsWith = `Stack "${plan.stack}" would fail \`pulumi up\``;
  if (errorNamed(error, "CatalogValidationError")) {
    const problems = (error as CatalogValidationError).problems;
    return [`${failsWith} with:`, `The model catalog has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`, ...problems.map(formatProblem)].join("\n");
  }
  if (errorNamed(error, "StackSettingsError")) {
    const stackFile = readStackFile(plan.stackFile ?? committedStackFile(plan.stack));
    const problems = (error as StackSettingsError).problems.map((problem) => locateSettingProblem(stackFile, problem));
    return problems.length === 1 ? `${failsWith}: ${problems[0]}` : [`${failsWith} with ${problems.length} invalid settings:`, ...problems].join("\n");
  }
  if (errorNamed(error, "PlainTextProviderKeyError")) {
    return `${failsWith} with:\n${error.message}`;
  }
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const cli = parseCliArguments(argv);
  // Before the program and its mocks load (a second or two): a broken stack file fails at once.
  if (cli.plan.stackFile === undefined && !existsSync(committedStackFile(cli.plan.stack))) {
    throw new StackFileNotFoundError(cli.plan.stack);
  }
  readStackFile(cli.plan.stackFile ?? committedStackFile(cli.plan.stack));
  const baseline = cli.baseline === undefined ? undefined : readBaseline(cli.baseline, cli.plan.stack);
  try {
    // Loaded here, not at the top: the program and its mocks must not load before the arguments are good.
    const { planStack } = await import("./offline/plan-stack");
    const planned = await planStack(cli.plan);
    const report = {
      ...(baseline === undefined ? planned : { ...planned, replacementWarnings: replacementWarnings(baseline, planned.databaseIdentity) }),
      // Relative to where npm runs the script (the repository), not this machine's absolute path.
      configPath: path.relative(process.cwd(), planned.configPath),
    };
    process.stdout.write(cli.json ? `${JSON.stringify(report, null, JSON_INDENT)}\n` : formatPlanReport(report));
    return (report.replacementWarnings ?? []).length > 0 ? EXIT_DATABASE_REPLACED : EXIT_OK;
  } catch (error) {
    if (errorNamed(error, "PlanError")) {
      process.stderr.write(`Cannot plan stack "${cli.plan.stack}": ${withoutRepoRoot(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    const explanation = explain(error, cli.plan);
    if (explanation === undefined) {
      throw error;
    }
    process.stderr.write(`${explanation}\n`);
    return EXIT_BAD_INPUT;
  }
}

// Exit when done: a program that failed half-way can leave Pulumi's mocked RPCs pending forever.
runCli("plan", main, { exitWhenDone: true });
