import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { defineCatalog } from "../../config/catalog/define-catalog";
import { NO_AUTH_API_KEY, renderLitellmConfig } from "../../config/render/render-litellm-config";
import { catalog as devAndProdCatalog } from "./fixtures/dev-and-prod-catalog";

const LOOPBACK = "http://127.0.0.1:4010";

// Shaped like the end-to-end tests' catalog: every provider family, key-bearing ones on loopback.
const everyProvider = defineCatalog({
  aliases: {
    openai: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY", apiBase: LOOPBACK, rpm: 100, tpm: 50_000 }] },
    anthropic: { deployments: [{ provider: "anthropic", model: "claude-haiku-4-5", apiKeyEnv: "ANTHROPIC_API_KEY", apiBase: LOOPBACK, timeoutSeconds: 30, streamTimeoutSeconds: 10 }] },
    azure: { deployments: [{ provider: "azure", deployment: "gpt-4o-prod", apiBase: LOOPBACK, apiVersion: "2024-10-21", apiKeyEnv: "AZURE_API_KEY", maxInputTokens: 128_000 }] },
    bedrock: { deployments: [{ provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-west-2" }] },
    vertex: { deployments: [{ provider: "vertex_ai", model: "gemini-2.5-pro", project: "acme-ml", location: "us-central1", credentialsEnv: "VERTEX_CREDENTIALS" }] },
    gemini: { deployments: [{ provider: "gemini", model: "gemini-2.5-flash", apiKeyEnv: "GEMINI_API_KEY" }] },
    mistral: { deployments: [{ provider: "mistral", model: "mistral-large-latest", apiKeyEnv: "MISTRAL_API_KEY" }] },
    groq: { deployments: [{ provider: "groq", model: "llama-3.3-70b-versatile", apiKeyEnv: "GROQ_API_KEY" }] },
    vllm: { deployments: [{ provider: "openai-compatible", model: "meta-llama/Llama-3.1-8B-Instruct", apiBase: `${LOOPBACK}/v1`, apiKeyEnv: "VLLM_API_KEY" }] },
    ollama: { deployments: [{ provider: "openai-compatible", model: "llama3.2", apiBase: "http://127.0.0.1:11434/v1" }] },
  },
});

interface ModelEntry {
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info?: Record<string, unknown>;
}

function modelList(yaml: string): ModelEntry[] {
  return (parse(yaml, { version: "1.1" }) as { model_list: ModelEntry[] }).model_list;
}

function paramsOf(yaml: string, alias: string): Record<string, unknown> {
  const entry = modelList(yaml).find((candidate) => candidate.model_name === alias);
  if (entry === undefined) {
    throw new Error(`no model_list entry for ${alias}`);
  }
  return entry.litellm_params;
}

describe("renderLitellmConfig", () => {
  const rendered = renderLitellmConfig(everyProvider, { stack: "e2e" });

  it.each([
    ["openai", { model: "openai/gpt-4.1-mini", api_key: "os.environ/OPENAI_API_KEY", api_base: LOOPBACK, rpm: 100, tpm: 50_000 }],
    ["anthropic", { model: "anthropic/claude-haiku-4-5", api_key: "os.environ/ANTHROPIC_API_KEY", api_base: LOOPBACK, timeout: 30, stream_timeout: 10 }],
    ["azure", { model: "azure/gpt-4o-prod", api_key: "os.environ/AZURE_API_KEY", api_base: LOOPBACK, api_version: "2024-10-21" }],
    ["bedrock", { model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", aws_region_name: "us-west-2" }],
    ["vertex", { model: "vertex_ai/gemini-2.5-pro", vertex_project: "acme-ml", vertex_location: "us-central1", vertex_credentials: "os.environ/VERTEX_CREDENTIALS" }],
    ["gemini", { model: "gemini/gemini-2.5-flash", api_key: "os.environ/GEMINI_API_KEY" }],
    ["mistral", { model: "mistral/mistral-large-latest", api_key: "os.environ/MISTRAL_API_KEY" }],
    ["groq", { model: "groq/llama-3.3-70b-versatile", api_key: "os.environ/GROQ_API_KEY" }],
    ["vllm", { model: "openai/meta-llama/Llama-3.1-8B-Instruct", api_key: "os.environ/VLLM_API_KEY", api_base: `${LOOPBACK}/v1` }],
  ])("the %s deployment renders its provider-prefixed route and exactly its provider's parameters", (alias, expected) => {
    expect(paramsOf(rendered.yaml, alias)).toEqual(expected);
  });

  it("an unauthenticated OpenAI-compatible server gets a placeholder key, never the real OPENAI_API_KEY", () => {
    expect(paramsOf(rendered.yaml, "ollama")).toEqual({ model: "openai/llama3.2", api_key: NO_AUTH_API_KEY, api_base: "http://127.0.0.1:11434/v1" });
  });

  it("the context window goes to model_info, where the router's pre-call checks read it", () => {
    expect(modelList(rendered.yaml).find((entry) => entry.model_name === "azure")?.model_info).toEqual({ max_input_tokens: 128_000 });
  });

  it("the Azure api_version stays a string for PyYAML (an unquoted date would become a datetime)", () => {
    expect(rendered.yaml).toContain('api_version: "2024-10-21"');
  });

  it("secretEnvNames lists exactly the os.environ/ references in the YAML, sorted", () => {
    const referenced = [...rendered.yaml.matchAll(/os\.environ\/([A-Z0-9_]+)/g)].map((match) => match[1]);
    expect(rendered.secretEnvNames).toEqual([...new Set(referenced)].sort());
    expect(rendered.secretEnvNames).toEqual(["ANTHROPIC_API_KEY", "AZURE_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY", "MISTRAL_API_KEY", "OPENAI_API_KEY", "VERTEX_CREDENTIALS", "VLLM_API_KEY"]);
  });

  it("catalogSecretEnvNames gives the same names without rendering", () => {
    expect(catalogSecretEnvNames(everyProvider, "e2e")).toEqual(rendered.secretEnvNames);
  });

  it("aliases and the Bedrock models (with their Regions) are reported sorted", () => {
    expect(rendered.aliases).toEqual(["anthropic", "azure", "bedrock", "gemini", "groq", "mistral", "ollama", "openai", "vertex", "vllm"]);
    expect(rendered.bedrockModels.map((bedrock) => bedrock.region)).toEqual(["us-west-2"]);
  });

  it("the master key is not rendered: LiteLLM reads LITELLM_MASTER_KEY from the environment", () => {
    expect(rendered.yaml).not.toMatch(/master_key|LITELLM_MASTER_KEY/);
  });

  it("production settings are rendered where LiteLLM 1.108.7 reads them", () => {
    const config = parse(rendered.yaml) as Record<string, Record<string, unknown>>;
    expect(config.router_settings).toEqual({
      routing_strategy: "simple-shuffle",
      num_retries: 2,
      timeout: 600,
      allowed_fails: 3,
      cooldown_time: 30,
      enable_pre_call_checks: false,
    });
    expect(config.litellm_settings).toEqual({ json_logs: true, drop_params: true, request_timeout: 600 });
    // No admin UI unless asked: environment-credential sign-in is off (the admin plane's own tests: test/e2e/admin-plane.test.ts).
    expect(config.general_settings).toEqual({ proxy_batch_write_at: 60, disable_env_credential_login: true, store_model_in_db: false, supported_db_objects: [] });
  });

  it("the database pool limit is rendered per worker when given", () => {
    const withPool = parse(renderLitellmConfig(everyProvider, { stack: "e2e", databaseConnectionPoolLimit: 5 }).yaml) as Record<string, Record<string, unknown>>;
    expect(withPool.general_settings).toEqual({ proxy_batch_write_at: 60, database_connection_pool_limit: 5, disable_env_credential_login: true, store_model_in_db: false, supported_db_objects: [] });
    expect(() => renderLitellmConfig(everyProvider, { stack: "e2e", databaseConnectionPoolLimit: 0 })).toThrow(/options\.databaseConnectionPoolLimit/);
  });

  it("catalog routing settings override the defaults", () => {
    const tuned = defineCatalog({
      aliases: { chat: { deployments: [{ provider: "openai", model: "gpt-4.1", apiKeyEnv: "OPENAI_API_KEY", rpm: 10, order: 1 }] } },
      routing: { strategy: "usage-based-routing-v2", numRetries: 0, timeoutSeconds: 120, allowedFails: 1, cooldownSeconds: 60, enablePreCallChecks: true },
    });
    const config = parse(renderLitellmConfig(tuned, { stack: "prod" }).yaml) as Record<string, Record<string, unknown>>;
    expect(config.router_settings).toEqual({
      routing_strategy: "usage-based-routing-v2",
      num_retries: 0,
      timeout: 120,
      allowed_fails: 1,
      cooldown_time: 60,
      enable_pre_call_checks: true,
    });
    expect(config.litellm_settings.request_timeout).toBe(120);
  });
});

// The shipped catalog's own invariants are in shipped-catalog.test.ts; this one stays put when a model is added.
describe("a catalog with prod-only aliases, on each stack", () => {
  const dev = renderLitellmConfig(devAndProdCatalog, { stack: "dev" });
  const prod = renderLitellmConfig(devAndProdCatalog, { stack: "prod" });

  it("dev serves the smaller set, prod adds the prod-only aliases", () => {
    expect(dev.aliases).toEqual(["claude-haiku", "gpt-4.1-mini"]);
    expect(prod.aliases).toEqual(["claude-haiku", "claude-sonnet", "gpt-4.1", "gpt-4.1-mini"]);
  });

  it("prod load-balances Anthropic and Bedrock under one alias, and dev has no Bedrock model to allow", () => {
    const routes = modelList(prod.yaml).filter((entry) => entry.model_name === "claude-sonnet").map((entry) => String(entry.litellm_params.model));
    expect(routes).toEqual(["anthropic/claude-sonnet-4-5", "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"]);
    expect(prod.bedrockModels).toEqual([{ model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" }]);
    expect(dev.bedrockModels).toEqual([]);
  });

  it("dev does not render fallbacks of aliases it does not serve", () => {
    expect(dev.yaml).not.toContain("claude-sonnet");
  });

  it("needs the two paid keys on each stack: Bedrock authenticates with the task role", () => {
    expect(dev.secretEnvNames).toEqual(["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]);
    expect(prod.secretEnvNames).toEqual(["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]);
  });
});
