/**
 * `defineCatalog` gives a catalog literal its alias names as a type, so a fallback naming an
 * alias that does not exist is a compile error, and client code can use the alias union.
 */
import type { AliasDefinition, Catalog, RoutingSettings } from "./catalog-types";
import { assertValidCatalog } from "./validate-catalog";

/**
 * What `defineCatalog` accepts. `NoInfer` makes the alias keys the only source of `A`, so a name
 * in a fallback list is checked against the keys instead of widening the union.
 */
export interface CatalogDefinition<A extends string> {
  readonly aliases: { readonly [K in A]: AliasDefinition<NoInfer<A>> };
  /** Aliases tried for any alias that has no `fallbacks` of its own. */
  readonly defaultFallbacks?: readonly NoInfer<A>[];
  /** Without it, each field of `RoutingSettings` takes its own default (LiteLLM's production settings). @default {} */
  readonly routing?: RoutingSettings;
}

/**
 * Type-checks and validates a catalog. The checks that hold on every stack run here (so a bad
 * catalog fails where it is defined); the per-stack checks run again when it is rendered.
 * @throws CatalogValidationError listing every problem
 * @example
 * export const catalog = defineCatalog({
 *   aliases: {
 *     "gpt-4.1-mini": { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }] },
 *   },
 * });
 */
export function defineCatalog<const A extends string>(definition: CatalogDefinition<A>): Catalog<A> {
  assertValidCatalog(definition);
  return definition;
}

/** The alias names of a catalog, e.g. `type GatewayModel = AliasOf<typeof catalog>`. */
export type AliasOf<C> = C extends Catalog<infer A> ? A : never;
