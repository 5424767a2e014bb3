/**
 * Two processes of the pinned LiteLLM release, started as the ECS tasks are (config rendered with
 * `redis: true`, REDIS_HOST / REDIS_PORT / REDIS_SSL as plain variables, REDIS_PASSWORD as the
 * secret), against one real server on loopback: Debian's redis-server (Redis OSS, which a user's
 * own endpoint may run; plain TCP) and valkey-server (Valkey 8.0, the engine the stack creates on
 * ElastiCache; TLS only, as ElastiCache's "required" mode, with REDIS_SSL "true" as the task sets
 * it). What Redis is for: both processes count a deployment's requests in the same place, instead
 * of each enforcing its own rpm/tpm limits.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { defineCatalog } from "../../config/catalog/define-catalog";
import { REDIS_PORT } from "../../config/litellm/network-ports";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { REDIS_PASSWORD_ENV, redisEnvironment } from "../../config/litellm/redis-environment";
import { MissingEnvironmentError } from "../../config/render/missing-env-check";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import type { RenderedLitellmConfig } from "../../config/render/render-litellm-config";
import { startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { startRedis } from "./redis-server";
import type { RedisServerKind, RunningRedis } from "./redis-server";

const PROVIDER_MODEL = "shared-counter-model";
/** The router counts a deployment's requests per minute only when it has an rpm limit. */
const RPM_LIMIT = 1_000;
const REQUESTS_THROUGH_FIRST = 3;
const REQUESTS_THROUGH_SECOND = 2;
/** LiteLLM writes usage after the response; poll for it rather than assert on timing. */
const COUNTER_WAIT_MS = 15_000;
const POLL_MS = 200;
const LOOPBACK = "127.0.0.1";
/** The discard port: the refusal test's provider is never called. */
const NEVER_CALLED_API_BASE = `http://${LOOPBACK}:9/v1`;

/**
 * The servers, each as a task would reach it. REDIS_SSL_CA_CERTS (redis-py's ssl_ca_certs, which
 * LiteLLM reads from REDIS_<ARG> like REDIS_SSL) trusts the test CA; ElastiCache's certificates
 * chain to Amazon's public CAs, which the image already trusts, so the task sets no such variable.
 */
const SERVERS: readonly { readonly kind: RedisServerKind; readonly tls: boolean }[] = [
  { kind: "redis", tls: false },
  { kind: "valkey", tls: true },
];
const CA_CERTS_ENV = "REDIS_SSL_CA_CERTS";

/** What `INFO server` says about each server: proof the test ran against the one it names. */
const SERVER_IDENTITY: Readonly<Record<RedisServerKind, RegExp>> = {
  redis: /^redis_version:7\./m,
  // Valkey 8 also reports redis_version:7.2.4, the Redis OSS release it stays compatible with.
  valkey: /^valkey_version:8\.0\./m,
};

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

/** The stack's config with Redis on, routing one alias to the fake provider with an rpm limit. */
function renderWithRedis(apiBase: string): RenderedLitellmConfig {
  const catalog = defineCatalog({
    aliases: {
      chat: {
        deployments: [{ provider: "openai", model: PROVIDER_MODEL, apiKeyEnv: "OPENAI_API_KEY", apiBase, rpm: RPM_LIMIT }],
      },
    },
  });
  return renderLitellmConfig(catalog, { stack: "e2e", redis: true });
}

