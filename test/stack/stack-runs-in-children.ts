/**
 * Several runs of the real program, each in its own child process (stack-run-child.ts), started
 * together: how a test compares one `pulumi up` with the next after the config changed.
 */
import path from "node:path";

import { runTsx } from "../tsx-child";
import type { StackRun } from "./stack-harness";

const CHILD = path.join(__dirname, "stack-run-child.ts");

export interface ChildRunRequest {
  readonly stack: string;
  /** As runStack takes it: keys without the project prefix, values as `pulumi config set` stores them. */
  readonly extraConfig?: Record<string, string>;
}

async function runInChild(request: ChildRunRequest): Promise<StackRun> {
  const { code, stdout, stderr } = await runTsx(CHILD, [request.stack, JSON.stringify(request.extraConfig ?? {})]);
  if (code !== 0) {
    throw new Error(`stack run ${JSON.stringify(request)} exited ${code}: ${stderr}`);
  }
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as StackRun;
}

/** Every request's run, in the order asked; all start at once. */
export function runStacksInChildren(requests: readonly ChildRunRequest[]): Promise<StackRun[]> {
  return Promise.all(requests.map(runInChild));
}
