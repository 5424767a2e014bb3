/**
 * One real LiteLLM (the pinned release), started exactly as the ECS task starts it, serving a
 * rendered test catalog whose providers are all the fake on loopback. Clients use the official
 * `openai` SDK with the master key, as users of the gateway will.
 */
import { randomBytes } from "node:crypto";

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { LIVENESS_PATH, MASTER_KEY_ENV, READINESS_PATH, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import type { RenderedLitellmConfig } from "../../config/render/render-litellm-config";
import { credentialFingerprint, FAKE_REPLY_TEXT, startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { AZURE_API_VERSION, buildTestCatalog, NUM_RETRIES, PROVIDER_KEY_ENVS, PROVIDER_MODELS, SLOW_RESPONSE_MS } from "./test-catalog";

const LOAD_BALANCING_REQUESTS = 20;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

describe("the rendered catalog in the pinned LiteLLM release", () => {
  const masterKey = secretKey();
  const providerKeys: Record<string, string> = Object.fromEntries(
    Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]),
  );
  let fake: FakeProvider;
  let proxy: RunningProxy;
  let rendered: RenderedLitellmConfig;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeProvider();
    rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e" });
    proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys },
    });
    // The SDK's own retries would hide the proxy's behaviour.
    client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await proxy?.stop();
    await fake?.close();
  });

  beforeEach(() => {
    fake.clearLog();
  });

  async function ask(model: string): Promise<string | null | undefined> {
    const completion = await client.chat.completions.create({ model, messages: [{ role: "user", content: "Say hello." }] });
    return completion.choices[0]?.message.content;
  }

  describe("health and authentication", () => {
    it("answers the load balancer's liveness and readiness checks with 200 and no key", async () => {
      for (const path of [LIVENESS_PATH, READINESS_PATH]) {
        const response = await fetch(`${proxy.origin}${path}`);
        expect(response.status, path).toBe(200);
      }
    });

    it("refuses a request without a key with 401 and calls no provider", async () => {
      for (const path of ["/v1/chat/completions", "/v1/models"]) {
        const response = await fetch(`${proxy.origin}${path}`, {
          method: path.endsWith("models") ? "GET" : "POST",
          headers: { "content-type": "application/json" },
          body: path.endsWith("models") ? undefined : JSON.stringify({ model: "openai-chat", messages: [{ role: "user", content: "hi" }] }),
        });
        expect(response.status, path).toBe(401);
      }
      expect(fake.requests).toHaveLength(0);
    });

    it("refuses a wrong key and calls no provider", async () => {
      const wrongKeyClient = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: secretKey(), maxRetries: 0 });
      // What this test setup sees, not what a deployed gateway answers: with no database (Prisma's
      // engines cannot be fetched here) the pinned LiteLLM refuses any key other than the master key
      // with 400 "No connected db." (litellm/proxy/auth/user_api_key_auth.py:2745-2752). A deployed
      // gateway looks the key up in its database and answers 401 `token_not_found_in_db`
      // (litellm/proxy/auth/auth_checks.py:4235-4241). Either way: refused, no provider called.
      await expect(wrongKeyClient.chat.completions.create({ model: "openai-chat", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({
        status: 400,
        error: { type: "no_db_connection" },
      });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe("alias routing", () => {
    it("lists exactly the catalog's aliases on /v1/models", async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) {
        ids.push(model.id);
      }
      expect(ids.sort()).toEqual([...rendered.aliases].sort());
    });

    it("sends each alias to its provider's model id, wire format and key, never the master key", async () => {
      expect(await ask("openai-chat")).toBe(FAKE_REPLY_TEXT);
      expect(await ask("anthropic-chat")).toBe(FAKE_REPLY_TEXT);
      expect(await ask("azure-chat")).toBe(FAKE_REPLY_TEXT);

      expect(fake.requests.map(({ format, path, model }) => ({ format, path, model }))).toEqual([
        { format: "openai", path: "/v1/chat/completions", model: PROVIDER_MODELS.openai },
        { format: "anthropic", path: "/v1/messages", model: PROVIDER_MODELS.anthropic },
        {
          format: "azure",
          path: `/openai/deployments/${PROVIDER_MODELS.azureDeployment}/chat/completions?api-version=${AZURE_API_VERSION}`,
          model: PROVIDER_MODELS.azureDeployment,
        },
      ]);
      expect(fake.requests.map((request) => request.credentialSha256)).toEqual(
        [PROVIDER_KEY_ENVS.openai, PROVIDER_KEY_ENVS.anthropic, PROVIDER_KEY_ENVS.azure].map((name) => credentialFingerprint(providerKeys[name])),
      );
      for (const request of fake.requests) {
        expect(request.credentialSha256).not.toBe(credentialFingerprint(masterKey));
        expect(JSON.stringify(request.headers)).not.toContain(masterKey);
      }
    });

    it("spreads a two-deployment alias over both deployments", async () => {
      for (let index = 0; index < LOAD_BALANCING_REQUESTS; index += 1) {
        expect(await ask("balanced")).toBe(FAKE_REPLY_TEXT);
      }
      const toA = fake.requestsFor(PROVIDER_MODELS.balancedA);
      const toB = fake.requestsFor(PROVIDER_MODELS.balancedB);
      // simple-shuffle with equal weights: all 20 on one side has odds of 2 in a million.
      expect(toA.length).toBeGreaterThan(0);
      expect(toB.length).toBeGreaterThan(0);
      expect(toA.length + toB.length).toBe(LOAD_BALANCING_REQUESTS);
      // Each deployment gets its own key.
      expect(new Set(toB.map((request) => request.credentialSha256))).toEqual(new Set([credentialFingerprint(providerKeys[PROVIDER_KEY_ENVS.selfHosted])]));
    });
  });

  describe("retries and fallbacks", () => {
    it("retries a 500 the configured number of times, then the general fallback answers", async () => {
      fake.setBehaviour(PROVIDER_MODELS.flaky, { kind: "server-error" });
      expect(await ask("flaky")).toBe(FAKE_REPLY_TEXT);
      expect(fake.requestsFor(PROVIDER_MODELS.flaky)).toHaveLength(1 + NUM_RETRIES);
      expect(fake.requestsFor(PROVIDER_MODELS.backup)).toHaveLength(1);
    });

    it("retries a 429 with Retry-After, then the general fallback answers", async () => {
      fake.setBehaviour(PROVIDER_MODELS.throttled, { kind: "rate-limit", retryAfterSeconds: 1 });
      expect(await ask("throttled")).toBe(FAKE_REPLY_TEXT);
      expect(fake.requestsFor(PROVIDER_MODELS.throttled)).toHaveLength(1 + NUM_RETRIES);
      expect(fake.requestsFor(PROVIDER_MODELS.backup)).toHaveLength(1);
    });

    it("abandons a deployment past its timeout, retries, then the general fallback answers", async () => {
      fake.setBehaviour(PROVIDER_MODELS.slow, { kind: "slow", delayMs: SLOW_RESPONSE_MS });
      expect(await ask("slow")).toBe(FAKE_REPLY_TEXT);
      expect(fake.requestsFor(PROVIDER_MODELS.slow)).toHaveLength(1 + NUM_RETRIES);
      expect(fake.requestsFor(PROVIDER_MODELS.backup)).toHaveLength(1);
    });

    it("a context-window error goes straight to the context-window fallback, without retries", async () => {
      fake.setBehaviour(PROVIDER_MODELS.smallWindow, { kind: "context-window" });
      expect(await ask("long-context")).toBe(FAKE_REPLY_TEXT);
      expect(fake.requestsFor(PROVIDER_MODELS.smallWindow)).toHaveLength(1);
      expect(fake.requestsFor(PROVIDER_MODELS.bigWindow)).toHaveLength(1);
    });

    it("a content-policy refusal goes straight to the content-policy fallback, without retries", async () => {
      fake.setBehaviour(PROVIDER_MODELS.strict, { kind: "content-policy" });
      expect(await ask("guarded")).toBe(FAKE_REPLY_TEXT);
      expect(fake.requestsFor(PROVIDER_MODELS.strict)).toHaveLength(1);
      expect(fake.requestsFor(PROVIDER_MODELS.lenient)).toHaveLength(1);
    });

    it("a refusal signalled only by code content_policy_violation is a plain 400 to LiteLLM: no fallback", async () => {
      // A canary for LiteLLM upgrades: 1.108.5 and 1.108.7 with openai 3.x classifies content-policy errors by
      // message text, so this refusal skips content_policy_fallbacks and reaches the client.
      fake.setBehaviour(PROVIDER_MODELS.strict, { kind: "content-policy-code-only" });
      await expect(ask("guarded")).rejects.toMatchObject({ status: 400 });
      expect(fake.requestsFor(PROVIDER_MODELS.strict)).toHaveLength(1);
      expect(fake.requestsFor(PROVIDER_MODELS.lenient)).toHaveLength(0);
    });

    it("without a fallback of that kind, the client sees the provider's error", async () => {
      // big-context has no fallbacks: the error reaches the client (not silently swallowed).
      fake.setBehaviour(PROVIDER_MODELS.bigWindow, { kind: "context-window" });
      try {
        await expect(ask("big-context")).rejects.toMatchObject({ status: 400 });
      } finally {
        fake.setBehaviour(PROVIDER_MODELS.bigWindow, { kind: "ok" });
      }
    });
  });

  describe("streaming", () => {
    it.each(["openai-chat", "anthropic-chat", "azure-chat"])("streams %s through the proxy in several chunks", async (alias) => {
      const stream = await client.chat.completions.create({ model: alias, messages: [{ role: "user", content: "Say hello." }], stream: true });
      const pieces: string[] = [];
      for await (const chunk of stream) {
        const piece = chunk.choices[0]?.delta?.content;
        if (piece) {
          pieces.push(piece);
        }
      }
      expect(pieces.join("")).toBe(FAKE_REPLY_TEXT);
      expect(pieces.length).toBeGreaterThan(1);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].stream).toBe(true);
    });
  });
});
