/**
 * A custom LiteLLM setting, passed as a stack setting (routerSettings), reaches the pinned LiteLLM
 * and changes what it does: with `model_group_alias` a name the catalog does not serve is routed
 * to a catalog alias; without it the same request is refused and no provider is called. Both
 * proxies are started from settings parsed as the stack file's, through the stack's render options.
 */
import { randomBytes } from "node:crypto";

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { renderOptionsForStack } from "../../config/render/stack-render-options";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { VALID_SETTINGS } from "../settings/settings-fixtures";
import { FAKE_REPLY_TEXT, startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { buildTestCatalog, PROVIDER_KEY_ENVS, PROVIDER_MODELS } from "./test-catalog";

/** A name clients already use that the catalog does not serve. */
const CLIENT_MODEL_NAME = "gpt-4";
const TARGET_ALIAS = "openai-chat";

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

describe("custom LiteLLM settings in the pinned LiteLLM release", () => {
  const masterKey = secretKey();
  const providerKeys = Object.fromEntries(Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]));
  let fake: FakeProvider;
  let withSetting: RunningProxy;
  let withoutSetting: RunningProxy;

  async function launch(extraSettings: Record<string, unknown>): Promise<RunningProxy> {
    const settings = parseStackSettings({ ...VALID_SETTINGS, ...extraSettings });
    const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), renderOptionsForStack("e2e", settings));
    return startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys },
    });
  }

  function ask(proxy: RunningProxy, model: string) {
    const client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: masterKey, maxRetries: 0 });
    return client.chat.completions.create({ model, messages: [{ role: "user", content: "Say hello." }] });
  }

  beforeAll(async () => {
    fake = await startFakeProvider();
    [withSetting, withoutSetting] = await Promise.all([launch({ routerSettings: { model_group_alias: { [CLIENT_MODEL_NAME]: TARGET_ALIAS } } }), launch({})]);
  });

  afterAll(async () => {
    await withSetting?.stop();
    await withoutSetting?.stop();
    await fake?.close();
  });

  beforeEach(() => {
    fake.clearLog();
  });

  it("with routerSettings.model_group_alias, the client's name is served by the catalog alias's provider model", async () => {
    const completion = await ask(withSetting, CLIENT_MODEL_NAME);
    expect(completion.choices[0]?.message.content).toBe(FAKE_REPLY_TEXT);
    expect(fake.requests.map((request) => request.model)).toEqual([PROVIDER_MODELS.openai]);
  });

  it("without it, the same request is refused and no provider is called", async () => {
    await expect(ask(withoutSetting, CLIENT_MODEL_NAME)).rejects.toMatchObject({ status: 400 });
    expect(fake.requests).toHaveLength(0);
  });

  it("the catalog's own aliases answer the same on both", async () => {
    for (const proxy of [withSetting, withoutSetting]) {
      expect((await ask(proxy, TARGET_ALIAS)).choices[0]?.message.content).toBe(FAKE_REPLY_TEXT);
    }
  });
});
