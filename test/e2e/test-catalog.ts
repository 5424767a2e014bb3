/**
 * The catalog the routing tests render: every api_base points at the fake provider, and each
 * failure scenario has an alias of its own, so one test's injected failures never touch another's.
 */
import { defineCatalog } from "../../config/catalog/define-catalog";

/** Retries per request before fallbacks; the tests count `1 + NUM_RETRIES` attempts at the fake. */
export const NUM_RETRIES = 2;
/** The `slow` alias's deployment timeout; the fake answers it after `SLOW_RESPONSE_MS`. */
export const SLOW_TIMEOUT_SECONDS = 1;
export const SLOW_RESPONSE_MS = 3_000;

/** Provider model ids, as the fake receives them. */
export const PROVIDER_MODELS = {
  openai: "gpt-fake-primary",
  anthropic: "claude-fake-primary",
  azureDeployment: "azure-fake-deployment",
  balancedA: "balanced-openai",
  balancedB: "balanced-self-hosted",
  flaky: "flaky-model",
  throttled: "throttled-model",
  slow: "slow-model",
  backup: "backup-model",
  smallWindow: "small-window-model",
  bigWindow: "big-window-model",
  strict: "strict-model",
  lenient: "lenient-model",
} as const;

/** The secrets the task would get, one variable per provider so the tests can tell them apart. */
export const PROVIDER_KEY_ENVS = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  azure: "AZURE_OPENAI_API_KEY",
  selfHosted: "SELF_HOSTED_API_KEY",
} as const;

export const AZURE_API_VERSION = "2024-10-21";

export function buildTestCatalog(fakeOrigin: string) {
  const openAiBase = `${fakeOrigin}/v1`;
  const openai = (model: string, extra: { timeoutSeconds?: number } = {}) =>
    ({ provider: "openai", model, apiKeyEnv: PROVIDER_KEY_ENVS.openai, apiBase: openAiBase, ...extra }) as const;
  return defineCatalog({
    aliases: {
      "openai-chat": { deployments: [openai(PROVIDER_MODELS.openai)] },
      "anthropic-chat": {
        deployments: [{ provider: "anthropic", model: PROVIDER_MODELS.anthropic, apiKeyEnv: PROVIDER_KEY_ENVS.anthropic, apiBase: fakeOrigin }],
      },
      "azure-chat": {
        deployments: [
          {
            provider: "azure",
            deployment: PROVIDER_MODELS.azureDeployment,
            apiBase: fakeOrigin,
            apiVersion: AZURE_API_VERSION,
            apiKeyEnv: PROVIDER_KEY_ENVS.azure,
          },
        ],
      },
      balanced: {
        deployments: [
          openai(PROVIDER_MODELS.balancedA),
          { provider: "openai-compatible", model: PROVIDER_MODELS.balancedB, apiBase: openAiBase, apiKeyEnv: PROVIDER_KEY_ENVS.selfHosted },
        ],
      },
      flaky: { deployments: [openai(PROVIDER_MODELS.flaky)], fallbacks: ["backup"] },
      throttled: { deployments: [openai(PROVIDER_MODELS.throttled)], fallbacks: ["backup"] },
      slow: { deployments: [openai(PROVIDER_MODELS.slow, { timeoutSeconds: SLOW_TIMEOUT_SECONDS })], fallbacks: ["backup"] },
      backup: { deployments: [openai(PROVIDER_MODELS.backup)] },
      "long-context": { deployments: [openai(PROVIDER_MODELS.smallWindow)], contextWindowFallbacks: ["big-context"] },
      "big-context": { deployments: [openai(PROVIDER_MODELS.bigWindow)] },
      guarded: { deployments: [openai(PROVIDER_MODELS.strict)], contentPolicyFallbacks: ["lenient"] },
      lenient: { deployments: [openai(PROVIDER_MODELS.lenient)] },
    },
    // Cooldowns would take a failing deployment out between tests; the scenarios here are about
    // retries and fallbacks, so a deployment is only cooled down after many failures.
    routing: { strategy: "simple-shuffle", numRetries: NUM_RETRIES, allowedFails: 100, cooldownSeconds: 1 },
  });
}
