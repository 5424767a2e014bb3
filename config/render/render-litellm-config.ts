/**
 * Renders the catalog to LiteLLM's config.yaml for one stack. Where each key goes was checked
 * against the pinned release's source (litellm 1.108.7):
 * - `router_settings` keys are passed straight to `Router(...)` (proxy_server.py keeps only the
 *   names in `Router.get_valid_args()`), so routing, retries, timeouts, cooldowns and all four
 *   fallback kinds go there; `Router.__init__` reads `fallbacks`, `context_window_fallbacks`,
 *   `content_policy_fallbacks` and `default_fallbacks` from its arguments first.
 * - `litellm_settings` keys become `litellm.<key>` module settings (json_logs, drop_params,
 *   request_timeout, default_key_generate_params); `upperbound_key_generate_params` is parsed into
 *   LiteLLM_UpperboundKeyGenerateParams (ProxyConfig.load_config).
 * - `general_settings.proxy_batch_write_at` and `database_connection_pool_limit` are proxy settings.
 */
import { compareText, servedAliasNames } from "../catalog/catalog-for-stack";
import { bedrockModelsOf, secretEnvNamesOf } from "../catalog/catalog-secrets";
import type { Catalog, Deployment, RoutingSettings, RoutingStrategy } from "../catalog/catalog-types";
import { CatalogValidationError } from "../catalog/catalog-validation-error";
import { deploymentRoute } from "../catalog/provider-fields";
import { assertValidCatalog } from "../catalog/validate-catalog";
import { checkPositiveNumber } from "../catalog/validate-deployment";
import { REQUEST_TIMEOUT_SECONDS } from "../litellm/connection-timeouts";
import { OTEL_CALLBACK } from "../litellm/otel-environment";
import { REDIS_CONFIG_ENV_NAMES, REDIS_HOST_ENV, REDIS_PASSWORD_ENV, REDIS_PORT_ENV } from "../litellm/redis-environment";
import { CUSTOM_SETTING_SECTIONS, customSectionProblems, mergeCustomSettings } from "../settings/custom-litellm-settings";
import type { CustomLitellmSettings } from "../settings/custom-litellm-settings";
import { defaultKeyGenerateParams, upperboundKeyGenerateParams } from "../settings/generated-key-limits";
import type { GeneratedKeyLimits } from "../settings/generated-key-limits";
import { blockYaml } from "./block-yaml";
import { ENV_REFERENCE_PREFIX } from "./missing-env-check";

export interface RenderOptions {
  /** Pulumi stack name: selects the aliases served on it. */
  readonly stack: string;
  /** When set, rendered as general_settings.database_connection_pool_limit (per worker). */
  readonly databaseConnectionPoolLimit?: number;
  /**
   * Share the router's state (cooldowns, rpm/tpm usage) through Redis: router_settings gets
   * redis_host, redis_port and redis_password as `os.environ/REDIS_HOST` etc., which the
   * deployment fills (see config/litellm/redis-environment.ts). A plain value.
   * @default false
   */
  readonly redis?: boolean;
  /**
   * Bounds and defaults of generated keys, rendered as litellm_settings.upperbound_key_generate_params
   * and default_key_generate_params (config/settings/generated-key-limits.ts). Absent: keys are
   * unbounded, as in LiteLLM.
   */
  readonly generatedKeyLimits?: GeneratedKeyLimits;
  /**
   * The proxies in front of LiteLLM (the load balancer's VPC), rendered as
   * general_settings.trusted_proxy_ranges: LiteLLM then takes the client's address from
   * X-Forwarded-For when, and only when, the peer is inside them. Empty: the peer is the client.
   * @default []
   */
  readonly trustedProxyRanges?: readonly string[];
  /**
   * The Admin UI is on (adminUi). Off, general_settings.disable_env_credential_login is rendered
   * true: nobody signs in with UI_USERNAME/UI_PASSWORD or the master key as a password.
   * @default false
   */
  readonly adminUi?: boolean;
  /**
   * LiteLLM's OpenTelemetry callback is on: litellm_settings.callbacks gets "otel", which reads
   * its exporter, endpoint and headers from the task's OTEL_* variables
   * (config/litellm/otel-environment.ts). A plain value.
   * @default false
   */
  readonly otel?: boolean;
  /**
   * Free-form litellm_settings, general_settings and router_settings merged over the rendered ones
   * (config/render/custom-settings.ts): keys the stack manages, Redis connections, plain-text
   * secrets and `os.environ/` names the task lacks are refused.
   * @default {}
   */
  readonly customSettings?: CustomLitellmSettings;
  /**
   * Variables the deployment gives the task beyond the catalog's keys (extraEnvironment and
   * extraSecrets names): customSettings may refer to them with `os.environ/`.
   * @default []
   */
  readonly extraEnvNames?: readonly string[];
}

