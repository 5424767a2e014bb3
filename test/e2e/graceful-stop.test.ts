/**
 * The SIGTERM phase of a task stop, on the pinned LiteLLM started exactly as the task starts it:
 * a request still running when SIGTERM arrives finishes, even one that runs longer than LiteLLM's
 * default 30 s drain, because proxyEnvironment sets GRACEFUL_SHUTDOWN_TIMEOUT to the stop timeout
 * less LiteLLM's teardown headroom; and the process then exits by itself, before ECS would SIGKILL.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CONTAINER_STOP_TIMEOUT_SECONDS } from "../../config/litellm/connection-timeouts";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { FAKE_REPLY_TEXT, startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { buildTestCatalog, PROVIDER_KEY_ENVS, PROVIDER_MODELS } from "./test-catalog";

/** LiteLLM's drain when GRACEFUL_SHUTDOWN_TIMEOUT is unset (GracefulShutdownManager). */
const LITELLM_DEFAULT_DRAIN_MS = 30_000;
/** Longer than LiteLLM's default drain, well inside ours. */
const IN_FLIGHT_REQUEST_MS = LITELLM_DEFAULT_DRAIN_MS + 5_000;
const ARRIVAL_POLL_MS = 100;
const TEST_TIMEOUT_MS = 180_000;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

describe("a task stop's SIGTERM phase in the pinned LiteLLM release", () => {
  const masterKey = secretKey();
  const providerKeys = Object.fromEntries(Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]));
  let fake: FakeProvider;
  let proxy: RunningProxy;

  beforeAll(async () => {
    fake = await startFakeProvider();
    const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e" });
    proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys },
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await fake?.close();
  });

  it(
    "lets a request running when SIGTERM arrives finish after LiteLLM's default 30 s drain, then exits by itself",
    async () => {
      fake.setBehaviour(PROVIDER_MODELS.openai, { kind: "slow", delayMs: IN_FLIGHT_REQUEST_MS });
      const answer = fetch(`${proxy.origin}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
        body: JSON.stringify({ model: "openai-chat", messages: [{ role: "user", content: "Take your time." }] }),
      }).then(async (response) => ({ status: response.status, body: await response.text(), at: Date.now() }));
      while (fake.requestsFor(PROVIDER_MODELS.openai).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, ARRIVAL_POLL_MS));
      }

      const terminatedAt = Date.now();
      const exit = proxy.terminate().then((how) => ({ ...how, at: Date.now() }));
      const answered = await answer;
      expect(answered.status, answered.body).toBe(200);
      expect(answered.body).toContain(FAKE_REPLY_TEXT);
      expect(answered.at - terminatedAt).toBeGreaterThan(LITELLM_DEFAULT_DRAIN_MS);

      const exited = await exit;
      // uvicorn re-raises the SIGTERM it caught once its shutdown is done, so the process ends by
      // that signal (or exit code 0); what matters is that nothing had to kill it.
      expect(exited.signal === null || exited.signal === "SIGTERM", JSON.stringify(exited)).toBe(true);
      expect(exited.at).toBeGreaterThanOrEqual(answered.at);
      expect(exited.at - terminatedAt).toBeLessThan(CONTAINER_STOP_TIMEOUT_SECONDS * 1000);
      expect(fake.requestsFor(PROVIDER_MODELS.openai)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );
});
