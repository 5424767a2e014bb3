/**
 * A process that runs the real program for many stack requests, one after another: the stack
 * tests' runs come here through the server (stack-run-server.ts) instead of a process each.
 *
 * Each run evaluates the project afresh: every module of the repository (not node_modules) is
 * dropped from require's cache and index.ts is required again, and Pulumi's runtime state is reset
 * by `setMocks` (settings.resetOptions: monitor, stack resource, leak candidates, feature flags)
 * and `setAllConfig` (the whole config). That is how Pulumi's Automation API runs inline programs
 * one after another in one process. test/cli/stack-run-worker-fidelity.test.ts holds the claim: a
 * run here is byte-for-byte the run of a fresh process. A run that fails ends this process (the
 * server starts another), so nothing a failed program left pending reaches the next run.
 *
 * Protocol: one JSON request per line on stdin ({ id, stack, extraConfig, stackFile }); one answer
 * per line on stdout, after RESPONSE_PREFIX ({ id, run } or { id, error }). Anything else the
 * program prints goes to stderr.
 */
import path from "node:path";
import { createInterface } from "node:readline";

import { runStack } from "../../offline/run-stack-offline";
import { RESPONSE_PREFIX } from "./stack-run-protocol";
import type { StackRunRequest } from "./stack-run-protocol";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO_ROOT, "index.ts");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** This file and the runner stay loaded: they hold no program state. */
const KEPT_MODULES = new Set([__filename, require.resolve("../../offline/run-stack-offline"), require.resolve("./stack-run-protocol")]);

interface WorkerRequest extends StackRunRequest {
  readonly id: number;
}

function forgetProjectModules(): void {
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(REPO_ROOT) && !file.includes(NODE_MODULES) && !KEPT_MODULES.has(file)) {
      delete require.cache[file];
    }
  }
}

function answer(body: object): void {
  process.stdout.write(`${RESPONSE_PREFIX}${JSON.stringify(body)}\n`);
}

// Whatever the program or a library logs must not be read as an answer.
console.log = (...args: unknown[]) => console.error(...args);

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
  const request = JSON.parse(line) as WorkerRequest;
  queue = queue.then(async () => {
    forgetProjectModules();
    try {
      const run = await runStack(request.stack, { ...request.extraConfig }, {
        stackFile: request.stackFile,
        // require, not import(): the ESM loader caches index.ts for the life of the process.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loadProgram: () => Promise.resolve(require(PROGRAM) as Record<string, unknown>),
      });
      answer({ id: request.id, run });
    } catch (error) {
      answer({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
  });
});
lines.on("close", () => void queue.then(() => process.exit(0)));
