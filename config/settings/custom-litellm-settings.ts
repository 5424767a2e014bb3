/**
 * The escape hatch for LiteLLM settings the typed catalog does not model (callbacks, caching,
 * guardrails, budgets...): `litellm_settings`, `general_settings` and `router_settings` maps merged
 * over what the renderer emits. Refused, so the hatch cannot undo what the stack guarantees:
 * - a key the stack manages: every key the renderer emits (derived from the rendered config), the
 *   ones it emits only on some stacks, and the credentials, database and admin-plane keys below;
 * - a Redis connection key at any depth (the stack wires Redis from its own environment);
 * - a plain-text secret: a string that looks like a credential, or any literal under a key named
 *   like one. Secrets are `os.environ/NAME` references, NAME a variable the task has.
 *
 * Pure: the stack settings check the parts that need no catalog, the renderer the rest.
 */
import type { CatalogProblem } from "../catalog/catalog-validation-error";
import { describeSecretValue } from "../catalog/secret-value-detection";

/** LiteLLM's prefix for a value read from the environment (as config/render/missing-env-check.ts; settings/ may not import render/). */
const ENV_REFERENCE_PREFIX = "os.environ/";

export const CUSTOM_SETTING_SECTIONS = ["litellm_settings", "general_settings", "router_settings"] as const;
export type CustomSettingSection = (typeof CUSTOM_SETTING_SECTIONS)[number];

/** Free-form LiteLLM settings, by section, as LiteLLM's config.yaml spells them. */
export type CustomLitellmSettings = Partial<Record<CustomSettingSection, Readonly<Record<string, unknown>>>>;

/** The stack setting (and LitellmGateway arg) that carries each section. */
export const CUSTOM_SETTING_NAMES: Readonly<Record<CustomSettingSection, string>> = {
  litellm_settings: "litellmSettings",
  general_settings: "generalSettings",
  router_settings: "routerSettings",
};

/**
 * Keys the stack manages in each section. The renderer's always-emitted keys are added from the
 * rendered config itself (managedKeysOf); this list holds the ones it emits only on some stacks
 * (fallbacks, Redis, key limits, trusted proxies, the UI switch, the pool limit) and those it never
 * emits but must never be set: credentials, the database, and what widens the admin plane.
 * test/settings/custom-litellm-settings.test.ts fails if a fully-featured render emits a key missing here.
 */
export const MANAGED_SETTING_KEYS: Readonly<Record<CustomSettingSection, readonly string[]>> = {
  router_settings: [
    "routing_strategy",
    "num_retries",
    "timeout",
    "allowed_fails",
    "cooldown_time",
    "enable_pre_call_checks",
    "fallbacks",
    "context_window_fallbacks",
    "content_policy_fallbacks",
    "default_fallbacks",
    "model_list",
  ],
  litellm_settings: ["json_logs", "drop_params", "request_timeout", "default_key_generate_params", "upperbound_key_generate_params"],
  general_settings: [
    "proxy_batch_write_at",
    "database_connection_pool_limit",
    "trusted_proxy_ranges",
    "disable_env_credential_login",
    // The catalog owns the models (render-litellm-config.ts CATALOG_OWNS_THE_MODELS).
    "store_model_in_db",
    "supported_db_objects",
    // Credentials and the database: the task's environment and Secrets Manager hold them.
    "master_key",
    "database_url",
    "database_args",
    "salt_key",
    // Admin plane (SECURITY.md): client-address trust, custom auth and route lists would widen it.
    "use_x_forwarded_for",
    "custom_auth",
    "allowed_routes",
    "admin_only_routes",
    "public_routes",
    "ui_access_mode",
  ],
};

/** Redis connection keys, refused at any depth (cache_params, router_settings...). */
const REDIS_CONNECTION_KEYS = new Set(["redis_host", "redis_port", "redis_password", "redis_url", "redis_username", "redis_startup_nodes"]);
/** Inside cache_params the same connection is spelled without the prefix. */
const CACHE_PARAMS_KEY = "cache_params";
const CACHE_CONNECTION_KEYS = new Set(["host", "port", "password", "url", "username", "startup_nodes"]);
/** A literal under such a key is a credential whatever it looks like. */
const SECRET_KEY_NAME = /(?:password|secret|token|api_key|private_key|credentials)$/i;

const REFERENCE_EXAMPLE = `"${ENV_REFERENCE_PREFIX}MY_CALLBACK_KEY" with MY_CALLBACK_KEY in extraSecrets`;

