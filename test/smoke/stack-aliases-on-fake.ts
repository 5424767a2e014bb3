/**
 * A catalog that serves exactly the aliases the real catalog serves on one stack, each backed by
 * the e2e suite's fake provider. The smoke test then runs with the very expectations
 * `npm run smoke -- --stack <stack>` uses (servedAliasNames(catalog, stack)), without a paid call.
 */
import { catalog } from "../../config/catalog";
import { servedAliasNames } from "../../config/catalog/catalog-for-stack";
import type { AliasDefinition, Catalog } from "../../config/catalog/catalog-types";
import { defineCatalog } from "../../config/catalog/define-catalog";

/** The one provider key the rendered config references. */
export const FAKE_PROVIDER_KEY_ENV = "OPENAI_API_KEY";

/** The provider model id the fake receives for an alias. */
export function fakeModelFor(alias: string): string {
  return `fake-${alias}`;
}

export function stackAliasesOnFake(stack: string, fakeOrigin: string): Catalog {
  const aliases: Record<string, AliasDefinition<string>> = {};
  for (const alias of servedAliasNames(catalog, stack)) {
    aliases[alias] = {
      deployments: [{ provider: "openai", model: fakeModelFor(alias), apiKeyEnv: FAKE_PROVIDER_KEY_ENV, apiBase: `${fakeOrigin}/v1` }],
    };
  }
  // No retries and practically no cooldown: a failure injected by one test must not linger into the next.
  return defineCatalog<string>({ aliases, routing: { strategy: "simple-shuffle", numRetries: 0, allowedFails: 100, cooldownSeconds: 1 } });
}
