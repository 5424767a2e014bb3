/**
 * A TypeScript script run with tsx in a child process from the repository root, its output
 * collected: how the tests run the program once per process (Pulumi's runtime is process-global)
 * and run the CLIs as a newcomer types them. Resolves with the exit code; the caller decides what
 * a non-zero code means.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { REPO_ROOT } from "../offline/run-stack-offline";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  /** @default REPO_ROOT */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `node_modules/.bin/tsx <script> <args...>` in REPO_ROOT and collects both streams. */
export function runTsx(script: string, args: readonly string[], options: CommandOptions = {}): Promise<ChildResult> {
  return runCommand(TSX, [script, ...args], options);
}

/** Runs `command <args...>` (in REPO_ROOT unless told otherwise) and collects both streams. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
