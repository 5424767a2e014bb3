/**
 * Generators of catalogs for property tests: valid ones (every alias, deployment and fallback as a
 * person would write them) and broken ones (a valid catalog with a few mistakes: unknown providers,
 * fallbacks to missing aliases, cycles, odd strings, wrong types, pasted keys).
 */
import fc from "fast-check";

import type { Catalog, Deployment, RoutingSettings } from "../../config/catalog/catalog-types";
import { ROUTING_STRATEGIES } from "../../config/catalog/catalog-types";
import { deploymentRoute, PROVIDERS } from "../../config/catalog/provider-fields";
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import { REQUEST_TIMEOUT_SECONDS } from "../../config/litellm/connection-timeouts";

/** The stack generated catalogs are checked for; `prodOnly` aliases are served on it too. */
export const GENERATED_STACK = "prod";

const modelId = fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/);
const envName = fc.constantFrom("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AZURE_KEY_EU", "GEMINI_API_KEY", "MISTRAL_API_KEY", "GROQ_API_KEY", "VLLM_TOKEN", "GCP_SA_JSON");
const apiBase = fc
  .tuple(fc.constantFrom("http", "https"), fc.domain(), fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }), fc.constantFrom("", "/v1", "/openai/v1"))
  .map(([scheme, host, port, suffix]) => `${scheme}://${host}${port === undefined ? "" : `:${port}`}${suffix}`)
  .filter((url) => describeSecretValue(url) === undefined);
const positive = fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined });

/** A valid timeout is at most the longest request the gateway allows (the deregistration delay). */
const timeout = fc.option(fc.integer({ min: 1, max: REQUEST_TIMEOUT_SECONDS }), { nil: undefined });

const options = fc.record({ rpm: positive, tpm: positive, weight: positive, timeoutSeconds: timeout, maxInputTokens: positive });

export const deploymentArbitrary: fc.Arbitrary<Deployment> = fc
  .tuple(
    fc.oneof(
      fc.record({ provider: fc.constant("openai" as const), model: modelId, apiKeyEnv: envName, apiBase: fc.option(apiBase, { nil: undefined }) }),
      fc.record({ provider: fc.constant("anthropic" as const), model: modelId, apiKeyEnv: envName, apiBase: fc.option(apiBase, { nil: undefined }) }),
      fc.record({ provider: fc.constant("azure" as const), deployment: modelId, apiBase, apiVersion: fc.constantFrom("2024-10-21", "2025-04-01-preview"), apiKeyEnv: envName }),
      fc.record({ provider: fc.constant("bedrock" as const), model: modelId, region: fc.constantFrom("us-east-1", "us-west-2", "eu-central-1") }),
      fc.record({ provider: fc.constant("vertex_ai" as const), model: modelId, project: modelId, location: fc.constantFrom("us-central1", "europe-west4"), credentialsEnv: envName }),
      fc.record({ provider: fc.constantFrom("gemini" as const, "mistral" as const, "groq" as const), model: modelId, apiKeyEnv: envName }),
      fc.record({ provider: fc.constant("openai-compatible" as const), model: modelId, apiBase, apiKeyEnv: fc.option(envName, { nil: undefined }) }),
    ),
    options,
  )
  // Absent, not undefined: a generated catalog looks like one a person writes.
  .map(([fields, extra]) => JSON.parse(JSON.stringify({ ...fields, ...extra })) as Deployment);

/** Identity as the validator sees it, so generated groups never hold duplicates. */
function identity(candidate: Deployment): string {
  return JSON.stringify([deploymentRoute(candidate), "apiBase" in candidate ? candidate.apiBase : null, "region" in candidate ? candidate.region : null, "location" in candidate ? candidate.location : null, "project" in candidate ? candidate.project : null]);
}

export interface GeneratedAlias {
  readonly name: string;
  readonly deployments: Deployment[];
  readonly fallbacks: string[];
  readonly contextWindowFallbacks: string[];
  readonly prodOnly: boolean;
}

/** Aliases fall back only to later aliases, so the generated fallback graph never has a cycle. */
export const validCatalogArbitrary: fc.Arbitrary<{ catalog: Catalog; aliases: GeneratedAlias[] }> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).map((name) => `m-${name}`), { minLength: 1, maxLength: 6 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name, index) => {
        const later = names.slice(index + 1);
        return fc.record({
          name: fc.constant(name),
          deployments: fc.uniqueArray(deploymentArbitrary, { minLength: 1, maxLength: 3, selector: identity }),
          fallbacks: fc.subarray(later),
          contextWindowFallbacks: fc.subarray(later),
          prodOnly: fc.boolean(),
        });
      }),
    ),
  )
  .map((aliases) => {
    const entries = aliases.map((alias) => [
      alias.name,
      {
        deployments: alias.deployments,
        ...(alias.fallbacks.length > 0 ? { fallbacks: alias.fallbacks } : {}),
        ...(alias.contextWindowFallbacks.length > 0 ? { contextWindowFallbacks: alias.contextWindowFallbacks } : {}),
        ...(alias.prodOnly ? { stacks: [GENERATED_STACK] } : {}),
      },
    ]);
    return { catalog: { aliases: Object.fromEntries(entries) } as Catalog, aliases };
  });

