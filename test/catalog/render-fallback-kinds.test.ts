/**
 * Every fallback kind reaches router_settings under the name LiteLLM 1.108.7's Router reads.
 * Found missing by mutation testing: dropping content_policy_fallbacks from the renderer failed
 * only the byte-for-byte golden files, which a regeneration would silently accept.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { defineCatalog } from "../../config/catalog/define-catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";

const openai = (model: string) => ({ provider: "openai", model, apiKeyEnv: "OPENAI_API_KEY" }) as const;

const withEveryFallbackKind = defineCatalog({
  aliases: {
    chat: {
      deployments: [openai("gpt-4.1-mini")],
      fallbacks: ["backup"],
      contextWindowFallbacks: ["long"],
      contentPolicyFallbacks: ["lenient"],
    },
    backup: { deployments: [openai("gpt-4.1-nano")] },
    long: { deployments: [openai("gpt-4.1")] },
    lenient: { deployments: [openai("gpt-4o-mini")] },
  },
  defaultFallbacks: ["backup"],
});

function routerSettings(yaml: string): Record<string, unknown> {
  return (parse(yaml, { version: "1.1" }) as { router_settings: Record<string, unknown> }).router_settings;
}

describe("fallback kinds in router_settings", () => {
  const settings = routerSettings(renderLitellmConfig(withEveryFallbackKind, { stack: "prod" }).yaml);

  it.each([
    ["fallbacks", [{ chat: ["backup"] }]],
    ["context_window_fallbacks", [{ chat: ["long"] }]],
    ["content_policy_fallbacks", [{ chat: ["lenient"] }]],
    ["default_fallbacks", ["backup"]],
  ])("renders %s as LiteLLM's list", (key, expected) => {
    expect(settings[key]).toEqual(expected);
  });

  it("renders no fallback key for a catalog without fallbacks", () => {
    const plain = defineCatalog({ aliases: { chat: { deployments: [openai("gpt-4.1-mini")] } } });
    const keys = Object.keys(routerSettings(renderLitellmConfig(plain, { stack: "prod" }).yaml));
    expect(keys.filter((key) => key.endsWith("fallbacks"))).toEqual([]);
  });
});
