/**
 * The typed model catalog: which models the gateway serves, under which client aliases, through
 * which providers, with which fallbacks and routing. It is rendered to LiteLLM's config.yaml by
 * `renderLitellmConfig`.
 *
 * Keys never appear here. A deployment names the ENVIRONMENT VARIABLE that will hold its key
 * (`apiKeyEnv: "ANTHROPIC_API_KEY"`); the renderer writes `os.environ/ANTHROPIC_API_KEY` and the
 * infrastructure creates and injects a secret of that name. The type `EnvVarName` only accepts
 * upper-case strings, so a literal key such as `"sk-..."` does not even compile.
 */

/**
 * The name of an environment variable that holds a secret, e.g. `"OPENAI_API_KEY"`.
 * Must match `^[A-Z][A-Z0-9_]*$` (checked at validation time too).
 */
export type EnvVarName = Uppercase<string>;

/**
 * LiteLLM's routing strategies, exactly as its router spells them. (1.108.7 also accepts "lar1",
 * a strategy driven by per-request agent metadata; it is left out because a catalog cannot
 * supply that metadata.)
 */
export const ROUTING_STRATEGIES = [
  "simple-shuffle",
  "least-busy",
  "usage-based-routing",
  "usage-based-routing-v2",
  "latency-based-routing",
  "cost-based-routing",
] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** Per-deployment settings shared by every provider. */
export interface DeploymentOptions {
  /** Requests per minute this deployment may take; used by usage-based routing and pre-call checks. */
  readonly rpm?: number;
  /** Tokens per minute this deployment may take. */
  readonly tpm?: number;
  /** Relative share of traffic under `simple-shuffle` (e.g. 2 gets twice the traffic of 1). */
  readonly weight?: number;
  /** Priority within the alias: 1 is tried first. Needs `routing.enablePreCallChecks`. */
  readonly order?: number;
  /** Seconds before a non-streaming call to this deployment is abandoned; at most 600 (as routing.timeoutSeconds). */
  readonly timeoutSeconds?: number;
  /** Seconds before a streaming call to this deployment is abandoned; at most 600 (as routing.timeoutSeconds). */
  readonly streamTimeoutSeconds?: number;
  /** The model's context window in tokens, for pre-call checks and context-window fallbacks. */
  readonly maxInputTokens?: number;
}

/** api.openai.com (or a proxy of it at `apiBase`). Rendered as `openai/<model>`. */
export interface OpenAiDeployment extends DeploymentOptions {
  readonly provider: "openai";
  /** OpenAI's model id, e.g. `"gpt-4o-mini"`. */
  readonly model: string;
  readonly apiKeyEnv: EnvVarName;
  /** Without it, LiteLLM calls OpenAI's public endpoint. */
  readonly apiBase?: string;
}

/** Azure OpenAI. Rendered as `azure/<deployment>`. */
export interface AzureOpenAiDeployment extends DeploymentOptions {
  readonly provider: "azure";
  /** The Azure deployment name (not the OpenAI model id). */
  readonly deployment: string;
  /** The resource endpoint, e.g. `"https://my-resource.openai.azure.com"`. */
  readonly apiBase: string;
  /** The Azure OpenAI API version, e.g. `"2024-10-21"`. */
  readonly apiVersion: string;
  readonly apiKeyEnv: EnvVarName;
}

/** Anthropic's API. Rendered as `anthropic/<model>`. */
export interface AnthropicDeployment extends DeploymentOptions {
  readonly provider: "anthropic";
  /** e.g. `"claude-sonnet-4-5"`. */
  readonly model: string;
  readonly apiKeyEnv: EnvVarName;
  /** Without it, LiteLLM calls Anthropic's public endpoint. */
  readonly apiBase?: string;
}

/** AWS Bedrock. Rendered as `bedrock/<model>`. No key: the ECS task role authenticates. */
export interface BedrockDeployment extends DeploymentOptions {
  readonly provider: "bedrock";
  /** The Bedrock model id or inference profile, e.g. `"us.anthropic.claude-sonnet-4-5-v1:0"`. */
  readonly model: string;
  /** The AWS region to call Bedrock in, e.g. `"us-east-1"`. */
  readonly region: string;
}

