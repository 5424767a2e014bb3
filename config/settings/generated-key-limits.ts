/**
 * Ceilings and defaults for the virtual keys generated through the gateway (OWASP API4, unbounded
 * resource consumption): rendered as LiteLLM's `litellm_settings.upperbound_key_generate_params`
 * and `litellm_settings.default_key_generate_params`. Pure.
 *
 * What LiteLLM 1.108.7 does with them (read in its source):
 * - proxy_server.py, ProxyConfig.load_config: `upperbound_key_generate_params` is parsed into
 *   LiteLLM_UpperboundKeyGenerateParams (max_budget, budget_duration, duration,
 *   max_parallel_requests, tpm_limit, rpm_limit); `default_key_generate_params` is set as it is
 *   (`setattr(litellm, key, value)`).
 * - key_management_endpoints.py, _common_key_generation_helper: for /key/generate, a field the
 *   request leaves empty takes its default_key_generate_params value, then
 *   _enforce_upperbound_key_params(fill_defaults=True) refuses with HTTP 400 a max_budget,
 *   tpm_limit, rpm_limit or max_parallel_requests above the bound and a duration or budget_duration
 *   longer than it (duration "-1", never expiring, counts as infinite), and fills what is still
 *   empty with the bound. /key/update checks the same bounds without filling. It applies to every
 *   caller, the master key included.
 * - Durations are NOT validated when the config loads (they are plain strings); a bad one fails
 *   only when a key is generated (duration_parser.duration_in_seconds raises). So the settings
 *   check them here, against the parser's own grammar.
 *
 * What the bounds cannot do: LiteLLM bounds budget_duration only from above, so a key's creator
 * may pick a shorter budget window ("1d") and spend max_budget per day. The spend alarm and the
 * providers' own usage limits are the backstop for that.
 */

export interface GeneratedKeyLimits {
  /** Upper bound of a key's max_budget, USD per budget window. */
  readonly maxBudgetUsd: number;
  /** max_budget of a key generated without one, USD per budget window. */
  readonly defaultBudgetUsd: number;
  /** The budget window of a key generated without one, and the longest allowed (LiteLLM duration). */
  readonly budgetDuration: string;
  /** Upper bound (and default) of a key's requests per minute. */
  readonly maxRpm: number;
  /** Upper bound (and default) of a key's tokens per minute. */
  readonly maxTpm: number;
  /** Lifetime of a key generated without one, and the longest allowed: keys expire (LiteLLM duration). */
  readonly maxKeyDuration: string;
}

/**
 * Defaults: $100 a month at most per key, $10 unless the creator asks for more, 600 requests and
 * 1,000,000 tokens a minute (10 requests a second, above any single interactive client, and
 * about an OpenAI tier-3 account's gpt-4o token rate, so one key cannot take the whole account),
 * keys live at most a year.
 */
export const DEFAULT_GENERATED_KEY_LIMITS: GeneratedKeyLimits = {
  maxBudgetUsd: 100,
  defaultBudgetUsd: 10,
  budgetDuration: "30d",
  maxRpm: 600,
  maxTpm: 1_000_000,
  maxKeyDuration: "365d",
};

/**
 * LiteLLM's duration grammar, strictly: litellm_core_utils/duration_parser.py reads
 * `(\d+)(mo|[smhdw]?)` with re.match (a prefix match, so "30x" would parse as "30" with no unit and
 * then raise "Unsupported duration unit"); here the whole string must be a positive number and one
 * of its units.
 */
export const LITELLM_DURATION_PATTERN = /^[1-9][0-9]{0,5}(s|m|h|d|w|mo)$/;

/** Budgets up to a million USD per window; a larger number is a typo. */
export const MAX_KEY_BUDGET_USD = 1_000_000;
/** Rates up to a billion per minute: LiteLLM stores them as integers. */
export const MAX_KEY_RATE_PER_MINUTE = 1_000_000_000;

/** Problems between the fields, one line each (field names as the setting spells them). */
export function generatedKeyLimitsProblems(limits: GeneratedKeyLimits): string[] {
  return limits.defaultBudgetUsd > limits.maxBudgetUsd
    ? [
        `defaultBudgetUsd (${limits.defaultBudgetUsd}) is above maxBudgetUsd (${limits.maxBudgetUsd}), so every key generated without a budget would be refused`,
      ]
    : [];
}

/** `litellm_settings.upperbound_key_generate_params`. */
export function upperboundKeyGenerateParams(limits: GeneratedKeyLimits): Record<string, number | string> {
  return {
    max_budget: limits.maxBudgetUsd,
    budget_duration: limits.budgetDuration,
    duration: limits.maxKeyDuration,
    rpm_limit: limits.maxRpm,
    tpm_limit: limits.maxTpm,
  };
}

/**
 * `litellm_settings.default_key_generate_params`: only what should differ from the bound (a lower
 * budget) or must be set before the bound is checked; rpm and tpm take the bound itself.
 */
export function defaultKeyGenerateParams(limits: GeneratedKeyLimits): Record<string, number | string> {
  return {
    max_budget: limits.defaultBudgetUsd,
    budget_duration: limits.budgetDuration,
    duration: limits.maxKeyDuration,
  };
}
