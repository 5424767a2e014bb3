/**
 * The shipped catalog (config/catalog.ts) on each committed stack, checked for what must hold of
 * ANY catalog a team keeps there, never for which models it lists: adding a model the README's way
 * keeps these green, while a model that would not render, a key written as a value or a fallback
 * to nowhere turns them red. The exact YAML is the golden files' job (golden.test.ts).
 */
import { readdirSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { catalog } from "../../config/catalog";
import { servedAliasNames } from "../../config/catalog/catalog-for-stack";
import { catalogBedrockModels, catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { validateCatalog } from "../../config/catalog/validate-catalog";
import { NO_AUTH_API_KEY, renderLitellmConfig } from "../../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../../config/render/stack-render-options";

const REPO_ROOT = path.join(__dirname, "..", "..");
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;
const ENV_REFERENCE = /^os\.environ\/[A-Z][A-Z0-9_]*$/;
/** litellm_params that carry a credential: each must name a variable, never hold a value. */
const CREDENTIAL_PARAMS = ["api_key", "vertex_credentials", "aws_access_key_id", "aws_secret_access_key", "aws_session_token"];
const FALLBACK_KINDS = ["fallbacks", "context_window_fallbacks", "content_policy_fallbacks"];

interface ModelEntry {
  model_name: string;
  litellm_params: Record<string, unknown>;
}

interface RenderedConfig {
  model_list: ModelEntry[];
  router_settings: Record<string, unknown>;
}

/** Every committed stack (Pulumi.<stack>.yaml), so a new stack file is covered without editing this test. */
const stacks = readdirSync(REPO_ROOT).flatMap((file) => STACK_FILE.exec(file)?.[1] ?? []).sort();

function renderFor(stack: string) {
  const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
  if (settings === undefined) {
    throw new Error(`Pulumi.${stack}.yaml is missing`);
  }
  const rendered = renderLitellmConfig(catalog, renderOptionsForStack(stack, settings));
  return { rendered, config: parse(rendered.yaml, { version: "1.1" }) as RenderedConfig };
}

/** The provider prefix LiteLLM routes by: an OpenAI-compatible server is called through LiteLLM's openai client. */
function routePrefix(provider: string): string {
  return provider === "openai-compatible" ? "openai/" : `${provider}/`;
}

it("covers the committed stacks", () => {
  expect(stacks).toEqual(expect.arrayContaining(["dev", "prod"]));
});

it("every alias is served on at least one committed stack", () => {
  const served = new Set<string>(stacks.flatMap((stack) => servedAliasNames(catalog, stack)));
  expect(Object.keys(catalog.aliases).filter((alias) => !served.has(alias))).toEqual([]);
});

describe.each(stacks)("the shipped catalog on %s", (stack) => {
  const { rendered, config } = renderFor(stack);
  const served = servedAliasNames(catalog, stack);
  const servedNames = new Set<string>(served);

  it("has no problem the validator knows", () => {
    expect(validateCatalog(catalog, { stack })).toEqual([]);
  });

  it("renders every served alias, one model_list entry per deployment, each behind its provider's prefix", () => {
    expect(rendered.aliases).toEqual([...served].sort());
    for (const alias of served) {
      const entries = config.model_list.filter((entry) => entry.model_name === alias);
      const deployments = catalog.aliases[alias].deployments;
      expect(entries.map((entry) => entry.litellm_params.model), alias).toEqual(
        deployments.map((deployment) => expect.stringMatching(new RegExp(`^${routePrefix(deployment.provider)}.`))),
      );
    }
    expect(config.model_list.map((entry) => entry.model_name).filter((alias) => !servedNames.has(alias))).toEqual([]);
  });

  it("names every key as an os.environ/ variable, never a value", () => {
    for (const entry of config.model_list) {
      for (const param of CREDENTIAL_PARAMS.filter((name) => name in entry.litellm_params)) {
        const value = entry.litellm_params[param];
        expect(value === NO_AUTH_API_KEY || ENV_REFERENCE.test(String(value)), `${entry.model_name}.${param}`).toBe(true);
      }
    }
  });

  it("creates a secret for exactly the keys the YAML references", () => {
    const referenced = [...rendered.yaml.matchAll(/os\.environ\/([A-Z0-9_]+)/g)].map((match) => match[1]);
    const expected = [...new Set(referenced)].filter((name) => !rendered.deploymentEnvNames.includes(name)).sort();
    expect(rendered.secretEnvNames).toEqual(expected);
    expect(catalogSecretEnvNames(catalog, stack)).toEqual(rendered.secretEnvNames);
  });

  it("resolves every fallback to an alias the stack serves", () => {
    const named = FALLBACK_KINDS.flatMap((kind) =>
      ((config.router_settings[kind] ?? []) as Record<string, string[]>[]).flatMap((rule) => Object.entries(rule).flat(2)),
    );
    const defaults = (config.router_settings.default_fallbacks ?? []) as string[];
    const unresolved = [...named, ...defaults].filter((alias) => !servedNames.has(alias));
    expect(unresolved).toEqual([]);
  });

  it("allows the task role exactly the Bedrock models it serves", () => {
    const bedrock = config.model_list.filter((entry) => String(entry.litellm_params.model).startsWith("bedrock/"));
    expect(rendered.bedrockModels.map((model) => model.model).sort()).toEqual(
      [...new Set(bedrock.map((entry) => String(entry.litellm_params.model).slice("bedrock/".length)))].sort(),
    );
    expect(rendered.bedrockModels).toEqual(catalogBedrockModels(catalog, stack));
  });
});
