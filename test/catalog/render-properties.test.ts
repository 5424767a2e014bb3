/**
 * Properties over generated valid catalogs: the YAML says what the catalog says, holds only
 * os.environ/ references where secrets go, and is the same bytes every time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import type { Catalog, Deployment } from "../../config/catalog/catalog-types";
import { deploymentRoute } from "../../config/catalog/provider-fields";
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import { validateCatalog } from "../../config/catalog/validate-catalog";
import { REQUEST_TIMEOUT_SECONDS } from "../../config/litellm/connection-timeouts";
import { NO_AUTH_API_KEY, renderLitellmConfig } from "../../config/render/render-litellm-config";

const STACK = "prod";
const RUNS = 150;

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

const deployment: fc.Arbitrary<Deployment> = fc
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

interface GeneratedAlias {
  readonly name: string;
  readonly deployments: Deployment[];
  readonly fallbacks: string[];
  readonly contextWindowFallbacks: string[];
  readonly prodOnly: boolean;
}

/** Aliases fall back only to later aliases, so the generated fallback graph never has a cycle. */
const catalogArbitrary: fc.Arbitrary<{ catalog: Catalog; aliases: GeneratedAlias[] }> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).map((name) => `m-${name}`), { minLength: 1, maxLength: 6 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name, index) => {
        const later = names.slice(index + 1);
        return fc.record({
          name: fc.constant(name),
          deployments: fc.uniqueArray(deployment, { minLength: 1, maxLength: 3, selector: identity }),
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
        ...(alias.prodOnly ? { stacks: [STACK] } : {}),
      },
    ]);
    return { catalog: { aliases: Object.fromEntries(entries) } as Catalog, aliases };
  });

interface RenderedShape {
  model_list: { model_name: string; litellm_params: Record<string, unknown> }[];
  router_settings: Record<string, unknown>;
}

function scalars(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(scalars);
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, entry]) => [key, ...scalars(entry)]);
  }
  return [];
}

describe("rendering generated valid catalogs", () => {
  it("the generator only produces valid catalogs (otherwise the properties below prove nothing)", () => {
    fc.assert(fc.property(catalogArbitrary, ({ catalog }) => {
      expect(validateCatalog(catalog, { stack: STACK })).toEqual([]);
    }), { numRuns: RUNS });
  });

  it("the YAML parses back to every alias, every deployment's provider/model route and every fallback", () => {
    fc.assert(fc.property(catalogArbitrary, ({ catalog, aliases }) => {
      const config = parse(renderLitellmConfig(catalog, { stack: STACK }).yaml, { version: "1.1" }) as RenderedShape;
      for (const alias of aliases) {
        const routes = config.model_list.filter((entry) => entry.model_name === alias.name).map((entry) => entry.litellm_params.model);
        expect(routes).toEqual(alias.deployments.map(deploymentRoute));
      }
      expect(new Set(config.model_list.map((entry) => entry.model_name))).toEqual(new Set(aliases.map((alias) => alias.name)));
      const expectedFallbacks = aliases.filter((alias) => alias.fallbacks.length > 0).map((alias) => ({ [alias.name]: alias.fallbacks }));
      expect(config.router_settings.fallbacks ?? []).toEqual(expect.arrayContaining(expectedFallbacks));
      expect((config.router_settings.fallbacks as unknown[] | undefined)?.length ?? 0).toBe(expectedFallbacks.length);
      const expectedContext = aliases.filter((alias) => alias.contextWindowFallbacks.length > 0).map((alias) => ({ [alias.name]: alias.contextWindowFallbacks }));
      expect(config.router_settings.context_window_fallbacks ?? []).toEqual(expect.arrayContaining(expectedContext));
    }), { numRuns: RUNS });
  });

  it("secrets appear only as os.environ/ references, exactly those listed in secretEnvNames", () => {
    fc.assert(fc.property(catalogArbitrary, ({ catalog }) => {
      const rendered = renderLitellmConfig(catalog, { stack: STACK });
      const config = parse(rendered.yaml, { version: "1.1" }) as RenderedShape;
      const referenced = new Set<string>();
      for (const { litellm_params: params } of config.model_list) {
        for (const field of ["api_key", "vertex_credentials"]) {
          const value = params[field];
          if (value === undefined || value === NO_AUTH_API_KEY) {
            continue;
          }
          expect(value).toMatch(/^os\.environ\/[A-Z][A-Z0-9_]*$/);
          referenced.add(String(value).slice("os.environ/".length));
        }
      }
      expect(rendered.secretEnvNames).toEqual([...referenced].sort());
      expect(scalars(config).filter((text) => describeSecretValue(text) !== undefined)).toEqual([]);
    }), { numRuns: RUNS });
  });

  it("rendering is deterministic, whatever order the aliases were written in", () => {
    fc.assert(fc.property(catalogArbitrary, ({ catalog }) => {
      const first = renderLitellmConfig(catalog, { stack: STACK });
      const reordered: Catalog = { ...catalog, aliases: Object.fromEntries(Object.entries(catalog.aliases).reverse()) };
      expect(renderLitellmConfig(catalog, { stack: STACK })).toEqual(first);
      expect(renderLitellmConfig(reordered, { stack: STACK }).yaml).toBe(first.yaml);
    }), { numRuns: RUNS });
  });
});
