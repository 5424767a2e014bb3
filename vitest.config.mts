import { availableParallelism } from "node:os";

import { defineConfig } from "vitest/config";

/**
 * Two tiers. `unit` (npm test): the catalog, settings, rules and components, and the real index.ts
 * under Pulumi's mocks for each stack; no network, no LiteLLM. `e2e` (npm run test:e2e): the pinned
 * LiteLLM with PostgreSQL and Redis on loopback (test/e2e, test/smoke), and the command lines run as
 * a user runs them (test/cli: plan, render, the program under Pulumi's own ts-node registration).
 */
const PULUMI_IN_PROCESS = [
  "test/components/admin-plane-runtime.test.ts",
  "test/components/bedrock-guard.test.ts",
  "test/components/certificate-region.test.ts",
  "test/components/component-guards.test.ts",
  "test/components/ingress-guards.test.ts",
  "test/stack/pulumi-internals.test.ts",
];
const SLOW_TIER = ["test/e2e/**/*.test.ts", "test/smoke/**/*.test.ts", "test/cli/**/*.test.ts"];

// Each file runs in its own fork: Pulumi's mocks and config are process-global, so two test files
// that build different stacks must never share a process. vitest leaves one core idle by default;
// the work here is CPU-bound child processes and imports, so use them all. The JSON report feeds
// the one-line summary that .ci/run prints; each
// tier's npm script names its own file.
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
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...SLOW_TIER, ...PULUMI_IN_PROCESS], isolate: false, globalSetup: ["test/stack/stack-run-server.ts"] } },
      { extends: true, test: { name: "unit-pulumi", include: PULUMI_IN_PROCESS } },
      { extends: true, test: { name: "e2e", include: SLOW_TIER } },
    ],
  },
});
