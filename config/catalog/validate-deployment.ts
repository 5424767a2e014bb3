/**
 * Checks one deployment as untyped data: catalogs written in JavaScript, or built at run time,
 * get the same guarantees the TypeScript types give at compile time.
 */
import { REQUEST_TIMEOUT_SECONDS } from "../litellm/connection-timeouts";
import { ENV_VAR_NAME_PATTERN } from "../litellm/env-var-name";
import { reservedEnvNameReason } from "../litellm/reserved-env-names";
import type { Provider } from "./catalog-types";
import type { CatalogProblem } from "./catalog-validation-error";
import type { FieldSpec, ProviderSpec } from "./provider-fields";
import { DEPLOYMENT_OPTION_FIELDS, isProvider, PROVIDER_SPECS, PROVIDERS } from "./provider-fields";
import { shownName, shownText, shownValue } from "./shown-value";

const ALLOWED_URL_PROTOCOLS: readonly string[] = ["http:", "https:"];

/** Field names people reach for when they want to paste a key. */
const KEY_VALUE_FIELDS: readonly string[] = ["apiKey", "api_key", "key", "secret", "credentials", "token"];

export function checkEnvVarName(value: unknown, path: string, example: string): CatalogProblem[] {
  const fix = `write the NAME of the environment variable that holds the secret, e.g. "${example}"; the infrastructure creates and injects it.`;
  if (typeof value !== "string" || !ENV_VAR_NAME_PATTERN.test(value)) {
    return [
      {
        path,
        message: `${shownValue(value)} is not a valid environment variable name (it must match ${ENV_VAR_NAME_PATTERN.source}).`,
        fix,
      },
    ];
  }
  const reserved = reservedEnvNameReason(value);
  if (reserved !== undefined) {
    return [
      {
        path,
        message: `${shownText(value)} is reserved: it is ${reserved} (config/litellm/reserved-env-names.ts); as a provider key it would be overwritten, or hand that value to a model provider.`,
        fix: `choose a name of your own, e.g. "${example}".`,
      },
    ];
  }
  return [];
}

export function checkHttpUrl(value: unknown, path: string, example: string): CatalogProblem[] {
  const fix = `write an http(s) base URL without credentials, e.g. "${example}".`;
  if (typeof value !== "string") {
    return [{ path, message: `${shownValue(value)} is not a URL.`, fix }];
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ path, message: `${shownValue(value)} is not a URL.`, fix }];
  }
  if (!ALLOWED_URL_PROTOCOLS.includes(url.protocol)) {
    return [{ path, message: `${shownValue(value)} is not an http or https URL.`, fix }];
  }
  if (url.username !== "" || url.password !== "") {
    return [{ path, message: "the URL carries credentials (user:password@), which would be rendered in plain text.", fix }];
  }
  return [];
}

function checkText(value: unknown, path: string, example: string): CatalogProblem[] {
  if (typeof value !== "string" || value.trim() === "" || value.trim() !== value) {
    return [
      {
        path,
        message: `${shownValue(value)} is not a non-empty string without surrounding spaces.`,
        fix: `write e.g. "${example}".`,
      },
    ];
  }
  return [];
}

function checkField(value: unknown, path: string, spec: FieldSpec): CatalogProblem[] {
  switch (spec.kind) {
    case "env":
      return checkEnvVarName(value, path, spec.example);
    case "url":
      return checkHttpUrl(value, path, spec.example);
    case "text":
      return checkText(value, path, spec.example);
  }
}

/** A positive number (a whole one where LiteLLM expects an integer). */
export function checkPositiveNumber(value: unknown, path: string, integer: boolean, example: number): CatalogProblem[] {
  const valid = typeof value === "number" && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (valid) {
    return [];
  }
  const wanted = integer ? "a whole number greater than 0" : "a number greater than 0";
  return [{ path, message: `${shownValue(value)} is not ${wanted}.`, fix: `write e.g. ${example}, or remove the setting.` }];
}

/**
 * No timeout may exceed the longest request the gateway allows: the load balancer gives a
 * deregistering task exactly that long (config/litellm/connection-timeouts.ts), so a deploy or scale-in
 * would cut a longer request that LiteLLM was still waiting on.
 */
export function checkWithinRequestTimeout(value: unknown, path: string): CatalogProblem[] {
  if (typeof value !== "number" || value <= REQUEST_TIMEOUT_SECONDS) {
    return [];
  }
  return [
    {
      path,
      message: `${value} s is longer than the longest request the gateway allows (${REQUEST_TIMEOUT_SECONDS} s, the load balancer's deregistration delay).`,
      fix: `write at most ${REQUEST_TIMEOUT_SECONDS}, or raise REQUEST_TIMEOUT_SECONDS in config/litellm/connection-timeouts.ts (the load balancer allows up to 3600).`,
    },
  ];
}

