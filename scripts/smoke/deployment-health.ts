/**
 * The per-deployment check through LiteLLM's admin path: one `GET /health?model=<alias>` per alias,
 * with the master key (`npm run smoke -- --completions --admin`). The load balancer serves `/health`
 * only to addresses in `adminCidrs`, so a runner elsewhere gets 403 here; without `--admin` the smoke
 * test probes each deployment through the client API instead (client-deployment-probe.ts).
 *
 * Why not the completions alone: an alias that load-balances several deployments (claude-sonnet:
 * Anthropic and Bedrock) answers a completion from whichever deployment the router picks, and a
 * failing one is retried elsewhere, cooled down or replaced by the alias's fallback. One completion
 * per alias therefore passes with a deployment that can never answer (a Bedrock model the account
 * has no Marketplace subscription for answers AccessDeniedException for ever).
 *
 * What `/health` does in the pinned release (read in litellm 1.108.5, unchanged in the pinned 1.108.7: proxy/health_endpoints/
 * _health_endpoints.py `health_endpoint` and proxy/health_check.py `perform_health_check`):
 * - with `model=<alias>` it probes exactly the deployments whose model_name is that alias, each with
 *   `litellm.ahealth_check`: a real chat completion straight to the provider (prompt "Hey how's it
 *   going?" or "What's 1 + 1?", `max_tokens` 16), bypassing the router, so no retry, cooldown or
 *   fallback can hide a failure. Cost: one such call per deployment (a fraction of a cent);
 * - the probes of one call run concurrently, each bounded by HEALTH_CHECK_TIMEOUT_SECONDS (60 s);
 * - it answers `{healthy_endpoints, unhealthy_endpoints, healthy_count, unhealthy_count}`, each
 *   endpoint holding allow-listed litellm_params (`model`, `custom_llm_provider`, `aws_region_name`,
 *   `api_base` for admins), `model_id` and for a failure `error` (the exception text plus a stack
 *   trace) and `raw_request_typed_dict` (the request, its Authorization header masked to its first
 *   and last two characters). 503 instead of 200 when none is healthy; the body is the same;
 * - the exception text is NOT redacted by LiteLLM (only the stack trace is), and a provider that
 *   echoes the credential it refused puts that key into it. So this check prints only the alias,
 *   the provider/model, the region and the first line of the error with anything that looks like a
 *   key replaced, and never `raw_request_typed_dict`.
 * Bedrock's probe is reported as `model: "us.anthropic..."` with `custom_llm_provider: "bedrock"`
 * (health_check.py strips the `bedrock/` prefix in place), other providers as `openai/gpt-4.1`.
 */
import { LISTENER_DENIED_CODE } from "../../config/access/client-api-paths";
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import type { CheckResult } from "./smoke-checks";

/** LiteLLM's deployment health endpoint (admin: the master key sees every deployment). */
export const DEPLOYMENT_HEALTH_PATH = "/health";
/** litellm/constants.py HEALTH_CHECK_TIMEOUT_SECONDS: the longest one probe may take. */
export const LITELLM_HEALTH_PROBE_TIMEOUT_SECONDS = 60;
/** Headroom over the probe timeout for the proxy to collect the results and answer. */
const HEALTH_RESPONSE_MARGIN_SECONDS = 30;
const MS_PER_SECOND = 1_000;
/** How long the smoke test waits for one alias's `/health` answer. */
export const DEPLOYMENT_HEALTH_TIMEOUT_MS = (LITELLM_HEALTH_PROBE_TIMEOUT_SECONDS + HEALTH_RESPONSE_MARGIN_SECONDS) * MS_PER_SECOND;

/** Long enough for AWS's Marketplace denial, which names the missing actions. */
const MAX_ERROR_CHARS = 400;
const REDACTED = "<redacted>";
export const HTTP_OK = 200;
export const HTTP_FORBIDDEN = 403;
const HTTP_SERVICE_UNAVAILABLE = 503;

/**
 * What a 403 on one of LiteLLM's admin paths means behind this stack's load balancer: the listener
 * answers 403 itself to callers outside `adminCidrs` (default: nobody). The master key is never
 * refused by LiteLLM there.
 */
export function adminPathForbiddenHint(path: string): string {
  return (
    `${path} answered ${HTTP_FORBIDDEN}: the load balancer serves LiteLLM's admin paths only to addresses in adminCidrs ` +
    "(default: none). Run from an address in adminCidrs (README, settings: adminCidrs), or leave out --admin: the " +
    "client-path checks need no admin access."
  );
}

/**
 * The Bedrock answer when a third-party model's Marketplace subscription is missing or failed, e.g.
 * "Model access is denied due to IAM user or service role is not authorized to perform the required
 * AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe)", or, for
 * Anthropic's models, "Model use case details have not been submitted for this account".
 */
const MARKETPLACE_DENIAL = /aws-marketplace:|model access is denied|use case details|use-case form/i;
const MARKETPLACE_HINT =
  "the account has not enabled this Bedrock model (one-time Marketplace subscription or Anthropic use-case form, done by an admin: docs/runbooks.md, First deploy, Bedrock model access)";

/** What the check needs from an HTTP exchange; smoke-checks' GatewayClient.send answers this shape. */
export type HealthExchangeOutcome =
  | { readonly ok: true; readonly exchange: { readonly status: number; readonly body: unknown; readonly text: string } }
  | { readonly ok: false; readonly error: string };

/** Sends `GET <path>` with the master key and the health timeout. */
export type HealthGet = (path: string) => Promise<HealthExchangeOutcome>;

/** The check's name for an alias: `deployments claude-sonnet`. */
export function deploymentCheckName(alias: string): string {
  return `deployments ${alias}`;
}

