/**
 * What LiteLLM 1.108.7 expects of config.yaml, as a check on rendered text: the keys its proxy and
 * router read (proxy_server.py ProxyConfig.load_config, Router.__init__), the provider routes it
 * knows, and scalars that PyYAML reads back as the type LiteLLM needs (a string api_version, not a
 * date). test/e2e/rendered-config-loads.test.ts has the pinned LiteLLM itself load such configs.
 */
import { expect } from "vitest";
import { parse } from "yaml";

import { ROUTING_STRATEGIES } from "../../config/catalog/catalog-types";
import type { RenderedLitellmConfig } from "../../config/render/render-litellm-config";
import { NO_AUTH_API_KEY } from "../../config/render/render-litellm-config";
import type { CustomLitellmSettings } from "../../config/settings/custom-litellm-settings";

const TOP_LEVEL_KEYS = ["model_list", "router_settings", "litellm_settings", "general_settings"];
const ROUTER_KEYS = new Set([
  "routing_strategy", "num_retries", "timeout", "allowed_fails", "cooldown_time", "enable_pre_call_checks",
  "fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "default_fallbacks", "redis_host", "redis_port", "redis_password",
]);
const LITELLM_SETTINGS_KEYS = new Set(["json_logs", "drop_params", "request_timeout", "default_key_generate_params", "upperbound_key_generate_params", "callbacks"]);
const GENERAL_SETTINGS_KEYS = new Set([
  "proxy_batch_write_at", "database_connection_pool_limit", "trusted_proxy_ranges", "disable_env_credential_login", "store_model_in_db", "supported_db_objects",
]);
const ROUTE = /^(?:openai|azure|anthropic|bedrock|vertex_ai|gemini|mistral|groq)\/\S/;
const ENV_REFERENCE = /^os\.environ\/[A-Z][A-Z0-9_]*$/;
const STRING_PARAMS = ["model", "api_base", "api_version", "aws_region_name", "vertex_project", "vertex_location"];
const NUMBER_PARAMS = ["rpm", "tpm", "weight", "order", "timeout", "stream_timeout"];

type Map = Record<string, unknown>;