/** The deployment options that are a request's timeout (LiteLLM's `timeout` and `stream_timeout`). */
const TIMEOUT_OPTIONS: readonly string[] = ["timeoutSeconds", "streamTimeoutSeconds"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An example numeric value per option, used in fixes. */
const OPTION_EXAMPLES: { readonly [K in keyof typeof DEPLOYMENT_OPTION_FIELDS]: number } = {
  rpm: 500,
  tpm: 200_000,
  weight: 2,
  order: 1,
  timeoutSeconds: 300,
  streamTimeoutSeconds: 60,
  maxInputTokens: 200_000,
};

/** Per provider, every field its deployments may have (worked out once: a catalog can hold thousands). */
const ALLOWED_FIELDS = Object.fromEntries(
  PROVIDERS.map((provider) => [provider, ["provider", ...Object.keys(PROVIDER_SPECS[provider].fields), ...Object.keys(DEPLOYMENT_OPTION_FIELDS)]]),
) as unknown as Readonly<Record<Provider, readonly string[]>>;

function checkUnknownFields(
  deployment: Record<string, unknown>,
  path: string,
  provider: Provider,
  spec: ProviderSpec<Provider>,
): CatalogProblem[] {
  const allowed = ALLOWED_FIELDS[provider];
  return Object.keys(deployment)
    .filter((field) => !allowed.includes(field))
    .map((field) => {
      if (KEY_VALUE_FIELDS.includes(field)) {
        return {
          path: `${path}.${shownName(field)}`,
          message: "the catalog never holds key values: it is rendered into config.yaml and stored in S3.",
          fix: `remove ${shownText(field)} and name the environment variable instead, e.g. apiKeyEnv: "${(spec.fields as Readonly<Record<string, FieldSpec | undefined>>).apiKeyEnv?.example ?? "OPENAI_API_KEY"}".`,
        };
      }
      return {
        path: `${path}.${shownName(field)}`,
        message: `${shownText(field)} is not a setting of ${provider} deployments.`,
        fix: `remove it, or use one of: ${allowed.join(", ")}.`,
      };
    });
}

/** Every problem with one deployment; `path` is where it sits, e.g. `aliases.fast.deployments[0]`. */
export function validateDeployment(deployment: unknown, path: string): CatalogProblem[] {
  if (!isRecord(deployment)) {
    return [{ path, message: "a deployment must be an object.", fix: `write e.g. { provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }.` }];
  }
  const provider = deployment.provider;
  if (!isProvider(provider)) {
    return [
      {
        path: `${path}.provider`,
        message: `${shownValue(provider)} is not a supported provider.`,
        fix: `use one of: ${PROVIDERS.join(", ")} (any OpenAI-compatible server, e.g. vLLM or Ollama, is "openai-compatible").`,
      },
    ];
  }
  const spec = PROVIDER_SPECS[provider] as ProviderSpec<Provider>;
  const problems: CatalogProblem[] = [];
  const fields = spec.fields as Readonly<Record<string, FieldSpec>>;
  for (const [field, fieldSpec] of Object.entries(fields)) {
    const value = deployment[field];
    if (value === undefined) {
      if (fieldSpec.required) {
        problems.push({
          path: `${path}.${field}`,
          message: `${provider} deployments require "${field}".`,
          fix: `add ${field}: "${fieldSpec.example}".`,
        });
      }
      continue;
    }
    problems.push(...checkField(value, `${path}.${field}`, fieldSpec));
  }
  const model = deployment[spec.modelField];
  // openai-compatible servers legitimately serve ids such as "openai/gpt-oss-20b".
  if (provider !== "openai-compatible" && typeof model === "string" && model.startsWith(`${spec.routePrefix}/`)) {
    problems.push({
      path: `${path}.${spec.modelField}`,
      message: `${shownText(model)} already starts with "${spec.routePrefix}/"; the renderer adds the provider prefix itself.`,
      fix: `write ${shownText(model.slice(spec.routePrefix.length + 1))}.`,
    });
  }
  for (const [option, { integer }] of Object.entries(DEPLOYMENT_OPTION_FIELDS)) {
    const value = deployment[option];
    if (value !== undefined) {
      const example = OPTION_EXAMPLES[option as keyof typeof OPTION_EXAMPLES];
      problems.push(...checkPositiveNumber(value, `${path}.${option}`, integer, example));
      if (TIMEOUT_OPTIONS.includes(option)) {
        problems.push(...checkWithinRequestTimeout(value, `${path}.${option}`));
      }
    }
  }
  problems.push(...checkUnknownFields(deployment, path, provider, spec));
  return problems;
}
