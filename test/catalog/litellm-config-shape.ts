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

const TOP_LEVEL_KEYS = ["model_list", "router_settings", "litellm_settings", "general_settings"];
const ROUTER_KEYS = new Set([
  "routing_strategy", "num_retries", "timeout", "allowed_fails", "cooldown_time", "enable_pre_call_checks",
  "fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "default_fallbacks", "redis_host", "redis_port", "redis_password",
]);
const LITELLM_SETTINGS_KEYS = new Set(["json_logs", "drop_params", "request_timeout", "default_key_generate_params", "upperbound_key_generate_params"]);
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

/** Each fallback list is LiteLLM's `[{alias: [alias, ...]}]`, naming only served aliases. */
function expectFallbackList(value: unknown, served: ReadonlySet<string>): void {
  expect(Array.isArray(value)).toBe(true);
  for (const entry of value as unknown[]) {
    expect(isMap(entry) && Object.keys(entry).length === 1).toBe(true);
    const [[alias, targets]] = Object.entries(entry as Map);
    expect(served.has(alias)).toBe(true);
    expect(Array.isArray(targets) && targets.length > 0 && targets.every((target) => served.has(target as string))).toBe(true);
  }
}

/** Asserts `rendered.yaml` reads back (as YAML 1.1, like PyYAML) as a config LiteLLM loads, serving exactly `rendered.aliases`. */
export function expectLitellmConfigShape(rendered: RenderedLitellmConfig): void {
  const config = parse(rendered.yaml, { version: "1.1" }) as unknown;
  expect(isMap(config)).toBe(true);
  const { model_list: modelList, router_settings: router, litellm_settings: litellm, general_settings: general } = config as Map;
  expect(Object.keys(config as Map)).toEqual(TOP_LEVEL_KEYS);
  expect(Array.isArray(modelList) && modelList.length > 0).toBe(true);
  const served = new Set(rendered.aliases);
  for (const entry of modelList as unknown[]) {
    expect(isMap(entry)).toBe(true);
    const { model_name: modelName, litellm_params: params, model_info: info } = entry as Map;
    expect(typeof modelName === "string" && served.has(modelName)).toBe(true);
    expect(isMap(params)).toBe(true);
    const litellmParams = params as Map;
    expect(litellmParams.model).toMatch(ROUTE);
    for (const key of STRING_PARAMS) {
      expect(litellmParams[key] === undefined || typeof litellmParams[key] === "string", `${key} reads back as a string`).toBe(true);
    }
    for (const key of NUMBER_PARAMS) {
      expect(litellmParams[key] === undefined || typeof litellmParams[key] === "number", `${key} reads back as a number`).toBe(true);
    }
    for (const key of ["api_key", "vertex_credentials"]) {
      const value = litellmParams[key];
      expect(value === undefined || value === NO_AUTH_API_KEY || ENV_REFERENCE.test(String(value))).toBe(true);
    }
    expect(info === undefined || (isMap(info) && typeof info.max_input_tokens === "number")).toBe(true);
  }
  expect(new Set((modelList as Map[]).map((entry) => entry.model_name))).toEqual(served);
  expect(isMap(router) && Object.keys(router).every((key) => ROUTER_KEYS.has(key))).toBe(true);
  const routerSettings = router as Map;
  expect(ROUTING_STRATEGIES).toContain(routerSettings.routing_strategy);
  expect(Number.isInteger(routerSettings.num_retries)).toBe(true);
  expect(typeof routerSettings.timeout).toBe("number");
  expect(typeof routerSettings.enable_pre_call_checks).toBe("boolean");
  for (const kind of ["fallbacks", "context_window_fallbacks", "content_policy_fallbacks"]) {
    if (routerSettings[kind] !== undefined) {
      expectFallbackList(routerSettings[kind], served);
    }
  }
  if (routerSettings.default_fallbacks !== undefined) {
    expect((routerSettings.default_fallbacks as unknown[]).every((alias) => served.has(alias as string))).toBe(true);
  }
  expect(isMap(litellm) && Object.keys(litellm).every((key) => LITELLM_SETTINGS_KEYS.has(key))).toBe(true);
  expect(isMap(general) && Object.keys(general).every((key) => GENERAL_SETTINGS_KEYS.has(key))).toBe(true);
}