describe.each(SERVERS)("LiteLLM with $kind (TLS: $tls): one shared router state for every process", ({ kind, tls }) => {
  const masterKey = secretKey();
  let redis: RunningRedis;
  let fake: FakeProvider;
  let rendered: RenderedLitellmConfig;
  let proxies: RunningProxy[] = [];

  beforeAll(async () => {
    [redis, fake] = await Promise.all([startRedis(kind, { tls }), startFakeProvider()]);
    rendered = renderWithRedis(`${fake.origin}/v1`);
    const taskEnvironment = {
      [MASTER_KEY_ENV]: masterKey,
      [SALT_KEY_ENV]: secretKey(),
      OPENAI_API_KEY: `openai-${randomBytes(8).toString("hex")}`,
      ...redisEnvironment({ host: redis.host, port: redis.port, tls }),
      [REDIS_PASSWORD_ENV]: redis.password,
      ...(redis.caCertPath === undefined ? {} : { [CA_CERTS_ENV]: redis.caCertPath }),
    };
    const launch = () =>
      startLitellm({
        configYaml: rendered.yaml,
        secretEnvNames: [...rendered.secretEnvNames, ...rendered.deploymentEnvNames],
        secrets: taskEnvironment,
      });
    // Two tasks of the same service.
    proxies = await Promise.all([launch(), launch()]);
  });

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await fake?.close();
    await redis?.stop();
  });

  async function ask(proxy: RunningProxy): Promise<number> {
    const response = await fetch(`${proxy.origin}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${masterKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "chat", messages: [{ role: "user", content: "Say hello." }] }),
    });
    await response.text();
    return response.status;
  }

  /** The router's per-minute request counters of the deployment, summed over the minutes they span. */
  async function sharedRequestCount(): Promise<{ keys: string[]; total: number }> {
    const keys = (await redis.cli("--scan", "--pattern", `global_router:*:openai/${PROVIDER_MODEL}:rpm:*`)).split("\n").filter(Boolean);
    let total = 0;
    for (const key of keys) {
      total += Number((await redis.cli("GET", key)).trim());
    }
    return { keys, total };
  }

  it(`runs against ${kind}-server itself`, async () => {
    expect(await redis.cli("INFO", "server")).toMatch(SERVER_IDENTITY[kind]);
  });

  it("counts the requests of both processes in one Redis counter, so an rpm limit holds for the whole service", async () => {
    const [first, second] = proxies;
    for (let index = 0; index < REQUESTS_THROUGH_FIRST; index += 1) {
      expect(await ask(first)).toBe(200);
    }
    for (let index = 0; index < REQUESTS_THROUGH_SECOND; index += 1) {
      expect(await ask(second)).toBe(200);
    }
    expect(fake.requestsFor(PROVIDER_MODEL)).toHaveLength(REQUESTS_THROUGH_FIRST + REQUESTS_THROUGH_SECOND);

    const expected = REQUESTS_THROUGH_FIRST + REQUESTS_THROUGH_SECOND;
    const deadline = Date.now() + COUNTER_WAIT_MS;
    let counted = await sharedRequestCount();
    while (counted.total < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      counted = await sharedRequestCount();
    }
    expect(counted.keys.length).toBeGreaterThan(0);
    // Without Redis each process would hold its own count (3 and 2); here both add to one. The
    // server answers nothing without its password (requirepass), so LiteLLM authenticated with
    // REDIS_PASSWORD from its environment; the config itself holds only the reference.
    expect(counted.total).toBe(expected);
    expect(rendered.yaml).toContain("redis_password: os.environ/REDIS_PASSWORD");
    expect(rendered.yaml).not.toContain(redis.password);
  });
});

describe("LiteLLM with Redis in its config", () => {
  it("refuses to start a process whose environment lacks a Redis variable the config reads", async () => {
    // Refused before anything is spawned, so no server or provider is needed.
    const rendered = renderWithRedis(NEVER_CALLED_API_BASE);
    const launch = startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: [...rendered.secretEnvNames, ...rendered.deploymentEnvNames],
      secrets: {
        [MASTER_KEY_ENV]: secretKey(),
        [SALT_KEY_ENV]: secretKey(),
        OPENAI_API_KEY: `openai-${randomBytes(8).toString("hex")}`,
        ...redisEnvironment({ host: LOOPBACK, port: REDIS_PORT, tls: false }),
      },
    });
    await expect(launch).rejects.toBeInstanceOf(MissingEnvironmentError);
    await expect(launch).rejects.toThrow(/os\.environ\/REDIS_PASSWORD/);
  });
});