/** Google Vertex AI. Rendered as `vertex_ai/<model>`. */
export interface VertexAiDeployment extends DeploymentOptions {
  readonly provider: "vertex_ai";
  /** e.g. `"gemini-2.5-pro"`. */
  readonly model: string;
  /** The Google Cloud project id. */
  readonly project: string;
  /** The Vertex AI location, e.g. `"us-central1"`. */
  readonly location: string;
  /** The variable holding the service-account JSON. */
  readonly credentialsEnv: EnvVarName;
}

/** Google AI Studio (Gemini API). Rendered as `gemini/<model>`. */
export interface GeminiDeployment extends DeploymentOptions {
  readonly provider: "gemini";
  readonly model: string;
  readonly apiKeyEnv: EnvVarName;
}

/** Mistral's API. Rendered as `mistral/<model>`. */
export interface MistralDeployment extends DeploymentOptions {
  readonly provider: "mistral";
  readonly model: string;
  readonly apiKeyEnv: EnvVarName;
}

/** Groq's API. Rendered as `groq/<model>`. */
export interface GroqDeployment extends DeploymentOptions {
  readonly provider: "groq";
  readonly model: string;
  readonly apiKeyEnv: EnvVarName;
}

/**
 * Any server that speaks the OpenAI API (vLLM, Ollama, TGI, LM Studio, ...).
 * Rendered as `openai/<model>` with the given `apiBase`.
 */
export interface OpenAiCompatibleDeployment extends DeploymentOptions {
  readonly provider: "openai-compatible";
  /** The model id the server expects. */
  readonly model: string;
  /** The server's OpenAI-compatible base URL, e.g. `"http://vllm.internal:8000/v1"`. */
  readonly apiBase: string;
  /** Omit for servers without authentication. */
  readonly apiKeyEnv?: EnvVarName;
}

export type Deployment =
  | OpenAiDeployment
  | AzureOpenAiDeployment
  | AnthropicDeployment
  | BedrockDeployment
  | VertexAiDeployment
  | GeminiDeployment
  | MistralDeployment
  | GroqDeployment
  | OpenAiCompatibleDeployment;

export type Provider = Deployment["provider"];

/**
 * One client-facing model name. Several deployments under one alias form a load-balanced group.
 * Fallbacks name other aliases, in the order they are tried.
 */
export interface AliasDefinition<A extends string = string> {
  readonly deployments: readonly Deployment[];
  /** Tried when every deployment of this alias fails (after retries). */
  readonly fallbacks?: readonly A[];
  /** Tried when the request is too long for this alias's context window. */
  readonly contextWindowFallbacks?: readonly A[];
  /** Tried when the provider refuses the request on content-policy grounds. */
  readonly contentPolicyFallbacks?: readonly A[];
  /**
   * Serve this alias only on these Pulumi stacks (e.g. `["prod"]`). Without it, the alias is
   * served on every stack.
   */
  readonly stacks?: readonly string[];
}

/** Router and retry behaviour. Defaults follow LiteLLM's production guide. */
export interface RoutingSettings {
  /** LiteLLM's production recommendation; usage-based routing costs latency. @default "simple-shuffle" */
  readonly strategy?: RoutingStrategy;
  /** Retries per request before fallbacks; always rendered, never left to LiteLLM's implicit default. @default 2 */
  readonly numRetries?: number;
  /**
   * Seconds before a request is abandoned (router timeout and litellm request_timeout); at most
   * 600, the load balancer's deregistration delay (config/litellm/connection-timeouts.ts). @default 600
   */
  readonly timeoutSeconds?: number;
  /** Failures per minute before a deployment is cooled down. @default 3 */
  readonly allowedFails?: number;
  /** Seconds a failing deployment is taken out of rotation (LiteLLM's own default is 5). @default 30 */
  readonly cooldownSeconds?: number;
  /** Check context window and rpm/tpm before calling; required by `order`. @default false */
  readonly enablePreCallChecks?: boolean;
}

/** The whole catalog. Build it with `defineCatalog` so alias references are type-checked. */
export interface Catalog<A extends string = string> {
  readonly aliases: { readonly [K in A]: AliasDefinition<A> };
  /** Aliases tried for any alias that has no fallbacks of its own. */
  readonly defaultFallbacks?: readonly A[];
  readonly routing?: RoutingSettings;
}