/** Routing that needs nothing of the deployments (usage-based routing needs rpm/tpm on each, order needs pre-call checks). */
const routingArbitrary: fc.Arbitrary<RoutingSettings> = fc
  .record(
    {
      strategy: fc.constantFrom(...ROUTING_STRATEGIES.filter((strategy) => !strategy.startsWith("usage-based"))),
      numRetries: fc.integer({ min: 0, max: 5 }),
      timeoutSeconds: fc.integer({ min: 1, max: REQUEST_TIMEOUT_SECONDS }),
      allowedFails: fc.integer({ min: 0, max: 10 }),
      cooldownSeconds: fc.integer({ min: 1, max: 300 }),
      enablePreCallChecks: fc.boolean(),
    },
    { requiredKeys: [] },
  );

/** Valid catalogs with routing settings and default fallbacks too: everything a catalog can say. */
export const fullValidCatalogArbitrary: fc.Arbitrary<Catalog> = fc
  .tuple(validCatalogArbitrary, fc.option(routingArbitrary, { nil: undefined }), fc.boolean())
  .map(([{ catalog }, routing, withDefaults]) => {
    const names = Object.keys(catalog.aliases);
    return {
      ...catalog,
      ...(routing === undefined ? {} : { routing }),
      ...(withDefaults ? { defaultFallbacks: names.slice(-1) } : {}),
    };
  });

/** Strings the secret detector recognises, each with the random part a message must never repeat. */
export interface GeneratedSecret {
  readonly value: string;
  /** The part only the key holder knows; a message containing it leaks the key. */
  readonly body: string;
}

