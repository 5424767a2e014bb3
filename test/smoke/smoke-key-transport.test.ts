/**
 * The smoke test's two trust rules (issue 12, review finding M3 and the admin plane behind
 * adminCidrs), against scripted gateways that record every request:
 * - a key never travels over plain HTTP (except to this machine's loopback): a plain-HTTP gateway
 *   gets only the keyless checks, the command does not even read the master key, and the output
 *   says what was skipped and how to get a full run;
 * - without --admin only client API paths are called; with --admin, the load balancer's 403 on an
 *   admin path is reported with the fix (adminCidrs).
 */
import { describe, expect, it } from "vitest";

import { DENIED_RESPONSE, isClientApiPath } from "../../config/access/client-api-paths";
import { runSmokeCommand } from "../../scripts/smoke";
import { checkDeploymentsThroughClientApi } from "../../scripts/smoke/client-deployment-probe";
import type { ProbeOutcome } from "../../scripts/smoke/client-deployment-probe";
import { isLitellmError } from "../../scripts/smoke/deployment-health";
import { keysMayTravelTo } from "../../scripts/smoke/key-transport";
import { runSmokeChecks, smokeExitCode } from "../../scripts/smoke/smoke-checks";
import type { SmokeFetch } from "../../scripts/smoke/smoke-checks";
import type { SecretsManagerSender } from "../../scripts/smoke/smoke-master-key";

const MASTER_KEY = "sk-master-7a6b5c4d3e2f1a0b9c8d7e6f";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:litellm-secrets-master-key-AbCdEf";
const DEV_URL = "http://litellm-dev-alb-1234567890.us-east-1.elb.amazonaws.com";

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: unknown;
}

/**
 * A gateway behind the stack's load balancer: client paths answered like a healthy LiteLLM
 * serving `aliases`; every other path answered 403 by the listener unless `adminAllowed`.
 */
function gateway(aliases: readonly string[], options: { adminAllowed: boolean }) {
  const requests: Recorded[] = [];
  const fetch: SmokeFetch = (url, init) => {
    const path = new URL(url).pathname;
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method: init?.method ?? "GET", path, authorization: new Headers(init?.headers).get("authorization"), body });
    // The listener's real allow-list and its real 403 answer.
    if (!isClientApiPath(path) && !options.adminAllowed) {
      return Promise.resolve(new Response(DENIED_RESPONSE.messageBody, { status: Number(DENIED_RESPONSE.statusCode), headers: { "content-type": DENIED_RESPONSE.contentType } }));
    }
    if (path.startsWith("/health/")) {
      return Promise.resolve(Response.json({ status: "healthy", db: "connected" }));
    }
    if (path === "/v1/models") {
      return Promise.resolve(Response.json({ data: aliases.map((id) => ({ id })) }));
    }
    if (path === "/v1/chat/completions") {
      const model = (body as { model: string }).model;
      return Promise.resolve(Response.json({ choices: [{ message: { content: "ok" } }], model }, { headers: { "x-litellm-model-name": model } }));
    }
    return Promise.resolve(Response.json({ error: "not scripted" }, { status: 500 }));
  };
  return { fetch, requests };
}

describe("where a key may travel", () => {
  it.each([
    ["https://llm.example.com", true],
    ["http://127.0.0.1:4000", true],
    ["http://127.0.0.53", true],
    ["http://localhost:4000", true],
    ["http://[::1]:4000", true],
    [DEV_URL, false],
    ["http://10.0.1.20:4000", false],
    ["http://localhost.attacker.example", false],
    ["ftp://llm.example.com", false],
    ["not a url", false],
  ])("%s: %s", (origin, allowed) => {
    expect(keysMayTravelTo(origin)).toBe(allowed);
  });
});

