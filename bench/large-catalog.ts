/**
 * A large, valid catalog for measuring validation and rendering: `aliasCount` aliases, each with
 * two deployments of different providers, a fallback chain through every later alias (each falls
 * back to the next few), context-window fallbacks and some aliases served on prod only.
 */
import type { AliasDefinition, Catalog, Deployment } from "../config/catalog/catalog-types";

/** Each alias falls back to this many later aliases, so one chain runs through the whole catalog. */
const FALLBACKS_PER_ALIAS = 3;
/** Every this-many-th alias is served on prod only, so the per-stack filter has work to do. */
const PROD_ONLY_EVERY = 7;
const PROD_STACK = "prod";

function deploymentsFor(index: number): Deployment[] {
  const model = `model-${index}`;
  const providers: Deployment[] = [
    { provider: "openai", model, apiKeyEnv: "OPENAI_API_KEY", rpm: 500 },
    { provider: "anthropic", model, apiKeyEnv: "ANTHROPIC_API_KEY", tpm: 200_000 },
    { provider: "bedrock", model: `us.${model}-v1:0`, region: index % 2 === 0 ? "us-east-1" : "us-west-2" },
    { provider: "azure", deployment: model, apiBase: "https://scale.openai.azure.com", apiVersion: "2024-10-21", apiKeyEnv: "AZURE_OPENAI_API_KEY" },
  ];
  return [providers[index % providers.length], providers[(index + 1) % providers.length]];
}

/** The alias names `alias-00000` ... in catalog order. */
export function largeCatalogAliasNames(aliasCount: number): string[] {
  const width = String(aliasCount).length;
  return Array.from({ length: aliasCount }, (_, index) => `alias-${String(index).padStart(width, "0")}`);
}

/** A valid catalog of `aliasCount` aliases whose fallbacks form chains `aliasCount` long. */
export function largeCatalog(aliasCount: number): Catalog {
  const names = largeCatalogAliasNames(aliasCount);
  // Fallbacks point only at prod-and-dev aliases later in the chain, so every stack's catalog is valid.
  const everywhere = names.filter((_, index) => index % PROD_ONLY_EVERY !== 0);
  const laterEverywhere = (index: number): string[] => {
    const later: string[] = [];
    for (let candidate = index + 1; candidate < names.length && later.length < FALLBACKS_PER_ALIAS; candidate += 1) {
      if (candidate % PROD_ONLY_EVERY !== 0) {
        later.push(names[candidate]);
      }
    }
    return later;
  };
  const aliases: Record<string, AliasDefinition> = {};
  for (const [index, name] of names.entries()) {
    const fallbacks = laterEverywhere(index);
    aliases[name] = {
      deployments: deploymentsFor(index),
      ...(fallbacks.length === 0 ? {} : { fallbacks, contextWindowFallbacks: fallbacks.slice(0, 1) }),
      ...(index % PROD_ONLY_EVERY === 0 ? { stacks: [PROD_STACK] } : {}),
    };
  }
  return { aliases, defaultFallbacks: everywhere.slice(-1), routing: { strategy: "simple-shuffle", numRetries: 2 } };
}
