/**
 * A throwaway PostgreSQL cluster for one test file: initdb in a temp directory, started with
 * pg_ctl on a free loopback port, removed afterwards. TCP connections need a password
 * (scram-sha-256, as on RDS), so a test that connects proves the password survived the trip.
 * PostgreSQL refuses to run as root, so under root every server command runs as the `postgres`
 * OS user that the Debian package creates.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { requirePostgresBinDir } from "./e2e-prerequisites";
import { findFreeLoopbackPort } from "./free-port";

export interface PostgresCluster {
  readonly host: string;
  readonly port: number;
  /** Creates a login role owning a new database of the same name's choosing. */
  createDatabaseUser(user: string, password: string, database: string): void;
  stop(): void;
}

const SUPERUSER = "postgres";
const LOOPBACK = "127.0.0.1";
const POSTGRES_OS_USER = "postgres";
/** pg_ctl's own wait for start-up and shutdown. */
const PG_CTL_WAIT_SECONDS = 60;

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = requirePostgresBinDir();
  const owner = process.getuid?.() === 0 ? osUser(POSTGRES_OS_USER) : undefined;
  const directory = mkdtempSync(path.join(tmpdir(), "pg-e2e-"));
  const dataDir = path.join(directory, "data");
  const socketDir = directory;
  const superuserPasswordFile = path.join(directory, "superuser-password");
  // The superuser connects over the Unix socket (trust); TCP always asks for a password.
  writeFileSync(superuserPasswordFile, `${SUPERUSER}-unused-over-socket\n`);
  if (owner) {
    chownSync(directory, owner.uid, owner.gid);
    chownSync(superuserPasswordFile, owner.uid, owner.gid);
  }
  const run = (binary: string, args: string[]) =>
    execFileSync(path.join(binDir, binary), args, { cwd: directory, stdio: ["ignore", "pipe", "pipe"], ...(owner ?? {}) }).toString("utf8");

  const port = await findFreeLoopbackPort();
  run("initdb", [
    "--pgdata",
    dataDir,
    "--username",
    SUPERUSER,
    "--pwfile",
    superuserPasswordFile,
    "--auth-local",
    "trust",
    "--auth-host",
    "scram-sha-256",
    "--encoding",
    "UTF8",
    "--no-sync",
  ]);
  run("pg_ctl", [
    "start",
    "--pgdata",
    dataDir,
    "--wait",
    "--timeout",
    String(PG_CTL_WAIT_SECONDS),
    "--log",
    path.join(directory, "server.log"),
    "-o",
    `-p ${port} -k ${socketDir} -c listen_addresses=${LOOPBACK} -c fsync=off`,
  ]);

  const psql = (sql: string) => run("psql", ["--host", socketDir, "--port", String(port), "--username", SUPERUSER, "--dbname", "postgres", "--set", "ON_ERROR_STOP=1", "--command", sql]);

  return {
    host: LOOPBACK,
    port,
    createDatabaseUser(user, password, database) {
      psql(`CREATE ROLE ${quoteIdentifier(user)} LOGIN PASSWORD ${quoteLiteral(password)}`);
      psql(`CREATE DATABASE ${quoteIdentifier(database)} OWNER ${quoteIdentifier(user)}`);
    },
    stop() {
      try {
        run("pg_ctl", ["stop", "--pgdata", dataDir, "--mode", "fast", "--wait", "--timeout", String(PG_CTL_WAIT_SECONDS)]);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

function osUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, name]).toString("utf8").trim());
  return { uid: id("-u"), gid: id("-g") };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
