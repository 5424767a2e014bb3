/**
 * The `otel` setting against the pinned LiteLLM: started with the config the stack renders (the
 * `otel` callback) and the variables the task gets (otelEnvironment, plus OTEL_HEADERS as the ECS
 * secret would inject it), one chat completion through the gateway reaches an OTLP/HTTP receiver
 * on loopback as a protobuf trace naming the alias, the provider's model, the service and the stack,
 * sent with the headers from the secret.
 */
import { randomBytes } from "node:crypto";

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { OTEL_HEADERS_ENV, OTEL_SERVICE_NAME, otelEnvironment } from "../../config/litellm/otel-environment";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { startOtlpReceiver } from "./otlp-receiver";
import type { OtlpReceiver, ReceivedExport } from "./otlp-receiver";
import { buildTestCatalog, PROVIDER_KEY_ENVS, PROVIDER_MODELS } from "./test-catalog";

const STACK = "otel-e2e";
const ALIAS = "openai-chat";
const AUTH_HEADER = "x-otel-test-token";
/**
 * The batch span processor's delay between exports (OpenTelemetry's default is 5 s): only makes the
 * test quicker; the task keeps the default.
 */
const BATCH_DELAY_ENV = { OTEL_BSP_SCHEDULE_DELAY: "200" };
/** How long the export may take to arrive before the test gives up (not a measured bound). */
const EXPORT_WAIT_MS = 30_000;
const POLL_MS = 200;
const TEST_TIMEOUT_MS = 60_000;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

async function traceExport(receiver: OtlpReceiver, needle: string): Promise<ReceivedExport | undefined> {
  const deadline = Date.now() + EXPORT_WAIT_MS;
  while (Date.now() < deadline) {
    const found = receiver.received.find((entry) => entry.path === "/v1/traces" && entry.body.includes(needle));
    if (found !== undefined) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return undefined;
}

describe("OpenTelemetry export from the pinned LiteLLM", () => {
  const masterKey = secretKey();
  const headerToken = randomBytes(16).toString("hex");
  let fake: FakeProvider;
  let receiver: OtlpReceiver;
  let proxy: RunningProxy;
  let yaml: string;

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeProvider(), startOtlpReceiver()]);
    const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: STACK, otel: true });
    yaml = rendered.yaml;
    proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: {
        [MASTER_KEY_ENV]: masterKey,
        [SALT_KEY_ENV]: secretKey(),
        [PROVIDER_KEY_ENVS.openai]: secretKey(),
        [PROVIDER_KEY_ENVS.anthropic]: secretKey(),
        [PROVIDER_KEY_ENVS.azure]: secretKey(),
        [PROVIDER_KEY_ENVS.selfHosted]: secretKey(),
        ...otelEnvironment({ endpoint: receiver.origin, environmentName: STACK }),
        [OTEL_HEADERS_ENV]: `${AUTH_HEADER}=${headerToken}`,
        ...BATCH_DELAY_ENV,
      },
    });
  }, TEST_TIMEOUT_MS * 2);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([fake?.close(), receiver?.close()]);
  });

  it("renders the otel callback into litellm_settings", () => {
    expect(yaml).toMatch(/litellm_settings:\n(?: {2}.*\n)*? {2}callbacks:\n {4}- otel\n/);
  });

  it(
    "exports a completion's trace over OTLP/HTTP protobuf with the alias, the model, the service, the stack and the secret's header",
    async () => {
      const client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: masterKey, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: ALIAS, messages: [{ role: "user", content: "Say hello." }] });
      expect(completion.choices[0]?.message.content).toBeTruthy();

      const trace = await traceExport(receiver, PROVIDER_MODELS.openai);
      expect(trace, `no trace naming ${PROVIDER_MODELS.openai} reached the receiver; LiteLLM said:\n${proxy.output().slice(-4000)}`).toBeDefined();
      if (trace === undefined) {
        return;
      }
      expect(trace.headers["content-type"]).toBe("application/x-protobuf");
      expect(trace.headers[AUTH_HEADER]).toBe(headerToken);
      expect(trace.body.includes(ALIAS)).toBe(true);
      expect(trace.body.includes(OTEL_SERVICE_NAME)).toBe(true);
      expect(trace.body.includes(STACK)).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});
