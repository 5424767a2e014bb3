/**
 * The stack tests' runs come from warm worker processes that run one stack after another
 * (test/stack/stack-run-worker.ts); `pulumi up` runs the program once in a fresh process. This
 * holds them equal: the same requests, in a worker one after another and each in a fresh process,
 * give byte-for-byte the same StackRun. If a Pulumi upgrade starts to carry state from one run to
 * the next (config, the stack resource, registrations), this fails before any stack test can be
 * fooled by it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../offline/run-stack-offline";
import { RESPONSE_PREFIX } from "../stack/stack-run-protocol";
import type { StackRunRequest, WorkerAnswer } from "../stack/stack-run-protocol";
import { runTsx } from "../tsx-child";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
const WORKER = path.join(REPO_ROOT, "test", "stack", "stack-run-worker.ts");
const CHILD = path.join(REPO_ROOT, "test", "stack", "stack-run-child.ts");
const FIDELITY_TIMEOUT_MS = 300_000;

/** A dev run between two prod runs that differ, and dev again: config, outputs and registrations all change. */
const REQUESTS: readonly StackRunRequest[] = [
  { stack: "prod", extraConfig: {} },
  { stack: "dev", extraConfig: { waf: "true", alarms: "false" } },
  { stack: "prod", extraConfig: { adminCidrs: '["203.0.113.10/32"]', adminUi: "true" } },
  { stack: "dev", extraConfig: {} },
];

function runInOneWorker(requests: readonly StackRunRequest[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = spawn(TSX, [WORKER], { cwd: REPO_ROOT });
    const answers: string[] = [];
    let stderr = "";
    worker.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: worker.stdout }).on("line", (line) => {
      if (!line.startsWith(RESPONSE_PREFIX)) return;
      const answer = JSON.parse(line.slice(RESPONSE_PREFIX.length)) as WorkerAnswer;
      if (answer.run === undefined) {
        reject(new Error(`worker refused request ${answer.id}: ${answer.error}`));
        return;
      }
      answers[answer.id] = JSON.stringify(answer.run);
      if (answers.filter((entry) => entry !== undefined).length === requests.length) {
        worker.stdin.end();
      }
    });
    worker.on("exit", (code) => (answers.length === requests.length ? resolve(answers) : reject(new Error(`worker exited ${code}: ${stderr}`))));
    requests.forEach((request, id) => worker.stdin.write(`${JSON.stringify({ ...request, id })}\n`));
  });
}

async function runInFreshProcess(request: StackRunRequest): Promise<string> {
  const { code, stdout, stderr } = await runTsx(CHILD, [request.stack, JSON.stringify(request.extraConfig ?? {})]);
  if (code !== 0) throw new Error(`fresh run of ${JSON.stringify(request)} exited ${code}: ${stderr}`);
  return stdout.trim();
}

describe("a warm stack-run worker", () => {
  it(
    "gives, run after run, exactly what a fresh process gives for each request",
    async () => {
      const fromWorker = await runInOneWorker(REQUESTS);
      const fresh: string[] = [];
      for (const request of REQUESTS) fresh.push(await runInFreshProcess(request));
      REQUESTS.forEach((request, index) => {
        expect(fromWorker[index], JSON.stringify(request)).toBe(fresh[index]);
      });
      // The requests really differ, so equal answers are not one run repeated.
      expect(new Set(fresh).size).toBe(REQUESTS.length);
    },
    FIDELITY_TIMEOUT_MS,
  );
});
