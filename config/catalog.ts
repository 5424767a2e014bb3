/**
 * The models this gateway serves. Dev and prod share this one catalog: an alias with `stacks`
 * is served only there, so dev runs the two cheap models and prod adds the large ones.
 *
 * Two secrets in total (OPENAI_API_KEY, ANTHROPIC_API_KEY): each is a paid Secrets Manager
 * secret, and Bedrock needs none because the ECS task role authenticates.
 */
import { defineCatalog } from "./catalog/define-catalog";
import type { AliasOf } from "./catalog/define-catalog";

const PROD_ONLY = ["prod"] as const;

/** Bedrock's US cross-region inference profile: the region the gateway calls, AWS spreads the load. */
const BEDROCK_REGION = "us-east-1";

export const catalog = defineCatalog({
  aliases: {
    // The cheap default: the fallback of last resort for everything else.
    "gpt-4.1-mini": {
      deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }],
      fallbacks: ["claude-haiku"],
    },
    "claude-haiku": {
      deployments: [{ provider: "anthropic", model: "claude-haiku-4-5", apiKeyEnv: "ANTHROPIC_API_KEY" }],
      // 200k-token window: longer prompts go to GPT-4.1 mini's 1M window.
      contextWindowFallbacks: ["gpt-4.1-mini"],
      contentPolicyFallbacks: ["gpt-4.1-mini"],
    },
    // One load-balanced group across two providers: an Anthropic outage or rate limit leaves
    // Bedrock serving, and the reverse.
    "claude-sonnet": {
      deployments: [
        { provider: "anthropic", model: "claude-sonnet-4-5", apiKeyEnv: "ANTHROPIC_API_KEY", weight: 2 },
        { provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: BEDROCK_REGION, weight: 1 },
      ],
      fallbacks: ["gpt-4.1"],
      contextWindowFallbacks: ["gpt-4.1"],
      contentPolicyFallbacks: ["gpt-4.1"],
      stacks: PROD_ONLY,
    },
    "gpt-4.1": {
      deployments: [{ provider: "openai", model: "gpt-4.1", apiKeyEnv: "OPENAI_API_KEY" }],
      stacks: PROD_ONLY,
    },
  },
  // For aliases without fallbacks of their own (claude-haiku, gpt-4.1).
  defaultFallbacks: ["gpt-4.1-mini"],
  // Retries, timeouts and cooldowns keep the production defaults (see render-litellm-config.ts).
  routing: { strategy: "simple-shuffle" },
});

/**
 * Every model name the gateway serves on some stack. Client code typed with it fails to compile
 * when it asks for a model the gateway does not serve.
 */
export type GatewayModel = AliasOf<typeof catalog>;