describe("a plain-HTTP gateway (dev: allowPlainHttp: true)", () => {
  it("gets only liveness and readiness, never a key, and a skipped line naming allowPlainHttp and the TLS settings", async () => {
    const { fetch, requests } = gateway(["a", "b"], { adminAllowed: true });

    const results = await runSmokeChecks({ baseUrl: DEV_URL, masterKey: MASTER_KEY, expectedAliases: ["a", "b"], completions: true, adminPlane: true, fetch });

    expect(requests.map((request) => request.path)).toEqual(["/health/liveliness", "/health/readiness"]);
    expect(requests.every((request) => request.authorization === null)).toBe(true);
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ["liveness", "pass"],
      ["readiness", "pass"],
      ["keyed checks", "skip"],
    ]);
    expect(results[2]?.detail).toContain(`${DEV_URL} is plain HTTP`);
    expect(results[2]?.detail).toContain("models, completions, deployments, virtual key");
    expect(results[2]?.detail).toContain("allowPlainHttp: true (Pulumi.dev.yaml)");
    expect(results[2]?.detail).toContain("domainName + hostedZone");
    expect(smokeExitCode(results)).toBe(0);
  });

  it("is smoke-tested by `npm run smoke` without reading the master key from Secrets Manager at all", async () => {
    const { fetch, requests } = gateway(["a"], { adminAllowed: false });
    const secretReads: unknown[] = [];
    const secretsClient = {
      send: (command: unknown) => {
        secretReads.push(command);
        return Promise.resolve({ SecretString: MASTER_KEY });
      },
    } as unknown as SecretsManagerSender;
    const lines: string[] = [];

    const code = await runSmokeCommand(["--stack", "dev", "--completions"], {
      env: {},
      print: (line) => lines.push(line),
      printError: (line) => lines.push(line),
      readStackOutputs: () => ({ url: DEV_URL, masterKeySecretArn: SECRET_ARN, models: ["gpt-4.1-mini", "claude-haiku"] }),
      secretsClient,
      fetch,
    });

    expect(secretReads).toEqual([]);
    expect(requests.every((request) => request.authorization === null)).toBe(true);
    expect(lines).toContain(`${DEV_URL} is plain HTTP: the master key is not read and no key is sent; only liveness and readiness run.`);
    expect(lines.find((line) => line.startsWith("- keyed checks: skipped"))).toBeDefined();
    expect(lines.at(-1)).toMatch(/^3 passed, 0 failed, 1 skipped$/);
    expect(code).toBe(0);
  });

  it("does not send a key given on the command line either", async () => {
    const { fetch, requests } = gateway(["a"], { adminAllowed: true });

    const code = await runSmokeCommand(["--stack", "dev", "--url", DEV_URL, "--master-key-env", "KEY", "--admin"], {
      env: { KEY: MASTER_KEY },
      print: () => undefined,
      printError: () => undefined,
      fetch,
    });

    expect(code).toBe(0);
    expect(JSON.stringify(requests)).not.toContain(MASTER_KEY);
  });
});

