/**
 * Every mistake gets a one-line answer, from every script: each kind of bad input (a missing file, a
 * folder, a YAML syntax error, a duplicate key, a wrong type, an unknown stack) through each script
 * that reads it, as a newcomer runs them (`tsx <script>`, as the npm scripts do). Each answer is the
 * exit code from the README's table and exactly one stderr line naming the file and the fix, with
 * no stack frame and no absolute path; --help prints the usage on stdout and exits 0.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from "../../scripts/cli/run-cli";
import { WRAP_COLUMNS } from "../../scripts/offline/wrap-text";
import { runTsx } from "../tsx-child";

/** Spawns at once: each tsx start costs a second or more on a 2-core machine. */
const CONCURRENCY = 4;
const FIXTURES = "test/cli/fixtures";
/** Written inside the repository (out/ is ignored by git), so the paths printed are repo-relative. */
const WORK_DIR = path.join("out", "cli-bad-input");
const WRONG_SETTING_TYPE = path.join(WORK_DIR, "wrong-setting-type.yaml");
const STACK_FRAME = /^\s+at /m;
/** An absolute path: a slash after a space, a quote or a line start, followed by a path segment. */
const ABSOLUTE_PATH = /(?:^|[\s'"(])\/[\w.-]+\//m;

const SCRIPTS = {
  plan: "scripts/plan.ts",
  render: "scripts/render.ts",
  smoke: "scripts/smoke.ts",
  "bench:plan": "bench/plan-speed.ts",
  "bench:proxy": "bench/proxy-overhead.ts",
} as const;
type Script = keyof typeof SCRIPTS;

interface Case {
  readonly script: Script;
  readonly input: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly code: number;
  /** What the one line must contain: the file (or the flag) and the fix. */
  readonly says: readonly (string | RegExp)[];
}

/** The stack-file mistakes, for each script that reads a stack file. */
function stackFileCases(script: Script, stackArgs: readonly string[]): Case[] {
  const withFile = (file: string) => [...stackArgs, "--stack-file", file];
  return [
    { script, input: "a missing stack file", args: withFile("Pulumi.missing.yaml"), code: EXIT_BAD_INPUT, says: ["Pulumi.missing.yaml: no such file. Fix: "] },
    { script, input: "a folder as the stack file", args: withFile(FIXTURES), code: EXIT_BAD_INPUT, says: [`${FIXTURES}: is a directory, not a file. Fix: `] },
    {
      script,
      input: "a YAML syntax error",
      args: withFile(`${FIXTURES}/yaml-syntax-error.yaml`),
      code: EXIT_BAD_INPUT,
      says: [`${FIXTURES}/yaml-syntax-error.yaml:5:1: YAML syntax error: `, "Fix: "],
    },
    {
      script,
      input: "a duplicate key",
      args: withFile(`${FIXTURES}/duplicate-key.yaml`),
      code: EXIT_BAD_INPUT,
      says: [`${FIXTURES}/duplicate-key.yaml:5:3: duplicate key aws:region. Fix: keep one`],
    },
    {
      script,
      input: "config: of the wrong type",
      args: withFile(`${FIXTURES}/config-not-a-mapping.yaml`),
      code: EXIT_BAD_INPUT,
      says: [`${FIXTURES}/config-not-a-mapping.yaml:3:3: \`config:\` is a list`, "Fix: "],
    },
    {
      script,
      input: "a setting of the wrong type",
      args: withFile(WRONG_SETTING_TYPE),
      code: EXIT_BAD_INPUT,
      says: [new RegExp(`${WRONG_SETTING_TYPE.replaceAll(".", "\\.")}:\\d+:3: litellm-gateway:desiredCount: found "two"`), "Example: pulumi config set desiredCount"],
    },
    { script, input: "an unknown stack", args: ["--stack", "staging"], code: EXIT_USAGE, says: ["Pulumi.staging.yaml does not exist. Available stacks: dev, prod. Fix: "] },
  ];
}

const CASES: readonly Case[] = [
  ...stackFileCases("plan", ["--out-dir", WORK_DIR]),
  ...stackFileCases("render", ["--stack", "dev"]),
  { script: "render", input: "--out under a file", args: ["--stack", "dev", "--out", `${FIXTURES}/duplicate-key.yaml/config.yaml`], code: EXIT_BAD_INPUT, says: ["cannot be written", "Fix: "] },
  { script: "plan", input: "a missing --baseline", args: ["--baseline", "base.json"], code: EXIT_BAD_INPUT, says: ["base.json: no such file. Fix: pass the path of the output of npm run -s plan"] },
  { script: "smoke", input: "an unknown stack", args: ["--stack", "staging"], code: EXIT_USAGE, says: ["Available stacks: dev, prod"] },
  { script: "smoke", input: "a missing outputs file", args: ["--stack", "dev", "--outputs-file", "outputs.json"], code: EXIT_USAGE, says: ["outputs.json: no such file. Fix: "] },
  {
    script: "smoke",
    input: "an outputs file that is not JSON",
    args: ["--stack", "dev", "--outputs-file", `${FIXTURES}/duplicate-key.yaml`],
    code: EXIT_USAGE,
    says: [`${FIXTURES}/duplicate-key.yaml: not JSON`, "Fix: "],
  },
  { script: "bench:plan", input: "a wrong BENCH_RUNS", args: [], env: { BENCH_RUNS: "many" }, code: EXIT_USAGE, says: ['BENCH_RUNS: found "many"', "npm run bench:plan -- --help"] },
  { script: "bench:proxy", input: "a wrong BENCH_REQUESTS", args: [], env: { BENCH_REQUESTS: "0" }, code: EXIT_USAGE, says: ["BENCH_REQUESTS must be a whole number", "npm run bench:proxy -- --help"] },
];

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(script: Script, args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  return runTsx(SCRIPTS[script], args, { env: { ...process.env, ...env, DEBUG: "" } });
}

/** Runs every job, at most CONCURRENCY at a time, results in order. */
async function runAll<T>(jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

const HELP_SCRIPTS = Object.keys(SCRIPTS) as Script[];
let caseResults: Result[];
let helpResults: Result[];

beforeAll(async () => {
  mkdirSync(path.join(REPO_ROOT, WORK_DIR), { recursive: true });
  const dev = readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8");
  expect(dev).toMatch(/^ {2}litellm-gateway:desiredCount: 1$/m);
  writeFileSync(path.join(REPO_ROOT, WRONG_SETTING_TYPE), dev.replace(/^( {2}litellm-gateway:desiredCount:) 1$/m, "$1 two"));
  const results = await runAll([
    ...CASES.map((entry) => () => run(entry.script, entry.args, entry.env)),
    ...HELP_SCRIPTS.map((script) => () => run(script, ["--help"])),
  ]);
  caseResults = results.slice(0, CASES.length);
  helpResults = results.slice(CASES.length);
});

afterAll(() => rmSync(path.join(REPO_ROOT, WORK_DIR), { recursive: true, force: true }));

describe.each(CASES.map((entry, index) => ({ ...entry, index })))("npm run $script with $input", ({ index, code, says }) => {
  it(`exits ${code} with one stderr line that names the file and the fix`, () => {
    const result = caseResults[index];
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    for (const part of says) {
      expect(lines[0]).toMatch(typeof part === "string" ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : part);
    }
  });

  it("prints no stack frame and no absolute path", () => {
    const { stderr } = caseResults[index];
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain(REPO_ROOT);
    expect(stderr).not.toMatch(ABSOLUTE_PATH);
  });
});

describe.each(HELP_SCRIPTS.map((script, index) => ({ script, index })))("npm run $script -- --help", ({ index }) => {
  it("prints the usage on stdout and exits 0", () => {
    const result = helpResults[index];
    expect(result.code, result.stderr).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/^Usage: /);
    expect(result.stderr).toBe("");
  });

  it("fits a 100-column terminal", () => {
    expect(helpResults[index].stdout.split("\n").filter((line) => line.length > WRAP_COLUMNS)).toEqual([]);
  });
});