/**
 * Probes every deployment of every alias (the aliases concurrently: each call already waits up to
 * a probe timeout) and returns one result per alias, in the order given.
 */
export async function checkDeployments(get: HealthGet, aliases: readonly string[], knownSecrets: readonly string[]): Promise<CheckResult[]> {
  const outcomes = await Promise.all(aliases.map((alias) => get(`${DEPLOYMENT_HEALTH_PATH}?model=${encodeURIComponent(alias)}`)));
  return aliases.map((alias, index) => deploymentHealthResult(alias, outcomes[index], knownSecrets));
}

/**
 * Turns one alias's `/health` answer into a check: pass when every deployment answered, fail naming
 * each one that did not (provider/model, region, why), fail when none was checked at all.
 */
export function deploymentHealthResult(alias: string, outcome: HealthExchangeOutcome, knownSecrets: readonly string[]): CheckResult {
  const name = deploymentCheckName(alias);
  const path = `GET ${DEPLOYMENT_HEALTH_PATH}?model=${alias}`;
  if (!outcome.ok) {
    return { name, status: "fail", detail: redactSecrets(outcome.error, knownSecrets) };
  }
  const { status, body, text } = outcome.exchange;
  if (status === HTTP_FORBIDDEN && !isLitellmError(body)) {
    return { name, status: "fail", detail: adminPathForbiddenHint(path) };
  }
  const healthy = endpointList(body, "healthy_endpoints");
  const unhealthy = endpointList(body, "unhealthy_endpoints");
  if ((status !== HTTP_OK && status !== HTTP_SERVICE_UNAVAILABLE) || healthy === undefined || unhealthy === undefined) {
    return { name, status: "fail", detail: `${path} answered ${status}: ${firstLine(text, knownSecrets)}` };
  }
  const total = healthy.length + unhealthy.length;
  if (total === 0) {
    return { name, status: "fail", detail: `${path} checked no deployment: the gateway has none behind ${alias}` };
  }
  if (unhealthy.length === 0) {
    return { name, status: "pass", detail: `${total} of ${total} answered (${healthy.map(deploymentLabel).join(", ")})` };
  }
  const failures = unhealthy.map((endpoint) => `${deploymentLabel(endpoint)}: ${failureReason(endpoint, knownSecrets)}`);
  return { name, status: "fail", detail: `${unhealthy.length} of ${total} cannot be invoked: ${failures.join("; ")}` };
}

/** `provider/model (region)`: `bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0 (us-east-1)`. */
export function deploymentLabel(endpoint: Readonly<Record<string, unknown>>): string {
  const model = typeof endpoint.model === "string" ? endpoint.model : "(unnamed deployment)";
  const provider = typeof endpoint.custom_llm_provider === "string" ? endpoint.custom_llm_provider : undefined;
  const route = provider === undefined || model.startsWith(`${provider}/`) ? model : `${provider}/${model}`;
  const region = typeof endpoint.aws_region_name === "string" ? ` (${endpoint.aws_region_name})` : "";
  return `${route}${region}`;
}

/**
 * `text` with every known secret and every word that looks like a credential (the catalog's own
 * rule, config/catalog/secret-value-detection.ts) replaced by `<redacted>`.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[]): string {
  let redacted = text;
  for (const secret of knownSecrets) {
    if (secret !== "") {
      redacted = redacted.split(secret).join(REDACTED);
    }
  }
  return redacted
    .split(/(\s+)/)
    .map((word) => (describeSecretValue(word) === undefined ? word : REDACTED))
    .join("");
}

function failureReason(endpoint: Readonly<Record<string, unknown>>, knownSecrets: readonly string[]): string {
  return deploymentFailureReason(typeof endpoint.error === "string" ? endpoint.error : "unhealthy (no error text)", knownSecrets);
}

/**
 * Whether a body is one of LiteLLM's own error answers (`{"error": {"message": ...}}` or FastAPI's
 * `{"detail": ...}`), as opposed to the load balancer's 403 (code path_not_allowed) or the WAF's page.
 */
export function isLitellmError(body: unknown): boolean {
  if (typeof body !== "object" || body === null) {
    return false;
  }
  const { error, detail } = body as Record<string, unknown>;
  if (typeof error === "object" && error !== null) {
    const { message, code } = error as Record<string, unknown>;
    // The listener's 403 is OpenAI-shaped too (config/access/client-api-paths.ts); its code tells it apart.
    return typeof message === "string" && code !== LISTENER_DENIED_CODE;
  }
  return detail !== undefined;
}

/**
 * A deployment's error as one readable line: the first line, redacted and bounded, after the
 * account-level hint when Bedrock says the model is not enabled.
 */
export function deploymentFailureReason(error: string, knownSecrets: readonly string[]): string {
  const reason = firstLine(error, knownSecrets);
  return MARKETPLACE_DENIAL.test(error) ? `${MARKETPLACE_HINT}: ${reason}` : reason;
}

/** The exception's message without LiteLLM's appended stack trace, redacted and bounded. */
export function firstLine(text: string, knownSecrets: readonly string[]): string {
  const line = (text.split("\n").find((candidate) => candidate.trim() !== "") ?? "").trim();
  const redacted = redactSecrets(line, knownSecrets);
  if (redacted === "") {
    return "(empty)";
  }
  return redacted.length > MAX_ERROR_CHARS ? `${redacted.slice(0, MAX_ERROR_CHARS)}...` : redacted;
}

function endpointList(body: unknown, key: string): Readonly<Record<string, unknown>>[] | undefined {
  const list = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.filter((entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null) : undefined;
}
