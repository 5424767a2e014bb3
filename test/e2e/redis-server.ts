/**
 * A throwaway Redis on loopback for the end-to-end tests: Debian's redis-server with a password
 * (`requirepass`, what an ElastiCache AUTH token is to clients), no persistence, its own port.
 * Inspected with redis-cli, so the tests need no Redis client package. No TLS here: ElastiCache's
 * TLS is switched on by REDIS_SSL=true, which these tests set to false.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { findFreeLoopbackPort } from "./free-port";

const run = promisify(execFile);

const REDIS_SERVER = "/usr/bin/redis-server";
const REDIS_CLI = "/usr/bin/redis-cli";
const START_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;
/** Letters and digits, like the generated AUTH token. */
const PASSWORD_BYTES = 24;

export interface RunningRedis {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** Runs redis-cli against this server (authenticated) and returns its stdout. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export function requireRedisServer(): void {
  if (!existsSync(REDIS_SERVER) || !existsSync(REDIS_CLI)) {
    throw new Error(
      `The Redis end-to-end tests need Debian's redis-server and redis-cli (${REDIS_SERVER}), which are missing. ` +
        "Run `bash scripts/setup-e2e.sh` (npm test runs it as its pretest step), or: sudo apt-get install -y redis-server",
    );
  }
}

export async function startRedis(): Promise<RunningRedis> {
  requireRedisServer();
  const host = "127.0.0.1";
  const port = await findFreeLoopbackPort();
  const password = randomBytes(PASSWORD_BYTES).toString("hex");
  const directory = mkdtempSync(path.join(tmpdir(), "redis-e2e-"));
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ["--bind", host, "--port", String(port), "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", directory],
    { stdio: "ignore" },
  );
  const cli = async (...args: string[]) => {
    const { stdout } = await run(REDIS_CLI, ["-h", host, "-p", String(port), "--no-auth-warning", "-a", password, ...args]);
    return stdout;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await cli("PING")).trim() === "PONG") {
        return { host, port, password, cli, stop };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`redis-server did not answer PING on ${host}:${port} within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
