/**
 * The SIGTERM phase of a task stop, on the pinned LiteLLM started exactly as the task starts it:
 * a request still running when SIGTERM arrives finishes, even one that runs longer than LiteLLM's
 * default 30 s drain, because proxyEnvironment sets GRACEFUL_SHUTDOWN_TIMEOUT to the stop timeout
 * less LiteLLM's teardown headroom; and the process then exits by itself, before ECS would SIGKILL.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  CONTAINER_STOP_TIMEOUT_SECONDS,
  SPOT_DEREGISTRATION_DELAY_SECONDS,
  SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS,
  SPOT_INTERRUPTION_WARNING_SECONDS,
} from "../../config/litellm/connection-timeouts";
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
const MS_PER_SECOND = 1000;
/** On a Spot interruption the task is gone this long after SIGTERM: the warning less the deregistration delay. */
const SPOT_SIGTERM_PHASE_MS = (SPOT_INTERRUPTION_WARNING_SECONDS - SPOT_DEREGISTRATION_DELAY_SECONDS) * MS_PER_SECOND;
/** A request that outlived the load balancer's drain but ends inside LiteLLM's Spot drain. */
const SPOT_SHORT_REQUEST_MS = (SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS * MS_PER_SECOND) / 2;
/** One that does not: the interruption cuts it. */
const SPOT_LONG_REQUEST_MS = SPOT_SIGTERM_PHASE_MS + 10_000;
const TEST_TIMEOUT_MS = 180_000;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

interface StartedProxy {
  readonly fake: FakeProvider;
  readonly proxy: RunningProxy;
  readonly masterKey: string;
}

/**
 * A fake provider and the pinned LiteLLM started as the task starts it (with `gracefulShutdownTimeoutSeconds`
 * as the task sets it, default the on-demand one), for the enclosing describe; the getter works in its tests.
 */
function proxyForSuite(gracefulShutdownTimeoutSeconds?: number): () => StartedProxy {
  const masterKey = secretKey();
  const providerKeys = Object.fromEntries(Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]));
  let fake: FakeProvider | undefined;
  let proxy: RunningProxy | undefined;

  beforeAll(async () => {
    fake = await startFakeProvider();
    const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e" });
    proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys },
      ...(gracefulShutdownTimeoutSeconds === undefined ? {} : { gracefulShutdownTimeoutSeconds }),
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await fake?.close();
  });

  return () => {
    if (fake === undefined || proxy === undefined) {
      throw new Error("the proxy of this suite has not started");
    }
    return { fake, proxy, masterKey };
  };
}

describe("a task stop's SIGTERM phase in the pinned LiteLLM release", () => {
  const started = proxyForSuite();

  it(
    "lets a request running when SIGTERM arrives finish after LiteLLM's default 30 s drain, then exits by itself",
    async () => {
      const { fake, proxy, masterKey } = started();
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

async function waitForArrival(fake: FakeProvider, model: string, count: number): Promise<void> {
  while (fake.requestsFor(model).length < count) {
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_POLL_MS));
  }
}

describe("the SIGTERM phase of a Spot interruption (stacks with Spot tasks: a 20 s drain)", () => {
  const started = proxyForSuite(SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS);

  it(
    "finishes a request that ends inside the drain, cuts one that does not, and exits by itself before the task is taken back",
    async () => {
      const { fake, proxy, masterKey } = started();
      fake.setBehaviour(PROVIDER_MODELS.openai, { kind: "slow", delayMs: SPOT_SHORT_REQUEST_MS });
      fake.setBehaviour(PROVIDER_MODELS.anthropic, { kind: "slow", delayMs: SPOT_LONG_REQUEST_MS });
      const ask = (model: string) =>
        fetch(`${proxy.origin}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
          body: JSON.stringify({ model, messages: [{ role: "user", content: "Take your time." }] }),
        }).then(
          async (response) => ({ status: response.status, body: await response.text() }),
          (error: unknown) => ({ status: 0, body: String(error) }),
        );
      const short = ask("openai-chat");
      const long = ask("anthropic-chat");
      await waitForArrival(fake, PROVIDER_MODELS.openai, 1);
      await waitForArrival(fake, PROVIDER_MODELS.anthropic, 1);

      const terminatedAt = Date.now();
      const exited = await proxy.terminate();
      const exitedAfterMs = Date.now() - terminatedAt;
      expect(exited.signal === null || exited.signal === "SIGTERM", JSON.stringify(exited)).toBe(true);
      // Gone by itself before Fargate takes the task back, so the counters it flushes are kept.
      expect(exitedAfterMs).toBeLessThan(SPOT_SIGTERM_PHASE_MS);

      const [shortAnswer, longAnswer] = await Promise.all([short, long]);
      expect(shortAnswer.status, shortAnswer.body).toBe(200);
      expect(shortAnswer.body).toContain(FAKE_REPLY_TEXT);
      // The price of Spot for long completions: this one never gets its answer.
      expect(longAnswer.body).not.toContain(FAKE_REPLY_TEXT);
    },
    TEST_TIMEOUT_MS,
  );
});
