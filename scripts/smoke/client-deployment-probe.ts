/**
 * The per-deployment check through the client API, so it works from anywhere the gateway serves
 * clients (a CI runner outside `adminCidrs` included): per deployment, one small chat completion
 * whose `model` is the deployment's own model string, with fallbacks disabled.
 *
 * Why this reaches exactly one deployment, in the pinned LiteLLM 1.108.7:
 * - proxy/route_llm_request.py `route_request`: a `model` that is no alias but one of the router's
 *   `deployment_names` (each deployment's litellm_params.model) is routed with
 *   `specific_deployment=True`;
 * - router.py `_common_checks_available_deployment`: with specific_deployment it picks among the
 *   deployments whose litellm_params.model is that string, never another alias's;
 * - router.py: a request's `disable_fallbacks: true` turns off fallbacks, `default_fallbacks`
 *   included; retries stay on the same deployment. (Against the pinned release the loopback tests
 *   saw no fallback rescue a deployment called by its model string even without the flag; it is
 *   kept so a release that changes that cannot hide a failure);
 * - proxy/common_request_processing.py `_get_deployment_model_name`: the answer carries
 *   `x-litellm-model-name`, the model string of the deployment that answered (asserted against the
 *   pinned release in test/smoke); a different one fails the check.
 * The master key may call any deployment; a virtual key could not. Cost: one completion of at most
 * COMPLETION_MAX_TOKENS per deployment, as LiteLLM's own /health probe costs.
 */
import { deploymentFailureReason, firstLine, HTTP_FORBIDDEN, HTTP_OK, isLitellmError } from "./deployment-health";
import type { DeploymentTarget, DeploymentTargets } from "./deployment-targets";
import { targetLabel } from "./deployment-targets";
import type { CheckResult } from "./smoke-checks";

/** The client path of a chat completion. */
export const CHAT_COMPLETIONS_PATH = "/v1/chat/completions";
/** The header LiteLLM sets to the deployment model that answered. */
export const ANSWERING_DEPLOYMENT_HEADER = "x-litellm-model-name";

/** What the probe needs from an exchange; smoke-checks' GatewayClient.send answers this shape. */
export type ProbeOutcome =
  | { readonly ok: true; readonly exchange: { readonly status: number; readonly body: unknown; readonly text: string; readonly headers: Headers } }
  | { readonly ok: false; readonly error: string };

/** Sends `POST /v1/chat/completions` with the master key and this body. */
export type CompletionPost = (body: unknown) => Promise<ProbeOutcome>;

/** The body of one probe: the deployment's own model string, no fallbacks. */
export function probeRequest(target: DeploymentTarget, prompt: string, maxTokens: number): unknown {
  return { model: target.model, messages: [{ role: "user", content: prompt }], max_tokens: maxTokens, disable_fallbacks: true };
}

/** One result per alias (`deployments <alias>`), in the order given; aliases probed concurrently. */
export async function checkDeploymentsThroughClientApi(
  post: CompletionPost,
  aliases: readonly string[],
  targets: DeploymentTargets,
  options: { readonly prompt: string; readonly maxTokens: number; readonly knownSecrets: readonly string[] },
): Promise<CheckResult[]> {
  return Promise.all(
    aliases.map(async (alias) => {
      const name = `deployments ${alias}`;
      const deployments = targets[alias] ?? [];
      if (deployments.length === 0) {
        return { name, status: "fail", detail: `the catalog renders no deployment for ${alias}` } satisfies CheckResult;
      }
      const failures: string[] = [];
      for (const target of deployments) {
        const failure = probeFailure(target, await post(probeRequest(target, options.prompt, options.maxTokens)), options.knownSecrets);
        if (failure !== undefined) {
          failures.push(`${targetLabel(target)}: ${failure}`);
        }
      }
      const total = deployments.length;
      return failures.length === 0
        ? ({ name, status: "pass", detail: `${total} of ${total} answered (${deployments.map(targetLabel).join(", ")})` } satisfies CheckResult)
        : ({ name, status: "fail", detail: `${failures.length} of ${total} cannot be invoked: ${failures.join("; ")}` } satisfies CheckResult);
    }),
  );
}

/** Why one probe failed, or undefined when the deployment itself answered. */
function probeFailure(target: DeploymentTarget, outcome: ProbeOutcome, knownSecrets: readonly string[]): string | undefined {
  if (!outcome.ok) {
    return firstLine(outcome.error, knownSecrets);
  }
  const { status, body, text, headers } = outcome.exchange;
  const message = field(field(body, "error"), "message");
  // LiteLLM's own errors are JSON {"error": {"message": ...}} (a provider's 403, e.g. Bedrock's
  // AccessDenied, arrives so); a 403 without that body came from the listener or the WAF.
  if (status === HTTP_FORBIDDEN && !isLitellmError(body)) {
    return `${CHAT_COMPLETIONS_PATH} answered ${HTTP_FORBIDDEN} before LiteLLM: the load balancer answers 403 to callers outside allowedCidrs, and the WAF blocks with 403 (docs/runbooks.md, When the WAF blocks legitimate clients)`;
  }
  const choices = field(body, "choices");
  if (status !== HTTP_OK || !Array.isArray(choices) || choices.length === 0) {
    return deploymentFailureReason(typeof message === "string" ? message : `answered ${status}: ${text}`, knownSecrets);
  }
  const answeredBy = headers.get(ANSWERING_DEPLOYMENT_HEADER);
  if (answeredBy !== null && answeredBy !== "" && answeredBy !== target.model) {
    return `answered by ${answeredBy} instead (a fallback or another deployment), so this deployment was not proven`;
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
