/**
 * Several runs of the real program, each in its own child process (stack-run-child.ts), started
 * together: how a test compares one `pulumi up` with the next after the config changed.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { REPO_ROOT } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
const CHILD = path.join(__dirname, "stack-run-child.ts");

export interface ChildRunRequest {
  readonly stack: string;
  /** As runStack takes it: keys without the project prefix, values as `pulumi config set` stores them. */
  readonly extraConfig?: Record<string, string>;
}

function runInChild(request: ChildRunRequest): Promise<StackRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CHILD, request.stack, JSON.stringify(request.extraConfig ?? {})], { cwd: REPO_ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`stack run ${JSON.stringify(request)} exited ${code}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as StackRun);
    });
  });
}

/** Every request's run, in the order asked; all start at once. */
export function runStacksInChildren(requests: readonly ChildRunRequest[]): Promise<StackRun[]> {
  return Promise.all(requests.map(runInChild));
}