export interface RenderedLitellmConfig {
  /** config.yaml: deterministic, byte-identical for the same catalog and options. */
  readonly yaml: string;
  /** Sorted unique names of the provider keys the YAML reads with `os.environ/` (the catalog's). */
  readonly secretEnvNames: readonly string[];
  /**
   * Sorted names the YAML reads with `os.environ/` that the deployment fills itself, not provider
   * keys (REDIS_HOST, REDIS_PASSWORD, REDIS_PORT with `redis`, and extraEnvNames); empty otherwise. With
   * secretEnvNames, exactly the YAML's `os.environ/` references.
   */
  readonly deploymentEnvNames: readonly string[];
  /** Sorted `model_name` values served on this stack. */
  readonly aliases: readonly string[];
  /**
   * The stack's Bedrock deployments as unique (model, Region) pairs, sorted: what the task role may
   * invoke (config/access/bedrock-permissions.ts); empty when the stack has none.
   */
  readonly bedrockModels: readonly { readonly model: string; readonly region: string }[];
}

/** LiteLLM's production guide: simple-shuffle is the fastest; usage-based routing costs latency. */
export const DEFAULT_ROUTING_STRATEGY: RoutingStrategy = "simple-shuffle";
/**
 * Two retries absorb a provider's transient 429/5xx. Rendered explicitly: left unset, 1.108.7's
 * router borrows the installed openai package's DEFAULT_MAX_RETRIES, which can change under it.
 */
export const DEFAULT_NUM_RETRIES = 2;
/**
 * The production guide's request_timeout (LiteLLM's built-in default is 6000 s), and the longest
 * request the gateway allows: the load balancer's deregistration delay is the same constant
 * (config/litellm/connection-timeouts.ts), so a deploy never cuts a request LiteLLM would still wait for.
 */
export const DEFAULT_TIMEOUT_SECONDS = REQUEST_TIMEOUT_SECONDS;
/** LiteLLM's default: a deployment failing more than this within a minute is cooled down. */
export const DEFAULT_ALLOWED_FAILS = 3;
/** LiteLLM's built-in cooldown is 5 s, too short for a provider outage to clear; 30 s stops hammering it. */
export const DEFAULT_COOLDOWN_SECONDS = 30;
/** The production guide's value: spend and usage are batched to Postgres once a minute, not every 10 s. */
export const PROXY_BATCH_WRITE_AT_SECONDS = 60;
/**
 * Written for unauthenticated OpenAI-compatible servers. Without an api_key LiteLLM's OpenAI
 * client falls back to the OPENAI_API_KEY variable and would send the real OpenAI key to that
 * server; this placeholder is not a secret.
 */
export const NO_AUTH_API_KEY = "no-key-required";

const EXAMPLE_POOL_LIMIT = 10;

function envReference(name: string): string {
  return `${ENV_REFERENCE_PREFIX}${name}`;
}

type YamlMap = Record<string, unknown>;

/** Drops undefined values so optional settings are absent rather than `null`. */
function compact(map: YamlMap): YamlMap {
  const present: YamlMap = {};
  for (const key of Object.keys(map)) {
    if (map[key] !== undefined) {
      present[key] = map[key];
    }
  }
  return present;
}

function providerParams(deployment: Deployment): YamlMap {
  switch (deployment.provider) {
    case "openai":
    case "anthropic":
      return { api_key: envReference(deployment.apiKeyEnv), api_base: deployment.apiBase };
    case "azure":
      return {
        api_key: envReference(deployment.apiKeyEnv),
        api_base: deployment.apiBase,
        api_version: deployment.apiVersion,
      };
    case "bedrock":
      // No key: boto3's default chain uses the ECS task role.
      return { aws_region_name: deployment.region };
    case "vertex_ai":
      return {
        vertex_project: deployment.project,
        vertex_location: deployment.location,
        vertex_credentials: envReference(deployment.credentialsEnv),
      };
    case "gemini":
    case "mistral":
    case "groq":
      return { api_key: envReference(deployment.apiKeyEnv) };
    case "openai-compatible":
      return {
        api_key: deployment.apiKeyEnv === undefined ? NO_AUTH_API_KEY : envReference(deployment.apiKeyEnv),
        api_base: deployment.apiBase,
      };
  }
}

function modelListEntry(alias: string, deployment: Deployment): YamlMap {
  const litellmParams = compact({
    model: deploymentRoute(deployment),
    ...providerParams(deployment),
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    weight: deployment.weight,
    order: deployment.order,
    timeout: deployment.timeoutSeconds,
    stream_timeout: deployment.streamTimeoutSeconds,
  });
  const entry: YamlMap = { model_name: alias, litellm_params: litellmParams };
  if (deployment.maxInputTokens !== undefined) {
    // The router reads the context window for pre-call checks from model_info.
    entry.model_info = { max_input_tokens: deployment.maxInputTokens };
  }
  return entry;
}

