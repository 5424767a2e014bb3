/**
 * Properties over generated valid catalogs: the YAML says what the catalog says, holds only
 * os.environ/ references where secrets go, and is the same bytes every time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import type { Catalog } from "../../config/catalog/catalog-types";
import { deploymentRoute } from "../../config/catalog/provider-fields";
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import { validateCatalog } from "../../config/catalog/validate-catalog";
import { NO_AUTH_API_KEY, renderLitellmConfig } from "../../config/render/render-litellm-config";
import { GENERATED_STACK, validCatalogArbitrary } from "./catalog-arbitraries";

const STACK = GENERATED_STACK;
const RUNS = 150;
const catalogArbitrary = validCatalogArbitrary;

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
