/**
 * The stack tests' runs of the real program: `runStack` asks the stack-run server (vitest's global
 * setup, stack-run-server.ts), which makes each distinct run once per test run on warm worker
 * processes. Outside such a test run (no server provided), a process of its own runs it
 * (stack-run-child.ts). Either way the result is the StackRun of offline/run-stack-offline.ts.
 */
import path from "node:path";

import { inject } from "vitest";

import type { StackRun } from "../../offline/run-stack-offline";
import { runTsx } from "../tsx-child";
import type { StackRunRequest, WorkerAnswer } from "./stack-run-protocol";

export type { StackRunRequest } from "./stack-run-protocol";

const CHILD = path.join(__dirname, "stack-run-child.ts");

async function runInOwnProcess(request: StackRunRequest): Promise<StackRun> {
  const args = [request.stack, JSON.stringify(request.extraConfig ?? {}), ...(request.stackFile === undefined ? [] : [request.stackFile])];
  const { code, stdout, stderr } = await runTsx(CHILD, args);
  if (code !== 0) {
    throw new Error(`stack run ${JSON.stringify(request)} exited ${code}: ${stderr.trim()}`);
  }
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as StackRun;
}

async function runOnServer(server: string, request: StackRunRequest): Promise<StackRun> {
  const response = await fetch(server, { method: "POST", body: JSON.stringify(request) });
  const answer = (await response.json()) as WorkerAnswer;
  if (answer.run === undefined) {
    throw new Error(`stack run ${JSON.stringify(request)} failed: ${answer.error ?? `HTTP ${response.status}`}`);
  }
  return answer.run;
}

/**
 * The program's run for `stack` with `extraConfig` (and `options.stackFile`). Rejects with the
 * program's error message when the program refuses the stack.
 */
export function runStack(stack: string, extraConfig: Readonly<Record<string, string>> = {}, options: { readonly stackFile?: string } = {}): Promise<StackRun> {
  const request: StackRunRequest = { stack, extraConfig, ...(options.stackFile === undefined ? {} : { stackFile: options.stackFile }) };
  const server = inject("stackRunServer") as string | undefined;
  return server === undefined ? runInOwnProcess(request) : runOnServer(server, request);
}

/** Every request's run, in the order asked; all start at once. */
export function runStacks(requests: readonly StackRunRequest[]): Promise<StackRun[]> {
  return Promise.all(requests.map((request) => runStack(request.stack, request.extraConfig, { stackFile: request.stackFile })));
}
