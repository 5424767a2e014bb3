import { defineConfig } from "vitest/config";

// Each file runs in its own fork: Pulumi's mocks and config are process-global, so two test files
// that build different stacks must never share a process. The JSON report feeds the one-line
// summary that .ci/run prints.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "out/vitest-results.json" },
  },
});
