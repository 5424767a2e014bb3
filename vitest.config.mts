import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";

import { defineConfig } from "vitest/config";

/**
 * Two tiers.
 * - `npm test`: the catalog, settings, rules and components, and the real index.ts under Pulumi's
 *   mocks for each stack; no network, no LiteLLM. Projects `unit` and `unit-isolated`.
 * - `npm run test:e2e`: the pinned LiteLLM with PostgreSQL and Redis on loopback (test/e2e,
 *   test/smoke), and the command lines run as a user runs them (test/cli: plan, render, the
 *   program under Pulumi's own ts-node registration). Project `e2e`.
 */
const SLOW_TIER = ["test/e2e/**/*.test.ts", "test/smoke/**/*.test.ts", "test/cli/**/*.test.ts"];
const SLOW_FOLDERS = new Set(["e2e", "smoke", "cli"]);

/**
 * Fast-tier files that need a process of their own: they drive Pulumi's process-global runtime
 * themselves (setMocks, the in-process runStack, the mock monitor) or replace a module with
 * vi.mock, which only works where the module has not been loaded yet. Found by reading the files,
 * so a new test of either kind is isolated without anyone remembering to list it.
 */
const NEEDS_OWN_PROCESS = /\bvi\.mock\(|\bsetMocks\(|\bsetGuardMocks\(|\bpulumi\.runtime\.|import \{[^}]*\brunStack\b[^}]*\} from "\.\.\/\.\.\/offline\/run-stack-offline"/;

function fastTierFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return directory === "test" && SLOW_FOLDERS.has(entry.name) ? [] : fastTierFiles(file);
    return entry.name.endsWith(".test.ts") ? [file.split(path.sep).join("/")] : [];
  });
}

const ISOLATED = fastTierFiles("test").filter((file) => NEEDS_OWN_PROCESS.test(readFileSync(file, "utf8")));

// vitest leaves one core idle by default; the work here is CPU-bound child processes and imports,
// so use them all. `unit` files share processes (isolate: false): each file's own process would
// cost most of a second of loading, times some eighty files. The JSON report feeds the one-line
// summary that .ci/run prints; each tier's npm script names its own file.
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "out/vitest-results.json" },
    projects: [
      // The stack-run server makes each distinct run of the program once, on warm processes.
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...SLOW_TIER, ...ISOLATED], isolate: false, globalSetup: ["test/stack/stack-run-server.ts"] } },
      { extends: true, test: { name: "unit-isolated", include: ISOLATED } },
      { extends: true, test: { name: "e2e", include: SLOW_TIER } },
    ],
  },
});