/** LiteLLM's fallback format: a list of single-key maps, `[{alias: [fallback, ...]}]`. */
function fallbackList<A extends string>(
  catalog: Catalog<A>,
  served: readonly A[],
  kind: "fallbacks" | "contextWindowFallbacks" | "contentPolicyFallbacks",
): YamlMap[] | undefined {
  const entries = served.flatMap((alias) => {
    const targets = catalog.aliases[alias][kind];
    return targets === undefined || targets.length === 0 ? [] : [{ [alias]: [...targets] }];
  });
  return entries.length === 0 ? undefined : entries;
}

/** Where the router finds Redis: names only, the task's environment holds the values. */
function redisRouterSettings(options: RenderOptions): YamlMap {
  return options.redis === true
    ? {
        redis_host: envReference(REDIS_HOST_ENV),
        redis_port: envReference(REDIS_PORT_ENV),
        redis_password: envReference(REDIS_PASSWORD_ENV),
      }
    : {};
}

function routerSettings<A extends string>(catalog: Catalog<A>, served: readonly A[], options: RenderOptions): YamlMap {
  const routing: RoutingSettings = catalog.routing ?? {};
  const defaultFallbacks = catalog.defaultFallbacks ?? [];
  return compact({
    routing_strategy: routing.strategy ?? DEFAULT_ROUTING_STRATEGY,
    num_retries: routing.numRetries ?? DEFAULT_NUM_RETRIES,
    timeout: routing.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    allowed_fails: routing.allowedFails ?? DEFAULT_ALLOWED_FAILS,
    cooldown_time: routing.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS,
    enable_pre_call_checks: routing.enablePreCallChecks ?? false,
    fallbacks: fallbackList(catalog, served, "fallbacks"),
    context_window_fallbacks: fallbackList(catalog, served, "contextWindowFallbacks"),
    content_policy_fallbacks: fallbackList(catalog, served, "contentPolicyFallbacks"),
    default_fallbacks: defaultFallbacks.length === 0 ? undefined : [...defaultFallbacks],
    ...redisRouterSettings(options),
  });
}

function litellmSettings(catalog: Catalog, options: RenderOptions): YamlMap {
  const limits = options.generatedKeyLimits;
  return {
    // One JSON object per log line: CloudWatch Logs Insights can query fields.
    json_logs: true,
    // A load-balanced group mixes providers, so a client cannot know which one serves it; an
    // OpenAI parameter the chosen provider lacks is dropped instead of failing the request.
    drop_params: true,
    // Per-call timeout outside the router (e.g. pass-through calls); same value as the router's.
    request_timeout: catalog.routing?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    // OWASP API4: no key generated through the gateway exceeds these, the master key's included.
    ...(limits === undefined
      ? {}
      : { default_key_generate_params: defaultKeyGenerateParams(limits), upperbound_key_generate_params: upperboundKeyGenerateParams(limits) }),
    // `callbacks` (not success_callback): the otel logger also records failures and the proxy's own spans.
    ...(options.otel === true ? { callbacks: [OTEL_CALLBACK] } : {}),
  };
}

function generalSettings(options: RenderOptions): YamlMap {
  return compact({
    proxy_batch_write_at: PROXY_BATCH_WRITE_AT_SECONDS,
    database_connection_pool_limit: options.databaseConnectionPoolLimit,
    ...adminPlaneSettings(options),
    ...CATALOG_OWNS_THE_MODELS,
  });
}

/**
 * The catalog is the only source of models and routing: nothing stored in LiteLLM's database
 * through its admin API is loaded. LiteLLM 1.108.7 loads models, pass-through endpoints,
 * guardrails, MCP servers, prompts and config overrides from the database when
 * general_settings.supported_db_objects is unset (proxy_server.py should_load_db_object: None
 * loads everything, a list loads only what it names), and a key this file sets cannot be changed
 * from the database (config_resolvers/settings_store.py: "the config file owns it"). So a leaked
 * master key cannot leave behind, through /model/new or /config/update, a model whose api_base is
 * the intruder's server with os.environ/<provider key> as its key, or switch store_model_in_db on.
 */
const CATALOG_OWNS_THE_MODELS = {
  store_model_in_db: false,
  supported_db_objects: [] as string[],
} as const;

