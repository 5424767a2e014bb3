/**
 * Starts the pinned LiteLLM release on loopback exactly as the ECS task does: the flags from
 * `proxyCommand` and the plain variables from `proxyEnvironment` (config from a file instead of
 * S3), plus the secrets the task would receive. Nothing else from the test runner's environment
 * leaks in, so a variable the task would not get is missing here too, and
 * `assertEnvironmentComplete` refuses to start the process at all.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { proxyCommand, proxyEnvironment, READINESS_PATH } from "../../config/litellm/proxy-runtime";
import { assertEnvironmentComplete } from "../../config/render/missing-env-check";
import { requireLitellm } from "./e2e-prerequisites";
import { findFreeLoopbackPort } from "./free-port";

export interface LaunchOptions {
  /** The rendered config.yaml. */
  readonly configYaml: string;
  /** Names the renderer says the config reads with `os.environ/` (`secretEnvNames`). */
  readonly secretEnvNames: readonly string[];
  /** The secrets the task would get (master key, provider keys, database variables, ...). */
  readonly secrets: Readonly<Record<string, string>>;
  /** @default 1 (the tests share two cores) */
  readonly workers?: number;
  /** How long start-up may take before the launch fails. @default 90_000 */
  readonly readyTimeoutMs?: number;
  /**
   * A command the LiteLLM executable and its flags are appended to, e.g. a sandbox that makes the
   * root filesystem read-only (read-only-root-sandbox.ts). It must exec the rest in place, so the
   * process group and the signals stay LiteLLM's. @default [] (LiteLLM itself)
   */
  readonly commandPrefix?: readonly string[];
  /** Where the config's directory is created; must stay visible inside commandPrefix's sandbox. @default os.tmpdir() */
  readonly configParentDirectory?: string;
  /** LiteLLM's drain on SIGTERM, as the task sets it. @default GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS (on-demand stacks) */
  readonly gracefulShutdownTimeoutSeconds?: number;
}

export interface RunningProxy {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  readonly port: number;
  /** The LiteLLM process itself (the leader of its process group; workers are its descendants). */
  readonly pid: number;
  readonly configPath: string;
  /** What the process printed so far (stdout and stderr, interleaved, bounded). */
  output(): string;
  /** Terminates the whole process group and removes the config directory. */
  stop(): Promise<void>;
  /**
   * What ECS does at the end of a deregistration: SIGTERM to the main process only, never a
   * SIGKILL. Resolves when the process has exited by itself; `stop()` still cleans up.
   */
  terminate(): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Above the 60 s default of an ALB's idle timeout, like the deployed task; irrelevant on loopback. */
export const E2E_KEEP_ALIVE_TIMEOUT_SECONDS = 75;
const DEFAULT_READY_TIMEOUT_MS = 90_000;
const READY_POLL_INTERVAL_MS = 250;
const STOP_GRACE_MS = 10_000;
const HTTP_OK = 200;
/** Keep the tail of the output: enough to show a start-up traceback. */
const MAX_OUTPUT_CHARS = 200_000;

/**
 * Variables a process needs to run at all (not configuration): the binary search path and a home
 * and temp directory for Python's caches.
 */
const PROCESS_BASICS = ["PATH", "HOME", "TMPDIR", "LANG"] as const;

export async function startLitellm(options: LaunchOptions): Promise<RunningProxy> {
  const executable = requireLitellm();
  // Before anything is spawned: LiteLLM itself would only fail on the first request.
  assertEnvironmentComplete(options.configYaml, options.secretEnvNames, options.secrets, "end-to-end LiteLLM");

  const directory = mkdtempSync(path.join(options.configParentDirectory ?? tmpdir(), "litellm-e2e-"));
  const configPath = path.join(directory, "config.yaml");
  writeFileSync(configPath, options.configYaml);
  const port = await findFreeLoopbackPort();
  const runtime = {
    workers: options.workers ?? 1,
    configSource: { kind: "file", path: configPath },
    keepAliveTimeoutSeconds: E2E_KEEP_ALIVE_TIMEOUT_SECONDS,
    port,
    ...(options.gracefulShutdownTimeoutSeconds === undefined ? {} : { gracefulShutdownTimeoutSeconds: options.gracefulShutdownTimeoutSeconds }),
  } as const;

  const environment: Record<string, string> = {};
  for (const name of PROCESS_BASICS) {
    const value = process.env[name];
    if (value !== undefined) {
      environment[name] = value;
    }
  }
  Object.assign(environment, proxyEnvironment(runtime), options.secrets);

  // The container listens on all interfaces; the tests stay on loopback.
  const args = [...proxyCommand(runtime), "--host", "127.0.0.1"];
  const [command, ...prefixArgs] = [...(options.commandPrefix ?? []), executable];
  const child = spawn(command, [...prefixArgs, ...args], { cwd: directory, env: environment, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await waitForReadiness(child, origin, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const terminate = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return { code: child.exitCode, signal: child.signalCode };
    }
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.kill("SIGTERM");
    return exited;
  };
  return { origin, port, pid: child.pid ?? 0, configPath, output: () => output, stop, terminate };
}

async function waitForReadiness(child: ChildProcess, origin: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`LiteLLM exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${origin}${READINESS_PATH}`);
      if (response.status === HTTP_OK) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
  }
  throw new Error(`LiteLLM did not answer ${READINESS_PATH} with 200 within ${timeoutMs} ms:\n${output()}`);
}

/** SIGTERM to the group (uvicorn workers included), SIGKILL if it lingers. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, "SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  // Workers may outlive the parent for a moment; make sure none is left holding the port.
  signalGroup(child.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
