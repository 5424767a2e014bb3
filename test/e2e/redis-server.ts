/**
 * A throwaway Redis-protocol server on loopback for the end-to-end tests: Debian's redis-server
 * (Redis OSS 7.0) or valkey-server (Valkey 8.0, what the stack runs on ElastiCache), with a password
 * (`requirepass`, what an ElastiCache AUTH token is to clients), no persistence, its own port.
 * Inspected with the server's own CLI, so the tests need no Redis client package. With `tls` it
 * listens only on TLS (as ElastiCache with transitEncryptionMode "required"), with a certificate
 * for 127.0.0.1 from a throwaway CA made with openssl; clients trust that CA through caCertPath.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { findFreeLoopbackPort } from "./free-port";

const run = promisify(execFile);

/** The two servers the tests run: users may bring an existing Redis OSS endpoint, the stack creates Valkey. */
export type RedisServerKind = "redis" | "valkey";

interface ServerBinaries {
  readonly server: string;
  readonly cli: string;
  /** How to install it by hand (scripts/setup-e2e.sh does it when run as root). */
  readonly install: string;
}

const BINARIES: Readonly<Record<RedisServerKind, ServerBinaries>> = {
  redis: { server: "/usr/bin/redis-server", cli: "/usr/bin/redis-cli", install: "sudo apt-get install -y redis-server" },
  valkey: {
    server: "/usr/bin/valkey-server",
    cli: "/usr/bin/valkey-cli",
    install: "on Debian 12 from bookworm-backports: sudo apt-get install -y -t bookworm-backports valkey-server (Debian 13: sudo apt-get install -y valkey-server)",
  },
};
const START_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;
/** Letters and digits, like the generated AUTH token. */
const PASSWORD_BYTES = 24;
const OPENSSL = "openssl";
/** The certificates only live as long as the test. */
const CERT_DAYS = "1";
const KEY_SPEC = "rsa:2048";

export interface RunningRedis {
  readonly kind: RedisServerKind;
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** The CA that signed the server's certificate, when it speaks TLS (REDIS_SSL_CA_CERTS for LiteLLM). */
  readonly caCertPath?: string;
  /** Runs the server's CLI against it (authenticated) and returns its stdout. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export function requireRedisServer(kind: RedisServerKind): ServerBinaries {
  const binaries = BINARIES[kind];
  if (!existsSync(binaries.server) || !existsSync(binaries.cli)) {
    throw new Error(
      `The ${kind} end-to-end tests need Debian's ${path.basename(binaries.server)} and ${path.basename(binaries.cli)} (${binaries.server}), which are missing. ` +
        `Run \`bash scripts/setup-e2e.sh\` (npm run test:e2e runs it as its pretest step), or ${binaries.install}`,
    );
  }
  return binaries;
}

interface TlsFiles {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

/** A throwaway CA and a server certificate for `host` (an IP address), signed by it. */
async function makeCertificates(directory: string, host: string): Promise<TlsFiles> {
  const file = (name: string) => path.join(directory, name);
  const files = { caCert: file("ca.crt"), serverCert: file("server.crt"), serverKey: file("server.key") };
  await run(OPENSSL, ["req", "-x509", "-newkey", KEY_SPEC, "-nodes", "-keyout", file("ca.key"), "-out", files.caCert, "-days", CERT_DAYS, "-subj", "/CN=e2e-ca"]);
  await run(OPENSSL, ["req", "-newkey", KEY_SPEC, "-nodes", "-keyout", files.serverKey, "-out", file("server.csr"), "-subj", `/CN=${host}`]);
  writeFileSync(file("server.ext"), `subjectAltName=IP:${host}\n`);
  await run(OPENSSL, [
    "x509", "-req", "-in", file("server.csr"), "-CA", files.caCert, "-CAkey", file("ca.key"), "-CAcreateserial",
    "-out", files.serverCert, "-days", CERT_DAYS, "-extfile", file("server.ext"),
  ]);
  return files;
}

export interface RedisOptions {
  /** Serve TLS only (port 0 for plain connections), as ElastiCache does. @default false */
  readonly tls?: boolean;
}

export async function startRedis(kind: RedisServerKind, options: RedisOptions = {}): Promise<RunningRedis> {
  const binaries = requireRedisServer(kind);
  const host = "127.0.0.1";
  const port = await findFreeLoopbackPort();
  const password = randomBytes(PASSWORD_BYTES).toString("hex");
  const directory = mkdtempSync(path.join(tmpdir(), `${kind}-e2e-`));
  const tls = options.tls === true ? await makeCertificates(directory, host) : undefined;
  const listen =
    tls === undefined
      ? ["--port", String(port)]
      : ["--port", "0", "--tls-port", String(port), "--tls-cert-file", tls.serverCert, "--tls-key-file", tls.serverKey, "--tls-ca-cert-file", tls.caCert, "--tls-auth-clients", "no"];
  const child: ChildProcess = spawn(
    binaries.server,
    ["--bind", host, ...listen, "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", directory],
    { stdio: "ignore" },
  );
  const cliTls = tls === undefined ? [] : ["--tls", "--cacert", tls.caCert];
  const cli = async (...args: string[]) => {
    const { stdout } = await run(binaries.cli, ["-h", host, "-p", String(port), ...cliTls, "--no-auth-warning", "-a", password, ...args]);
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
        return { kind, host, port, password, ...(tls === undefined ? {} : { caCertPath: tls.caCert }), cli, stop };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`${path.basename(binaries.server)} did not answer PING on ${host}:${port} within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