const alphanumeric = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
export const secretArbitrary: fc.Arbitrary<GeneratedSecret> = fc
  .oneof(
    alphanumeric(24, 40).map((body) => ({ value: `sk-proj-${body}`, body })),
    alphanumeric(24, 40).map((body) => ({ value: `sk-ant-api03-${body}`, body })),
    fc.stringMatching(/^[A-Z0-9]{16}$/).map((body) => ({ value: `AKIA${body}`, body })),
    alphanumeric(24, 35).map((body) => ({ value: `AIza${body}`, body })),
    alphanumeric(20, 40).map((body) => ({ value: `gsk_${body}`, body })),
    alphanumeric(24, 40).map((body) => ({ value: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`, body })),
  )
  .filter((secret) => describeSecretValue(secret.value) !== undefined);

/** Deeper than JavaScript's recursion limit; built once (checks only read it). */
const DEEPLY_NESTED: unknown = Array.from({ length: 20_000 }).reduce<unknown>((inner) => [inner], "bottom");

/** Values of the wrong type, including ones that break naive code: bigint, symbol, cycles, null-prototype objects, deep nesting. */
export const wrongValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, true, [], {}),
  fc.bigInt().map((value) => value),
  fc.constant(Symbol("generated")),
  fc.constant(() => "a function"),
  fc.constant(null).map(() => Object.create(null) as unknown),
  fc.constant(null).map(() => {
    const cyclic: Record<string, unknown> = { name: "cyclic" };
    cyclic.self = cyclic;
    return cyclic;
  }),
  fc.constant(DEEPLY_NESTED),
);

/** Text people would not write, and text YAML and terminals treat specially. */
export const weirdStringArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", " ", "a b", "*", "line\nbreak", "tab\there", "carriage\rreturn", "yes", "null", "2024-10-21", "__proto__", "constructor", "é", "\u2028", "\u0085", "x".repeat(300), "a:", "- a", "#x", "os.environ/X"),
);

/** A key of the catalog: the fields it has, and some it does not. */
const fieldName = fc.constantFrom(
  "provider", "model", "deployment", "apiKeyEnv", "apiBase", "apiVersion", "region", "project", "location", "credentialsEnv",
  "rpm", "tpm", "weight", "order", "timeoutSeconds", "streamTimeoutSeconds", "maxInputTokens", "apiKey", "secret", "stacks",
);
const aliasField = fc.constantFrom("deployments", "fallbacks", "contextWindowFallbacks", "contentPolicyFallbacks", "stacks", "fallback", "model");
const routingField = fc.constantFrom("strategy", "numRetries", "timeoutSeconds", "allowedFails", "cooldownSeconds", "enablePreCallChecks", "retries");

/** Anything that can be put where a value goes: wrong types, odd strings, keys, providers known and unknown. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  wrongValueArbitrary,
  weirdStringArbitrary,
  secretArbitrary.map((secret) => secret.value),
  fc.constantFrom<unknown>(...PROVIDERS, "openai/", "OpenAI", "bedrock ", "cohere", "huggingface"),
  fc.integer({ min: -10, max: 100_000 }),
);

type Mutation = (catalog: Record<string, unknown>) => void;

function aliasesOf(catalog: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return catalog.aliases as Record<string, Record<string, unknown>>;
}

function pick<T>(items: readonly T[], seed: number): T | undefined {
  return items.length === 0 ? undefined : items[seed % items.length];
}

/** The entries of `container` that are objects (earlier mistakes may have replaced some). */
function objectsIn(container: unknown): Record<string, unknown>[] {
  const values: unknown[] = typeof container === "object" && container !== null ? Object.values(container) : [];
  return values.filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null);
}

/** One mistake, applied in place to a plain copy of a valid catalog. */
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  // A deployment field set to anything (an unknown provider, a wrong type, a pasted key, odd text).
  fc.tuple(fc.nat(), fc.nat(), fieldName, anyValue).map(([aliasSeed, deploymentSeed, field, value]): Mutation => (catalog) => {
    const deployment = pick(objectsIn(pick(objectsIn(catalog.aliases), aliasSeed)?.deployments), deploymentSeed);
    if (deployment !== undefined) {
      deployment[field] = value;
    }
  }),
  // An alias field set to anything, or a fallback to an alias that does not exist.
  fc.tuple(fc.nat(), aliasField, fc.oneof(anyValue, fc.array(weirdStringArbitrary, { maxLength: 3 }))).map(([aliasSeed, field, value]): Mutation => (catalog) => {
    const alias = pick(objectsIn(catalog.aliases), aliasSeed);
    if (alias !== undefined) {
      alias[field] = value;
    }
  }),
  // A cycle: the last alias falls back to the first (or to itself when there is one).
  fc.constantFrom("fallbacks", "contextWindowFallbacks", "contentPolicyFallbacks").map((kind): Mutation => (catalog) => {
    const names = Object.keys(aliasesOf(catalog));
    const last = aliasesOf(catalog)[names[names.length - 1]] as Record<string, unknown> | undefined;
    if (typeof last === "object" && last !== null) {
      last[kind] = [...(Array.isArray(last[kind]) ? (last[kind] as unknown[]) : []), names[0]];
    }
  }),
  // An alias with an odd name (a pasted key, a line break, a wildcard) copying another's deployments.
  fc.tuple(fc.oneof(weirdStringArbitrary, secretArbitrary.map((secret) => secret.value)), fc.nat()).map(([name, aliasSeed]): Mutation => (catalog) => {
    const source = pick(objectsIn(catalog.aliases), aliasSeed);
    Object.defineProperty(aliasesOf(catalog), name, { value: { deployments: source?.deployments ?? [] }, enumerable: true, configurable: true, writable: true });
  }),
  // An unknown field name (possibly a pasted key) on a deployment.
  fc.tuple(fc.nat(), fc.oneof(weirdStringArbitrary, secretArbitrary.map((secret) => secret.value)), anyValue).map(([aliasSeed, field, value]): Mutation => (catalog) => {
    const deployment = pick(objectsIn(pick(objectsIn(catalog.aliases), aliasSeed)?.deployments), 0);
    if (deployment !== undefined) {
      Object.defineProperty(deployment, field, { value, enumerable: true, configurable: true, writable: true });
    }
  }),
  // Routing and default fallbacks set to anything.
  fc.tuple(routingField, anyValue).map(([field, value]): Mutation => (catalog) => {
    catalog.routing = { ...(typeof catalog.routing === "object" ? catalog.routing : {}), [field]: value };
  }),
  anyValue.map((value): Mutation => (catalog) => {
    catalog.routing = value;
  }),
  fc.oneof(anyValue, fc.array(weirdStringArbitrary, { maxLength: 3 })).map((value): Mutation => (catalog) => {
    catalog.defaultFallbacks = value;
  }),
  // The catalog's own shape wrong.
  anyValue.map((value): Mutation => (catalog) => {
    catalog.aliases = value;
  }),
);

/** A valid catalog with one to four mistakes; sometimes not a catalog at all. */
export const brokenCatalogArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fullValidCatalogArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })).map(([catalog, mutations]) => {
    const copy = JSON.parse(JSON.stringify(catalog)) as Record<string, unknown>;
    for (const mutate of mutations) {
      if (typeof copy.aliases === "object" && copy.aliases !== null) {
        mutate(copy);
      }
    }
    return copy as unknown;
  }) },
  { weight: 1, arbitrary: anyValue },
);