describe("the admin plane behind adminCidrs", () => {
  it("without --admin: client API paths only, every deployment probed by its own model string, the virtual key skipped saying why", async () => {
    const { fetch, requests } = gateway(["a", "b"], { adminAllowed: false });

    const results = await runSmokeChecks({
      baseUrl: "https://llm.example.com",
      masterKey: MASTER_KEY,
      expectedAliases: ["a", "b"],
      completions: true,
      deployments: { a: [{ model: "openai/gpt-a" }], b: [{ model: "anthropic/b-1" }, { model: "bedrock/b-2", region: "us-east-1" }] },
      fetch,
    });

    expect(requests.filter((request) => !isClientApiPath(request.path))).toEqual([]);
    const probes = requests.filter((request) => request.path === "/v1/chat/completions").map((request) => request.body as Record<string, unknown>);
    expect(probes.filter((body) => body.disable_fallbacks === true).map((body) => body.model)).toEqual(["openai/gpt-a", "anthropic/b-1", "bedrock/b-2"]);
    expect(results.find((result) => result.name === "deployments b")).toEqual({
      name: "deployments b",
      status: "pass",
      detail: "2 of 2 answered (anthropic/b-1, bedrock/b-2 (us-east-1))",
    });
    expect(results.find((result) => result.name === "virtual key")).toMatchObject({ status: "skip" });
    expect(results.find((result) => result.name === "virtual key")?.detail).toContain("pass --admin from an address in adminCidrs");
    expect(smokeExitCode(results)).toBe(0);
  });

  it("with --admin from outside adminCidrs: /health?model= and /key/generate fail with the 403 explained, and nothing is left to delete", async () => {
    const { fetch, requests } = gateway(["a", "b"], { adminAllowed: false });

    const results = await runSmokeChecks({ baseUrl: "https://llm.example.com", masterKey: MASTER_KEY, expectedAliases: ["a", "b"], completions: true, adminPlane: true, fetch });

    const deployments = results.filter((result) => result.name.startsWith("deployments "));
    expect(deployments.map((result) => result.status)).toEqual(["fail", "fail"]);
    expect(deployments[0]?.detail).toMatch(/^GET \/health\?model=a answered 403: the load balancer serves LiteLLM's admin paths only to addresses in adminCidrs/);
    const create = results.find((result) => result.name === "virtual key: create");
    expect(create?.status).toBe("fail");
    expect(create?.detail).toContain("POST /key/generate answered 403");
    expect(create?.detail).toContain("adminCidrs");
    expect(create?.detail).toContain("leave out --admin");
    expect(requests.some((request) => request.path === "/key/delete")).toBe(false);
    expect(smokeExitCode(results)).toBe(1);
  });

  it("with --admin from inside adminCidrs: the admin checks run and pass", async () => {
    const { fetch } = gateway(["a"], { adminAllowed: true });

    const results = await runSmokeChecks({ baseUrl: "https://llm.example.com", masterKey: MASTER_KEY, expectedAliases: ["a"], adminPlane: true, fetch });

    expect(results.find((result) => result.name === "virtual key: create")?.detail).not.toContain("403");
  });
});

describe("the client-path deployment probe", () => {
  const target = { model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" };
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): ProbeOutcome => ({
    ok: true,
    exchange: { status, body, text: JSON.stringify(body), headers: new Headers(headers) },
  });
  const probe = (outcome: ProbeOutcome) =>
    checkDeploymentsThroughClientApi(() => Promise.resolve(outcome), ["claude-sonnet"], { "claude-sonnet": [target] }, { prompt: "ok", maxTokens: 16, knownSecrets: [MASTER_KEY] });

  it("fails when another deployment answered (a fallback slipped through)", async () => {
    const [result] = await probe(answer(200, { choices: [{}] }, { "x-litellm-model-name": "openai/gpt-4.1" }));

    expect(result).toEqual({
      name: "deployments claude-sonnet",
      status: "fail",
      detail: `1 of 1 cannot be invoked: ${target.model} (us-east-1): answered by openai/gpt-4.1 instead (a fallback or another deployment), so this deployment was not proven`,
    });
  });

  it("tells LiteLLM's own 403 (a provider's denial, with the Bedrock model-access hint) from the listener's or the WAF's", async () => {
    const [denied] = await probe(answer(403, { error: { message: `litellm.PermissionDeniedError: Model access is denied due to aws-marketplace:Subscribe ${MASTER_KEY}` } }));
    const [blocked] = await probe({ ok: true, exchange: { status: 403, body: undefined, text: "<html>403 Forbidden</html>", headers: new Headers() } });

    expect(denied?.detail).toContain("the account has not enabled this Bedrock model");
    expect(denied?.detail).not.toContain(MASTER_KEY);
    expect(blocked?.detail).toContain("answered 403 before LiteLLM: the load balancer answers 403 to callers outside allowedCidrs");
  });
});

describe("telling the listener's 403 from LiteLLM's", () => {
  it("reads the listener's own answer (OpenAI-shaped, code path_not_allowed) as not LiteLLM's", () => {
    expect(isLitellmError(JSON.parse(DENIED_RESPONSE.messageBody))).toBe(false);
  });

  it("reads LiteLLM's errors (error.message, or FastAPI's detail) as LiteLLM's", () => {
    expect(isLitellmError({ error: { message: "Authentication Error, invalid key", type: "auth_error", code: "401" } })).toBe(true);
    expect(isLitellmError({ detail: "Not Found" })).toBe(true);
    expect(isLitellmError("Forbidden")).toBe(false);
  });
});
