/**
 * The deployments check against scripted `/health` answers: the answers a real Bedrock gives that
 * the loopback LiteLLM cannot produce (Marketplace denial, missing Anthropic use-case form), the
 * shapes the pinned release answers in (503 when none is healthy, an alias with no deployment),
 * and when the check runs at all (it costs a call per deployment, so only with --completions).
 */
import { describe, expect, it } from "vitest";

import { deploymentHealthResult, deploymentLabel, redactSecrets } from "../../scripts/smoke/deployment-health";
import type { HealthExchangeOutcome } from "../../scripts/smoke/deployment-health";
import { runSmokeChecks } from "../../scripts/smoke/smoke-checks";
import type { SmokeFetch } from "../../scripts/smoke/smoke-checks";

const MASTER_KEY = "sk-master-4f9a8b7c6d5e4f3a2b1c0d9e";
const BEDROCK_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
/** As LiteLLM reports a Bedrock probe: prefix stripped, provider apart (health_check.py). */
const BEDROCK_ENDPOINT = { model: BEDROCK_MODEL, custom_llm_provider: "bedrock", aws_region_name: "us-east-1", model_id: "b1" };
const ANTHROPIC_ENDPOINT = { model: "anthropic/claude-sonnet-4-5", model_id: "a1" };
/** Bedrock's answer to a role that may not start the model's Marketplace subscription (AccessDeniedException). */
const MARKETPLACE_DENIAL =
  'litellm.APIConnectionError: BedrockException - {"message":"Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes."}';
const USE_CASE_FORM_MISSING =
  "litellm.BadRequestError: BedrockException - Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.";

function answered(status: number, body: unknown): HealthExchangeOutcome {
  return { ok: true, exchange: { status, body, text: JSON.stringify(body) } };
}

function health(healthy: object[], unhealthy: object[]): unknown {
  return { healthy_endpoints: healthy, unhealthy_endpoints: unhealthy, healthy_count: healthy.length, unhealthy_count: unhealthy.length };
}

describe("deployments check (scripted /health answers)", () => {
  it("names Bedrock's model with its provider and region, and says a Marketplace denial is the account's one-time model access", () => {
    const result = deploymentHealthResult(
      "claude-sonnet",
      answered(200, health([ANTHROPIC_ENDPOINT], [{ ...BEDROCK_ENDPOINT, error: `${MARKETPLACE_DENIAL}\nstack trace: Traceback ...` }])),
      [MASTER_KEY],
    );

    expect(result.name).toBe("deployments claude-sonnet");
    expect(result.status).toBe("fail");
    expect(result.detail).toMatch(
      new RegExp(`^1 of 2 cannot be invoked: bedrock/${BEDROCK_MODEL.replace(/\./g, "\\.")} \\(us-east-1\\): the account has not enabled this Bedrock model .*docs/runbooks\\.md, First deploy`),
    );
    expect(result.detail).toContain("aws-marketplace:ViewSubscriptions");
    expect(result.detail).not.toContain("anthropic/claude-sonnet-4-5");
    expect(result.detail).not.toContain("stack trace");
  });

  it("gives the same hint when Anthropic's use-case form was never submitted", () => {
    const result = deploymentHealthResult("claude-sonnet", answered(200, health([], [{ ...BEDROCK_ENDPOINT, error: USE_CASE_FORM_MISSING }])), []);

    expect(result.detail).toContain("the account has not enabled this Bedrock model");
    expect(result.detail).toContain("Model use case details have not been submitted");
  });

  it("does not blame model access for an ordinary provider error", () => {
    const result = deploymentHealthResult(
      "gpt-4.1",
      answered(503, health([], [{ model: "openai/gpt-4.1", error: "litellm.InternalServerError: OpenAIException - server error" }])),
      [],
    );

    expect(result).toEqual({
      name: "deployments gpt-4.1",
      status: "fail",
      detail: "1 of 1 cannot be invoked: openai/gpt-4.1: litellm.InternalServerError: OpenAIException - server error",
    });
  });

  it("passes listing every deployment when all answered", () => {
    const result = deploymentHealthResult("claude-sonnet", answered(200, health([ANTHROPIC_ENDPOINT, BEDROCK_ENDPOINT], [])), []);

    expect(result).toEqual({
      name: "deployments claude-sonnet",
      status: "pass",
      detail: `2 of 2 answered (anthropic/claude-sonnet-4-5, bedrock/${BEDROCK_MODEL} (us-east-1))`,
    });
  });

  it("fails when the gateway checked no deployment for the alias (LiteLLM answers 503 with empty lists)", () => {
    const result = deploymentHealthResult("claude-sonnet", answered(503, health([], [])), []);

    expect(result.status).toBe("fail");
    expect(result.detail).toContain("checked no deployment");
  });

  it("fails on a refused key or an unreachable gateway, without echoing the master key", () => {
    const refused = deploymentHealthResult("a", answered(401, { error: { message: `Authentication Error, invalid key ${MASTER_KEY}` } }), [MASTER_KEY]);
    const unreachable = deploymentHealthResult("a", { ok: false, error: "GET /health?model=a failed: This operation was aborted" }, [MASTER_KEY]);

    expect(refused.status).toBe("fail");
    expect(refused.detail).toMatch(/^GET \/health\?model=a answered 401: /);
    expect(refused.detail).not.toContain(MASTER_KEY);
    expect(unreachable).toMatchObject({ status: "fail", detail: "GET /health?model=a failed: This operation was aborted" });
  });

  it.each([
    ["an OpenAI project key", "Incorrect API key provided: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234."],
    ["an Anthropic key", 'invalid x-api-key "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv"'],
    ["an AWS access key id", "The security token AKIAIOSFODNN7EXAMPLE is invalid"],
    ["an Azure key (32 hex digits)", "Access denied due to invalid subscription key 3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c."],
  ])("redacts %s from an error", (_kind, text) => {
    const redacted = redactSecrets(text, []);

    expect(redacted).toContain("<redacted>");
    expect(redacted).not.toMatch(/sk-proj-AbC|sk-ant-api03|AKIAIOSFODNN7EXAMPLE|3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c/);
  });

  it("keeps model ids, regions and AWS request ids readable", () => {
    const text = `bedrock/${BEDROCK_MODEL} in us-east-1, request id 62100f49-e232-4630-a438-e95c128dd80e`;

    expect(redactSecrets(text, [MASTER_KEY])).toBe(text);
    expect(deploymentLabel({ model: "openai/gpt-4.1", custom_llm_provider: "openai" })).toBe("openai/gpt-4.1");
  });
});