function isMap(value: unknown): value is Map {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Problems with one fallback list: LiteLLM's `[{alias: [alias, ...]}]`, naming only served aliases. */
function fallbackListProblems(kind: string, value: unknown, served: ReadonlySet<string>): string[] {
  if (!Array.isArray(value)) {
    return [`${kind} is not a list`];
  }
  return value.flatMap((entry: unknown) => {
    if (!isMap(entry) || Object.keys(entry).length !== 1) {
      return [`${kind} entry ${JSON.stringify(entry)} is not a single-key map`];
    }
    const [[alias, targets]] = Object.entries(entry);
    const valid = served.has(alias) && Array.isArray(targets) && targets.length > 0 && targets.every((target) => served.has(target as string));
    return valid ? [] : [`${kind} entry for ${alias} names an alias that is not served`];
  });
}

function modelEntryProblems(entry: unknown, served: ReadonlySet<string>): string[] {
  if (!isMap(entry) || !isMap(entry.litellm_params)) {
    return [`model_list entry ${JSON.stringify(entry)} has no litellm_params map`];
  }
  const { model_name: modelName, model_info: info } = entry;
  const params = entry.litellm_params;
  const problems: string[] = [];
  const where = `model_list entry ${String(modelName)}`;
  if (typeof modelName !== "string" || !served.has(modelName)) {
    problems.push(`${where}: model_name is not a served alias`);
  }
  if (typeof params.model !== "string" || !ROUTE.test(params.model)) {
    problems.push(`${where}: model ${String(params.model)} is not a provider route LiteLLM knows`);
  }
  problems.push(...STRING_PARAMS.filter((key) => params[key] !== undefined && typeof params[key] !== "string").map((key) => `${where}: ${key} does not read back as a string`));
  problems.push(...NUMBER_PARAMS.filter((key) => params[key] !== undefined && typeof params[key] !== "number").map((key) => `${where}: ${key} does not read back as a number`));
  for (const key of ["api_key", "vertex_credentials"]) {
    const value = params[key];
    if (value !== undefined && value !== NO_AUTH_API_KEY && !ENV_REFERENCE.test(String(value))) {
      problems.push(`${where}: ${key} is neither an os.environ/ reference nor the no-auth placeholder`);
    }
  }
  if (info !== undefined && !(isMap(info) && typeof info.max_input_tokens === "number")) {
    problems.push(`${where}: model_info has no numeric max_input_tokens`);
  }
  return problems;
}

/** Keys passed as custom settings are the user's (free-form by design); every other key must be one LiteLLM reads there. */
function sectionProblems(name: keyof CustomLitellmSettings, section: unknown, keys: ReadonlySet<string>, custom: CustomLitellmSettings): string[] {
  if (!isMap(section)) {
    return [`${name} is not a map`];
  }
  const customKeys = Object.keys(custom[name] ?? {});
  return Object.keys(section).filter((key) => !keys.has(key) && !customKeys.includes(key)).map((key) => `${name}.${key} is not a key LiteLLM reads there`);
}

function routerProblems(router: Map, served: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!(ROUTING_STRATEGIES as readonly unknown[]).includes(router.routing_strategy)) {
    problems.push(`routing_strategy ${String(router.routing_strategy)} is not one of LiteLLM's`);
  }
  if (!Number.isInteger(router.num_retries) || typeof router.timeout !== "number" || typeof router.enable_pre_call_checks !== "boolean") {
    problems.push("num_retries, timeout or enable_pre_call_checks do not read back as their types");
  }
  for (const kind of ["fallbacks", "context_window_fallbacks", "content_policy_fallbacks"]) {
    if (router[kind] !== undefined) {
      problems.push(...fallbackListProblems(kind, router[kind], served));
    }
  }
  const defaults = router.default_fallbacks;
  if (defaults !== undefined && !(Array.isArray(defaults) && defaults.every((alias) => served.has(alias as string)))) {
    problems.push("default_fallbacks names an alias that is not served");
  }
  return problems;
}

/** Everything in `rendered.yaml` (read as YAML 1.1, like PyYAML) that LiteLLM would not load as a config serving exactly `rendered.aliases`. */
export function litellmConfigProblems(rendered: RenderedLitellmConfig, custom: CustomLitellmSettings = {}): string[] {
  const config = parse(rendered.yaml, { version: "1.1" }) as unknown;
  if (!isMap(config)) {
    return ["the document is not a map"];
  }
  const problems: string[] = [];
  if (JSON.stringify(Object.keys(config)) !== JSON.stringify(TOP_LEVEL_KEYS)) {
    problems.push(`top-level keys are ${Object.keys(config).join(", ")}`);
  }
  const served = new Set(rendered.aliases);
  const modelList = config.model_list;
  if (!Array.isArray(modelList) || modelList.length === 0) {
    return [...problems, "model_list is not a non-empty list"];
  }
  problems.push(...modelList.flatMap((entry: unknown) => modelEntryProblems(entry, served)));
  const names = new Set(modelList.map((entry: unknown) => (isMap(entry) ? entry.model_name : undefined)));
  if (names.size !== served.size || [...served].some((alias) => !names.has(alias))) {
    problems.push("model_list does not serve exactly the rendered aliases");
  }
  problems.push(...sectionProblems("router_settings", config.router_settings, ROUTER_KEYS, custom));
  if (isMap(config.router_settings)) {
    problems.push(...routerProblems(config.router_settings, served));
  }
  problems.push(...sectionProblems("litellm_settings", config.litellm_settings, LITELLM_SETTINGS_KEYS, custom));
  problems.push(...sectionProblems("general_settings", config.general_settings, GENERAL_SETTINGS_KEYS, custom));
  return problems;
}

/** Asserts `rendered.yaml` is a config LiteLLM loads; one assertion, listing every problem. */
export function expectLitellmConfigShape(rendered: RenderedLitellmConfig, custom: CustomLitellmSettings = {}): void {
  expect(litellmConfigProblems(rendered, custom), rendered.yaml).toEqual([]);
}
