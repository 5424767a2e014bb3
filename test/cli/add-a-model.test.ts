/**
 * Adding a model exactly as the README says keeps the fast tests green. In a copy of the
 * repository: the README's own alias snippet goes into config/catalog.ts, the README's npm
 * commands run in order (render, then accepting the golden files), and then the compiler and the
 * fast tier (`npm test`: lint, types, unit and stack tests) must pass. A test that pins the
 * shipped catalog's contents, a golden file without its accept command, or a README snippet that
 * no longer compiles turns this red.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCommand } from "../tsx-child";
import type { ChildResult } from "../tsx-child";
import { addAliasToCatalog, readAddAModelSteps } from "./readme-add-a-model";
import type { AddAModelSteps } from "./readme-add-a-model";
import { copyRepository } from "./repository-copy";

const REPO_ROOT = path.join(__dirname, "..", "..");
const CATALOG = path.join("config", "catalog.ts");
const GOLDEN_DIRECTORY = path.join("test", "catalog", "golden");
/** The README's fast-tier command. */
const FAST_TIER = ["npm", "test"] as const;
/** The fast tier takes about a minute on 2 idle cores; generous for a loaded CI machine. */
const FAST_TIER_TIMEOUT_MS = 600_000;
const COMMAND_TIMEOUT_MS = 120_000;
/** Set by the vitest running this file; the nested one must start as a fresh run, and really compare golden files. */
const INHERITED_VARIABLES = /^(VITEST|UPDATE_GOLDEN$)/;
// eslint-disable-next-line no-control-regex -- the escape sequences of colored output
const ANSI_ESCAPE = /\u001B\[[0-9;]*m/g;

function childEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const name of Object.keys(environment).filter((key) => INHERITED_VARIABLES.test(key))) {
    delete environment[name];
  }
  return environment;
}

function runIn(cwd: string, command: string, args: readonly string[]): Promise<ChildResult> {
  return runCommand(command, args, { cwd, env: childEnvironment() });
}

/** What a failed child printed, shortened to the lines that say what failed. */
function failureSummary(result: ChildResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.replace(ANSI_ESCAPE, "").split("\n");
  const failed = lines.filter((line) => /FAIL|Error|error TS|×/.test(line));
  return (failed.length > 0 ? failed : lines.slice(-40)).slice(0, 80).join("\n");
}

let copy = "";
let steps: AddAModelSteps;

beforeAll(() => {
  steps = readAddAModelSteps(REPO_ROOT);
  copy = copyRepository(REPO_ROOT, "add-a-model-");
});

afterAll(() => {
  if (copy !== "") {
    rmSync(copy, { recursive: true, force: true });
  }
});

describe("adding a model as the README says", () => {
  it("step 1: the README's alias goes into config/catalog.ts, and it is a new one", () => {
    const catalogFile = path.join(copy, CATALOG);
    const original = readFileSync(catalogFile, "utf8");
    expect(original, `README.md's example alias "${steps.alias}" is already in config/catalog.ts; show a new one`).not.toContain(`"${steps.alias}":`);
    writeFileSync(catalogFile, addAliasToCatalog(original, steps.snippet));
    expect(readFileSync(catalogFile, "utf8")).toContain(steps.snippet.split("\n")[1].trim());
  });

  it("the edited catalog compiles", async () => {
    const result = await runIn(copy, path.join(copy, "node_modules", ".bin", "tsc"), ["--noEmit"]);
    expect(result.code, failureSummary(result)).toBe(0);
  }, COMMAND_TIMEOUT_MS);

  it("the README's commands succeed in order, and the last leaves golden files that serve the new alias", async () => {
    expect(steps.commands.length, "README.md's add-a-model steps name no `npm run ...` command").toBeGreaterThan(0);
    for (const command of steps.commands) {
      const [program, ...args] = command.split(/\s+/);
      const result = await runIn(copy, program, args);
      expect(result.code, `${command}:\n${failureSummary(result)}`).toBe(0);
    }
    // The example may be served on some stacks only: one golden file at least must serve it.
    const goldenFiles = ["dev", "prod"].map((stack) => readFileSync(path.join(copy, GOLDEN_DIRECTORY, `${stack}.yaml`), "utf8"));
    expect(goldenFiles.some((yaml) => yaml.includes(`model_name: ${steps.alias}\n`)), "no golden file serves the new alias").toBe(true);
  }, COMMAND_TIMEOUT_MS);

  it("then the fast tests pass", async () => {
    const [program, ...args] = FAST_TIER;
    const result = await runIn(copy, program, args);
    expect(result.code, failureSummary(result)).toBe(0);
  }, FAST_TIER_TIMEOUT_MS);
});
