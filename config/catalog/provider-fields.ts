/**
 * What each provider family needs, as data: the validator checks JavaScript callers (who have no
 * compiler to stop them) against it, and its compile-time shape keeps it in step with the
 * deployment types in catalog-types.ts.
 */
import type { Deployment, DeploymentOptions, Provider } from "./catalog-types";

/** `text`: a non-empty string; `env`: an environment variable NAME; `url`: an http(s) URL. */
export type FieldKind = "text" | "env" | "url";

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly required: boolean;
  /** A valid value, quoted in error messages. */
  readonly example: string;
}

type ProviderOwnFields<P extends Provider> = Exclude<
  keyof Extract<Deployment, { readonly provider: P }>,
  keyof DeploymentOptions | "provider"
>;

export interface ProviderSpec<P extends Provider> {
  /** LiteLLM's provider prefix, written before the model in `litellm_params.model`. */
  readonly routePrefix: string;
  /** The field whose value follows the prefix. */
  readonly modelField: ProviderOwnFields<P>;
  /** Every provider-specific field; the mapped type makes a missing or extra entry a compile error. */
  readonly fields: { readonly [K in ProviderOwnFields<P>]-?: FieldSpec };
}

const MODEL = (example: string): FieldSpec => ({ kind: "text", required: true, example });
const API_KEY_ENV = (example: string): FieldSpec => ({ kind: "env", required: true, example });
const OPTIONAL_API_BASE: FieldSpec = { kind: "url", required: false, example: "https://llm-proxy.internal.example.com/v1" };

export const PROVIDER_SPECS: { readonly [P in Provider]: ProviderSpec<P> } = {
  openai: {
    routePrefix: "openai",
    modelField: "model",
    fields: { model: MODEL("gpt-4.1-mini"), apiKeyEnv: API_KEY_ENV("OPENAI_API_KEY"), apiBase: OPTIONAL_API_BASE },
  },
  azure: {
    routePrefix: "azure",
    modelField: "deployment",
    fields: {
      deployment: MODEL("gpt-4o-prod"),
      apiBase: { kind: "url", required: true, example: "https://my-resource.openai.azure.com" },
      apiVersion: { kind: "text", required: true, example: "2024-10-21" },
      apiKeyEnv: API_KEY_ENV("AZURE_OPENAI_API_KEY"),
    },
  },
  anthropic: {
    routePrefix: "anthropic",
    modelField: "model",
    fields: {
      model: MODEL("claude-sonnet-4-5"),
      apiKeyEnv: API_KEY_ENV("ANTHROPIC_API_KEY"),
      apiBase: OPTIONAL_API_BASE,
    },
  },
  bedrock: {
    routePrefix: "bedrock",
    modelField: "model",
    fields: {
      model: MODEL("us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
      region: { kind: "text", required: true, example: "us-east-1" },
    },
  },
  vertex_ai: {
    routePrefix: "vertex_ai",
    modelField: "model",
    fields: {
      model: MODEL("gemini-2.5-pro"),
      project: { kind: "text", required: true, example: "my-gcp-project" },
      location: { kind: "text", required: true, example: "us-central1" },
      credentialsEnv: { kind: "env", required: true, example: "VERTEX_CREDENTIALS_JSON" },
    },
  },
  gemini: {
    routePrefix: "gemini",
    modelField: "model",
    fields: { model: MODEL("gemini-2.5-flash"), apiKeyEnv: API_KEY_ENV("GEMINI_API_KEY") },
  },
  mistral: {
    routePrefix: "mistral",
    modelField: "model",
    fields: { model: MODEL("mistral-large-latest"), apiKeyEnv: API_KEY_ENV("MISTRAL_API_KEY") },
  },
  groq: {
    routePrefix: "groq",
    modelField: "model",
    fields: { model: MODEL("llama-3.3-70b-versatile"), apiKeyEnv: API_KEY_ENV("GROQ_API_KEY") },
  },
  "openai-compatible": {
    // LiteLLM's `openai/` route with a custom api_base is its documented way to reach vLLM,
    // Ollama's OpenAI endpoint, TGI and similar servers.
    routePrefix: "openai",
    modelField: "model",
    fields: {
      model: MODEL("meta-llama/Llama-3.1-8B-Instruct"),
      apiBase: { kind: "url", required: true, example: "http://vllm.internal:8000/v1" },
      apiKeyEnv: { kind: "env", required: false, example: "VLLM_API_KEY" },
    },
  },
};

export const PROVIDERS = Object.keys(PROVIDER_SPECS) as readonly Provider[];

export function isProvider(value: unknown): value is Provider {
  return typeof value === "string" && Object.hasOwn(PROVIDER_SPECS, value);
}

/** The shared numeric options and whether each must be a whole number. */
export const DEPLOYMENT_OPTION_FIELDS: { readonly [K in keyof DeploymentOptions]-?: { readonly integer: boolean } } = {
  rpm: { integer: true },
  tpm: { integer: true },
  weight: { integer: true },
  order: { integer: true },
  timeoutSeconds: { integer: false },
  streamTimeoutSeconds: { integer: false },
  maxInputTokens: { integer: true },
};

/** `litellm_params.model`: the provider prefix comes from the type, so it cannot be forgotten. */
export function deploymentRoute(deployment: Deployment): string {
  const spec = PROVIDER_SPECS[deployment.provider] as ProviderSpec<Provider>;
  const model = (deployment as unknown as Record<string, string>)[spec.modelField];
  return `${spec.routePrefix}/${model}`;
}
