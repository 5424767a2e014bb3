/**
 * Prints or writes a stack's config.yaml.
 *
 *   npm run render -- --stack prod                         # print to stdout
 *   npm run render -- --stack prod --out out/config.yaml   # write atomically
 *   npm run render -- --stack dev --catalog ./team-catalog.ts
 *
 *   npm run render -- --stack dev --stack-file ./try.yaml  # settings from another stack file
 *
 * On a bad catalog or stack file every problem goes to stderr, the exit code is 1 and no file is
 * written; a usage error (unknown flag or stack) exits 2 (README, "Exit codes").
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import type { Catalog } from "../config/catalog/catalog-types";
import type { CatalogValidationError } from "../config/catalog/catalog-validation-error";
import { formatProblem } from "../config/catalog/catalog-validation-error";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { renderOptionsForStack, stackFileSettings } from "../config/render/stack-render-options";
import { displayPath, InputFileError, withoutRepoRoot } from "../config/settings/input-file-error";
import { committedStackFile, locateSettingProblem, readStackFile, StackFileNotFoundError } from "../config/settings/stack-file";
import type { StackFile } from "../config/settings/stack-file";
import { StackSettingsError } from "../config/settings/stack-settings";
import { EXIT_BAD_INPUT, EXIT_OK, runCli, UsageError } from "./cli/run-cli";

const REPO_ROOT = path.join(__dirname, "..");
const DEFAULT_CATALOG_MODULE = path.join(REPO_ROOT, "config", "catalog.ts");
const TEMP_SUFFIX_BYTES = 6;

const USAGE = `Usage: npm run render -- --stack <name> [--stack-file <file>] [--out <file>] [--catalog <module>]
  --stack       Pulumi stack whose aliases to render (e.g. dev, prod); reads Pulumi.<stack>.yaml
  --stack-file  read this stack file instead of Pulumi.<stack>.yaml (try a change, no edit)
  --out         write config.yaml to this file instead of stdout (atomically; creates its folder)
  --catalog     a module that exports \`catalog\` (default: config/catalog.ts)
Exit codes: 0 rendered, 1 a bad stack file, setting or catalog (nothing written), 2 a usage error
or unknown stack, 70 unexpected (rerun with DEBUG=1 for the trace).`;

/**
 * By shape, not `instanceof`: a catalog module loaded with `import()` may get its own copy of the
 * error class from the loader, and its problems must still be reported as problems.
 */
function isCatalogValidationError(error: unknown): error is CatalogValidationError {
  return error instanceof Error && error.name === "CatalogValidationError" && Array.isArray((error as CatalogValidationError).problems);
}

interface CliArguments {
  readonly stack: string;
  readonly stackFile?: string;
  readonly out?: string;
  readonly catalogModule: string;
}

function parseCliArguments(argv: readonly string[]): CliArguments {
  let values: { stack?: string; "stack-file"?: string; out?: string; catalog?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { stack: { type: "string" }, "stack-file": { type: "string" }, out: { type: "string" }, catalog: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.stack === undefined || values.stack === "") {
    throw new UsageError("--stack is required, e.g. --stack prod.");
  }
  const stackFile = values["stack-file"];
  return {
    stack: values.stack,
    ...(stackFile === undefined ? {} : { stackFile }),
    ...(values.out === undefined ? {} : { out: path.resolve(values.out) }),
    catalogModule: values.catalog === undefined ? DEFAULT_CATALOG_MODULE : path.resolve(values.catalog),
  };
}

async function loadCatalog(modulePath: string): Promise<Catalog> {
  let loaded: { catalog?: unknown };
  try {
    loaded = (await import(pathToFileURL(modulePath).href)) as { catalog?: unknown };
  } catch (error) {
    // A catalog built with defineCatalog validates as it loads: report its problems as such.
    if (isCatalogValidationError(error)) {
      throw error;
    }
    throw new UsageError(`--catalog ${displayPath(modulePath)} cannot be loaded: ${withoutRepoRoot((error as Error).message.split("\n")[0] ?? "")}.`);
  }
  if (loaded.catalog === undefined) {
    throw new UsageError(`--catalog ${displayPath(modulePath)} does not export \`catalog\`; write \`export const catalog = defineCatalog({...})\`.`);
  }
  return loaded.catalog as Catalog;
}

/** Write next to the target, then rename: a reader never sees a half-written config.yaml. */
function writeAtomically(file: string, content: string): void {
  // `--out out/dev/config.yaml` on a fresh clone: the folder is created, as `--out` promises a file there.
  const temporary = `${file}.${randomBytes(TEMP_SUFFIX_BYTES).toString("hex")}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, content, { encoding: "utf8" });
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder could not hold the file in the first place: nothing was left behind.
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const reason = code === "EEXIST" || code === "ENOTDIR" ? "a part of its folder path is a file" : code === "EACCES" || code === "EPERM" ? "permission denied" : code;
    throw new InputFileError(file, `cannot be written (${reason})`, "pass --out a file path in a folder you can write to");
  }
}

/** The stack file to render from: --stack-file, else the committed one (refused when absent: a typo, not a stack). */
function readStackFileFor(cli: CliArguments): StackFile {
  if (cli.stackFile !== undefined) {
    return readStackFile(cli.stackFile);
  }
  const committed = committedStackFile(cli.stack);
  if (!existsSync(committed)) {
    throw new StackFileNotFoundError(cli.stack);
  }
  return readStackFile(committed);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const cli = parseCliArguments(argv);
  // Render what that stack deploys (its trusted proxies, key limits, Redis), read before the
  // catalog so a broken stack file is reported as such.
  const stackFile = readStackFileFor(cli);
  try {
    const catalog = await loadCatalog(cli.catalogModule);
    const rendered = renderLitellmConfig(catalog, renderOptionsForStack(cli.stack, stackFileSettings(stackFile)));
    if (cli.out === undefined) {
      process.stdout.write(rendered.yaml);
    } else {
      writeAtomically(cli.out, rendered.yaml);
      process.stderr.write(`Wrote ${displayPath(cli.out)} (stack ${cli.stack}: ${rendered.aliases.join(", ")}).\n`);
    }
    return EXIT_OK;
  } catch (error) {
    if (isCatalogValidationError(error)) {
      const count = error.problems.length;
      process.stderr.write(`The model catalog has ${count} problem${count === 1 ? "" : "s"}; nothing was written.\n`);
      for (const problem of error.problems) {
        process.stderr.write(`${formatProblem(problem)}\n`);
      }
      return EXIT_BAD_INPUT;
    }
    if (error instanceof StackSettingsError) {
      // One line per problem, each starting with file:line:col, as a compiler lists them.
      for (const problem of error.problems) {
        process.stderr.write(`${locateSettingProblem(stackFile, problem)}\n`);
      }
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

runCli("render", main);
