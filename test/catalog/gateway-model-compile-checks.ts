/**
 * Compile-time checks, run by `tsc --noEmit` (this file is not a vitest test). Each
 * `@ts-expect-error` line must fail to compile: if the type it guards became permissive, the
 * error would vanish and tsc would report the unused directive.
 */
import type { GatewayModel } from "../../config/catalog";
import type { Catalog } from "../../config/catalog/catalog-types";
import { defineCatalog } from "../../config/catalog/define-catalog";
import { ask } from "../../examples/chat-client";

export const servedModel: GatewayModel = "claude-sonnet";

// @ts-expect-error a model the gateway does not serve is not a GatewayModel
export const unknownModel: GatewayModel = "gpt-5-turbo";

export function askForUnknownModel(client: Parameters<typeof ask>[0]): Promise<string> {
  // @ts-expect-error the example client refuses a model the gateway does not serve
  return ask(client, "gpt-3.5-turbo", "hello");
}

export const unknownFallback = defineCatalog({
  aliases: {
    chat: {
      deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }],
      // @ts-expect-error a fallback must name an alias of the same catalog
      fallbacks: ["no-such-alias"],
    },
  },
});

export const unknownDefaultFallback = defineCatalog({
  aliases: { chat: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }] } },
  // @ts-expect-error default fallbacks must name an alias of the same catalog
  defaultFallbacks: ["no-such-alias"],
});

export const literalKey: Catalog = {
  aliases: {
    // @ts-expect-error a key value is not an environment variable name (EnvVarName is upper-case)
    chat: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "sk-proj-abc123" }] },
  },
};

export const azureWithoutApiVersion: Catalog = {
  aliases: {
    // @ts-expect-error Azure deployments require apiVersion
    chat: { deployments: [{ provider: "azure", deployment: "gpt-4o", apiBase: "https://x.openai.azure.com", apiKeyEnv: "AZURE_API_KEY" }] },
  },
};

export const bedrockWithKey: Catalog = {
  aliases: {
    // @ts-expect-error Bedrock has no key: the task role authenticates
    chat: { deployments: [{ provider: "bedrock", model: "amazon.nova-lite-v1:0", region: "us-east-1", apiKeyEnv: "AWS_KEY" }] },
  },
};