/**
 * The admin plane's general_settings (LiteLLM 1.108.7):
 * - trusted_proxy_ranges: read by litellm/proxy/auth/login_throttle.py (LoginThrottle.from_request,
 *   declared_proxy_ranges) and auth/user_api_key_auth.py (_resolve_request_principal) through
 *   auth/network.py resolve_client_ip, which trusts X-Forwarded-For only when the peer is in these
 *   ranges and walks it from the right, returning the first address outside them. The ALB appends
 *   the client's address as the last entry (X-Forwarded-For mode append, its default), so that is
 *   the address LiteLLM uses; an entry a client forged sits left of it and is never reached. Set, it
 *   also turns on the per-address limit of failed UI sign-ins (10 a minute, across usernames).
 *   Not use_x_forwarded_for: auth/auth_utils.py get_request_ip_address then takes the whole header
 *   as sent, leftmost (client-forged) entry first.
 * - disable_env_credential_login: auth/login_utils.py _admin_credentials_match refuses the
 *   environment credentials (UI_USERNAME/UI_PASSWORD, or the master key when UI_PASSWORD is unset);
 *   POST /login and /v2/login do not check DISABLE_ADMIN_UI, so without it the master key would
 *   still open a UI session with the UI off.
 */
function adminPlaneSettings(options: RenderOptions): YamlMap {
  const ranges = options.trustedProxyRanges ?? [];
  return {
    ...(ranges.length === 0 ? {} : { trusted_proxy_ranges: [...ranges] }),
    ...(options.adminUi === true ? {} : { disable_env_credential_login: true }),
  };
}

function validateOptions(options: RenderOptions): void {
  const problems =
    options.databaseConnectionPoolLimit === undefined
      ? []
      : checkPositiveNumber(options.databaseConnectionPoolLimit, "options.databaseConnectionPoolLimit", true, EXAMPLE_POOL_LIMIT);
  if (typeof options.stack !== "string" || options.stack === "") {
    problems.push({ path: "options.stack", message: "the stack name is empty.", fix: `pass the Pulumi stack name, e.g. "prod".` });
  }
  if (problems.length > 0) {
    throw new CatalogValidationError(problems);
  }
}

/**
 * The custom settings against this render: no rendered key overridden, `os.environ/` only to the
 * catalog's keys and the extra variables, and no extra variable named like a catalog key (the
 * task would get the name twice).
 */
function assertValidCustomSettings(
  rendered: Record<(typeof CUSTOM_SETTING_SECTIONS)[number], YamlMap>,
  custom: CustomLitellmSettings,
  secretEnvNames: readonly string[],
  extraEnvNames: readonly string[],
): void {
  const envNames = new Set([...secretEnvNames, ...extraEnvNames]);
  const problems = CUSTOM_SETTING_SECTIONS.flatMap((section) =>
    customSectionProblems(section, custom[section] ?? {}, { rendered: rendered[section], envNames }),
  );
  for (const name of extraEnvNames.filter((extra) => secretEnvNames.includes(extra))) {
    problems.push({
      path: "extraEnvironment/extraSecrets",
      message: `${name} is also a provider key of the catalog, and the task would get it twice.`,
      fix: `rename the extra variable, or drop it and let the catalog's ${name} secret fill it.`,
    });
  }
  if (problems.length > 0) {
    throw new CatalogValidationError(problems);
  }
}

/**
 * The stack's config.yaml and what the infrastructure needs to run it. The master key is not in
 * it: LiteLLM reads LITELLM_MASTER_KEY from the environment.
 * @throws CatalogValidationError listing every problem, before anything is produced
 */
export function renderLitellmConfig(catalog: Catalog, options: RenderOptions): RenderedLitellmConfig {
  validateOptions(options);
  assertValidCatalog(catalog, { stack: options.stack });
  const served = servedAliasNames(catalog, options.stack);
  const deployments = served.flatMap((alias) => catalog.aliases[alias].deployments);
  const secretEnvNames = secretEnvNamesOf(deployments);
  // No provider key can take one of these names: they are reserved (config/litellm/reserved-env-names.ts),
  // so the catalog was refused above if it tried.
  const extraEnvNames = options.extraEnvNames ?? [];
  const deploymentEnvNames = [...(options.redis === true ? REDIS_CONFIG_ENV_NAMES : []), ...extraEnvNames].sort(compareText);
  const rendered = {
    model_list: served.flatMap((alias) => catalog.aliases[alias].deployments.map((deployment) => modelListEntry(alias, deployment))),
    router_settings: routerSettings(catalog, served, options),
    litellm_settings: litellmSettings(catalog, options),
    general_settings: generalSettings(options),
  };
  assertValidCustomSettings(rendered, options.customSettings ?? {}, secretEnvNames, extraEnvNames);
  const config = mergeCustomSettings(rendered, options.customSettings ?? {});
  // YAML 1.1 quoting: LiteLLM parses with PyYAML, which reads an unquoted 2024-10-21 as a date
  // and yes/no/on/off as booleans (block-yaml.ts writes what the yaml library would, faster).
  const yaml = blockYaml(config);
  return {
    yaml,
    secretEnvNames,
    deploymentEnvNames,
    aliases: served,
    bedrockModels: bedrockModelsOf(deployments),
  };
}
