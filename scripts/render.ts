/**
 * Prints or writes a stack's config.yaml.
 *
 *   npm run render -- --stack prod                         # print to stdout
 *   npm run render -- --stack prod --out out/config.yaml   # write atomically
 *   npm run render -- --stack dev --catalog ./team-catalog.ts
 *
 * On a bad catalog every problem goes to stderr, the exit code is 1 and no file is written.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import type { Catalog } from "../config/catalog/catalog-types";
import type { CatalogValidationError } from "../config/catalog/catalog-validation-error";
import { formatProblem } from "../config/catalog/catalog-validation-error";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../config/render/stack-render-options";
import { StackSettingsError } from "../config/settings/stack-settings";
import { availableStacks, StackFileNotFoundError } from "../offline/run-stack-offline";

const REPO_ROOT = path.join(__dirname, "..");
const DEFAULT_CATALOG_MODULE = path.join(REPO_ROOT, "config", "catalog.ts");
const EXIT_INVALID_CATALOG = 1;
const EXIT_USAGE = 2;
const TEMP_SUFFIX_BYTES = 6;

const USAGE = `Usage: npm run render -- --stack <name> [--out <file>] [--catalog <module>] [--help]
  --stack    Pulumi stack whose aliases to render (e.g. dev, prod)
  --out      write config.yaml to this file instead of stdout (atomically)
  --catalog  a module that exports \`catalog\` (default: config/catalog.ts)`;

class UsageError extends Error {}

/**
 * By shape, not `instanceof`: a catalog module loaded with `import()` may get its own copy of the
 * error class from the loader, and its problems must still be reported as problems.
 */
function isCatalogValidationError(error: unknown): error is CatalogValidationError {
  return error instanceof Error && error.name === "CatalogValidationError" && Array.isArray((error as CatalogValidationError).problems);
}

interface CliArguments {
  readonly stack: string;
  readonly out?: string;
  readonly catalogModule: string;
}

function parseCliArguments(argv: readonly string[]): CliArguments {
  let values: { stack?: string; out?: string; catalog?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { stack: { type: "string" }, out: { type: "string" }, catalog: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.stack === undefined || values.stack === "") {
    throw new UsageError("--stack is required, e.g. --stack prod.");
  }
  return {
    stack: values.stack,
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
    throw new UsageError(`cannot load catalog module ${modulePath}: ${(error as Error).message}`);
  }
  if (loaded.catalog === undefined) {
    throw new UsageError(`${modulePath} does not export \`catalog\`; write \`export const catalog = defineCatalog({...})\`.`);
  }
  return loaded.catalog as Catalog;
}

/** Write next to the target, then rename: a reader never sees a half-written config.yaml. */
function writeAtomically(file: string, content: string): void {
  // `--out out/dev/config.yaml` on a fresh clone: the folder is created, as `--out` promises a file there.
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(TEMP_SUFFIX_BYTES).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, content, { encoding: "utf8" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const cli = parseCliArguments(argv);
    const catalog = await loadCatalog(cli.catalogModule);
    // Render what that stack deploys (its trusted proxies, key limits, Redis): a stack without a
    // committed file is a typo, not a stack, so it is refused rather than rendered with defaults.
    const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${cli.stack}.yaml`));
    if (settings === undefined) {
      throw new UsageError(new StackFileNotFoundError(cli.stack, availableStacks()).message);
    }
    const rendered = renderLitellmConfig(catalog, renderOptionsForStack(cli.stack, settings));
    if (cli.out === undefined) {
      process.stdout.write(rendered.yaml);
    } else {
      writeAtomically(cli.out, rendered.yaml);
      process.stderr.write(`Wrote ${cli.out} (stack ${cli.stack}: ${rendered.aliases.join(", ")}).\n`);
    }
    return 0;
  } catch (error) {
    if (isCatalogValidationError(error)) {
      const count = error.problems.length;
      process.stderr.write(`The model catalog has ${count} problem${count === 1 ? "" : "s"}; nothing was written.\n`);
      for (const problem of error.problems) {
        process.stderr.write(`${formatProblem(problem)}\n`);
      }
      return EXIT_INVALID_CATALOG;
    }
    if (error instanceof StackSettingsError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_INVALID_CATALOG;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
