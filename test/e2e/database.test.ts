/**
 * The database variables the ECS task receives (DATABASE_HOST, DATABASE_USERNAME,
 * DATABASE_PASSWORD, DATABASE_NAME) go through LiteLLM's own URL construction and must log in to
 * a real PostgreSQL that checks passwords (scram-sha-256, as RDS does).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { probeDatabaseEnv } from "./database-url-probe";
import { startPostgresCluster } from "./postgres-cluster";
import type { PostgresCluster } from "./postgres-cluster";
import { generateStackPassword, STACK_PASSWORD_ALPHABET } from "./stack-password";

/**
 * URL-reserved characters that RDS still accepts in a password (it forbids only `/`, `@`, `"` and
 * space). A password like this is legal on RDS and breaks any URL built without encoding.
 */
const RESERVED_CHARACTER_PASSWORD = "Pa:ss#w?rd%25&x=1+y[z]!";

describe("LiteLLM's database URL against a real PostgreSQL", () => {
  let cluster: PostgresCluster;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });

  afterAll(() => {
    cluster?.stop();
  });

  it("the generated password uses only the stack's alphanumeric alphabet", () => {
    const password = generateStackPassword();
    expect(password).toHaveLength(32);
    expect([...password].every((character) => STACK_PASSWORD_ALPHABET.includes(character))).toBe(true);
    expect(encodeURIComponent(password)).toBe(password);
  });

  it("the task's DATABASE_* variables log in, for a stack password and for one with URL-reserved characters", () => {
    const stackPassword = generateStackPassword();
    cluster.createDatabaseUser("litellm", stackPassword, "litellm");
    cluster.createDatabaseUser("reserved_user", RESERVED_CHARACTER_PASSWORD, "reserved_db");
    const host = `${cluster.host}:${cluster.port}`;

    const [stack, reserved, hostWithoutPort, noHost] = probeDatabaseEnv([
      {
        env: { DATABASE_HOST: host, DATABASE_USERNAME: "litellm", DATABASE_PASSWORD: stackPassword, DATABASE_NAME: "litellm" },
        // The same password in a URL assembled without encoding: harmless for an alphanumeric one.
        otherUrl: `postgresql://litellm:${stackPassword}@${host}/litellm`,
      },
      {
        env: { DATABASE_HOST: host, DATABASE_USERNAME: "reserved_user", DATABASE_PASSWORD: RESERVED_CHARACTER_PASSWORD, DATABASE_NAME: "reserved_db" },
        otherUrl: `postgresql://reserved_user:${RESERVED_CHARACTER_PASSWORD}@${host}/reserved_db`,
      },
      {
        // RDS gives `address` (host) and `port` separately; LiteLLM's CLI path reads no DATABASE_PORT.
        env: {
          DATABASE_HOST: cluster.host,
          DATABASE_PORT: String(cluster.port),
          DATABASE_USERNAME: "litellm",
          DATABASE_PASSWORD: stackPassword,
          DATABASE_NAME: "litellm",
        },
      },
      { env: { DATABASE_USERNAME: "litellm", DATABASE_PASSWORD: stackPassword, DATABASE_NAME: "litellm" } },
    ]);

    // The alphanumeric password works whichever way the URL is built.
    expect(stack.litellm).toEqual({ ok: true, user: "litellm" });
    expect(stack.other).toEqual({ ok: true, user: "litellm" });

    // The pinned LiteLLM encodes the password (quote_plus), so its own URL authenticates...
    expect(reserved.litellm).toEqual({ ok: true, user: "reserved_user" });
    // ...but any URL built by hand or by older migration code does not: the reason the stack
    // generates alphanumeric passwords.
    // (libpq decodes the `%25` to `%`, so the server sees a different password.)
    expect(reserved.other?.ok).toBe(false);
    expect(reserved.other?.error).toMatch(/password authentication failed for user "reserved_user"/);

    // DATABASE_PORT is ignored on the `--config` start-up path: the URL has no port (so 5432).
    // The stack must put host:port in DATABASE_HOST (the RDS instance's `endpoint`).
    expect(hostWithoutPort.built).toBe(true);
    expect(hostWithoutPort.host).toBe(cluster.host);
    expect(hostWithoutPort.port).toBeNull();
    expect(hostWithoutPort.litellm?.ok).toBe(false);
    expect(hostWithoutPort.litellm?.error).toMatch(/port 5432/);

    // Without DATABASE_HOST LiteLLM builds no URL and silently runs without a database.
    expect(noHost.built).toBe(false);
  });
});