/** The keys managed in `section` for one rendered config: the list above plus what it emits. */
export function managedKeysOf(section: CustomSettingSection, rendered: Readonly<Record<string, unknown>> = {}): Set<string> {
  return new Set([...MANAGED_SETTING_KEYS[section], ...Object.keys(rendered)]);
}

interface Walked {
  readonly path: string;
  readonly key: string;
  readonly value: unknown;
  readonly parentKey: string | undefined;
}

/** Every entry at every depth, with its dotted path (`[i]` for list items). */
function walk(value: unknown, path: string, parentKey: string | undefined, out: Walked[]): Walked[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, parentKey, out));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      out.push({ path: `${path}.${key}`, key, value: inner, parentKey });
      walk(inner, `${path}.${key}`, key, out);
    }
  }
  return out;
}

function isRedisConnectionKey(entry: Walked): boolean {
  return REDIS_CONNECTION_KEYS.has(entry.key) || (entry.parentKey === CACHE_PARAMS_KEY && CACHE_CONNECTION_KEYS.has(entry.key));
}

function plainSecretProblem(entry: Walked, text: string): CatalogProblem | undefined {
  const looksLike = describeSecretValue(text);
  if (looksLike === undefined && !(SECRET_KEY_NAME.test(entry.key) && text !== "")) {
    return undefined;
  }
  return {
    path: entry.path,
    message: `is ${looksLike ?? `a literal under a key named like a credential`} in plain text (not shown), which would be written to config.yaml in S3.`,
    fix: `put the value in a Secrets Manager secret and refer to it: ${REFERENCE_EXAMPLE}.`,
  };
}

function referenceProblem(entry: Walked, name: string, envNames: ReadonlySet<string>): CatalogProblem | undefined {
  return envNames.has(name)
    ? undefined
    : {
        path: entry.path,
        message: `refers to ${ENV_REFERENCE_PREFIX}${name}, which the task does not set, so LiteLLM would read None.`,
        fix: `add ${name} to extraSecrets (a secret) or extraEnvironment (not a secret), or refer to a variable the task has: ${[...envNames].sort().join(", ") || "none yet"}.`,
      };
}

/**
 * The problems of one section, each with `path` starting at `settingName`. `envNames` (when known:
 * the renderer knows the catalog's keys) are the variables `os.environ/` may name; `rendered` is
 * the section as rendered, whose keys are managed.
 */
export function customSectionProblems(
  section: CustomSettingSection,
  settings: Readonly<Record<string, unknown>>,
  options: { readonly rendered?: Readonly<Record<string, unknown>>; readonly envNames?: ReadonlySet<string> } = {},
): CatalogProblem[] {
  const settingName = CUSTOM_SETTING_NAMES[section];
  const managed = managedKeysOf(section, options.rendered);
  const problems: CatalogProblem[] = Object.keys(settings)
    .filter((key) => managed.has(key))
    .map((key) => ({
      path: `${settingName}.${key}`,
      message: `sets ${section}.${key}, which the stack manages (its catalog, database, Redis, secrets or admin plane).`,
      fix: `remove ${key}; change it through the catalog or the stack setting that owns it (README, Settings).`,
    }));
  for (const entry of walk(settings, settingName, undefined, [])) {
    if (isRedisConnectionKey(entry)) {
      problems.push({
        path: entry.path,
        message: "sets a Redis connection, which the stack wires from its own Redis and environment.",
        fix: `remove ${entry.key}; set redisNodeType for the stack's Redis (LiteLLM then uses it).`,
      });
    } else if (typeof entry.value === "string") {
      const problem = entry.value.startsWith(ENV_REFERENCE_PREFIX)
        ? options.envNames === undefined
          ? undefined
          : referenceProblem(entry, entry.value.slice(ENV_REFERENCE_PREFIX.length), options.envNames)
        : plainSecretProblem(entry, entry.value);
      if (problem !== undefined) {
        problems.push(problem);
      }
    }
  }
  return problems;
}

/** The rendered sections with the custom keys added (the checks above refused any overlap). */
export function mergeCustomSettings<C extends Record<CustomSettingSection, Record<string, unknown>>>(config: C, custom: CustomLitellmSettings): C {
  const merged: Record<string, unknown> = { ...config };
  for (const section of CUSTOM_SETTING_SECTIONS) {
    merged[section] = { ...config[section], ...(custom[section] ?? {}) };
  }
  return merged as C;
}