describe("when the deployments check runs", () => {
  /** A healthy gateway serving `aliases` whose /health records what it was asked. */
  function gateway(aliases: readonly string[], healthRequests: { url: string; authorization: string | null }[]): SmokeFetch {
    return (url, init) => {
      const parsed = new URL(url);
      if (parsed.pathname === "/health") {
        healthRequests.push({ url: `${parsed.pathname}${parsed.search}`, authorization: new Headers(init?.headers).get("authorization") });
        return Promise.resolve(Response.json(health([{ model: `openai/${parsed.searchParams.get("model")}` }], [])));
      }
      if (parsed.pathname.startsWith("/health/")) {
        return Promise.resolve(Response.json({ status: "healthy" }));
      }
      if (parsed.pathname === "/v1/models") {
        return Promise.resolve(Response.json({ data: aliases.map((id) => ({ id })) }));
      }
      if (parsed.pathname === "/v1/chat/completions") {
        return Promise.resolve(Response.json({ choices: [{ message: { content: "ok" } }], model: "m" }));
      }
      return Promise.resolve(Response.json({ error: "not scripted" }, { status: 500 }));
    };
  }

  it("never without --completions: each probe is a paid call", async () => {
    const healthRequests: { url: string; authorization: string | null }[] = [];

    const results = await runSmokeChecks({ baseUrl: "https://gw", masterKey: MASTER_KEY, expectedAliases: ["a", "b"], adminPlane: true, fetch: gateway(["a", "b"], healthRequests) });

    expect(healthRequests).toEqual([]);
    expect(results.some((result) => result.name.startsWith("deployments "))).toBe(false);
  });

  it("with --completions --admin: once per alias, with the master key, reported in alias order", async () => {
    const healthRequests: { url: string; authorization: string | null }[] = [];

    const results = await runSmokeChecks({
      baseUrl: "https://gw",
      masterKey: MASTER_KEY,
      adminPlane: true,
      expectedAliases: ["gpt-4.1", "claude-sonnet"],
      completions: true,
      fetch: gateway(["gpt-4.1", "claude-sonnet"], healthRequests),
    });

    expect(healthRequests.map((request) => request.url).sort()).toEqual(["/health?model=claude-sonnet", "/health?model=gpt-4.1"]);
    expect(healthRequests.every((request) => request.authorization === `Bearer ${MASTER_KEY}`)).toBe(true);
    expect(results.filter((result) => result.name.startsWith("deployments ")).map((result) => [result.name, result.status])).toEqual([
      ["deployments claude-sonnet", "pass"],
      ["deployments gpt-4.1", "pass"],
    ]);
  });
});
