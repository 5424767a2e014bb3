/**
 * `npm run -s plan -- --json` as the README shows it, piped: stdout is one JSON document and
 * nothing else (npm's own banner is what -s silences), and nothing printed names a path on this
 * machine outside the repository.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";

const OUT_DIR = path.join("out", "cli-plan-json");
let stdout = "";
let stderr = "";
let code: number | null;

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", "plan", "--", "--stack", "dev", "--json", "--out-dir", OUT_DIR], { cwd: REPO_ROOT });
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      code = exitCode;
      resolve();
    });
  });
});

afterAll(() => rmSync(path.join(REPO_ROOT, OUT_DIR), { recursive: true, force: true }));

it("prints one JSON document on stdout and nothing else", () => {
  expect(code, stderr).toBe(0);
  const report = JSON.parse(stdout) as PlanReport;
  expect(report.stack).toBe("dev");
  // The program's warnings travel inside the document, not beside it.
  expect(report.warnings.length).toBeGreaterThan(0);
});

it("names the config.yaml it wrote relative to the repository, and no absolute path of this machine", () => {
  const report = JSON.parse(stdout) as PlanReport;
  expect(report.configPath).toBe(path.join(OUT_DIR, "dev", "config.yaml"));
  expect(stdout).not.toContain(REPO_ROOT);
  expect(stderr).not.toContain(REPO_ROOT);
});
