/**
 * The per-deployment check (`npm run smoke -- --completions`) against the pinned LiteLLM release on
 * loopback, serving prod's catalog deployment for deployment (stack-deployments-on-fake.ts):
 * claude-sonnet load-balances Anthropic (weight 2) and Bedrock (weight 1) and falls back to
 * gpt-4.1, as in config/catalog.ts.
 *
 * First with the Bedrock deployment kept exactly as the catalog declares it and no AWS credentials
 * in the proxy: the way a Bedrock model the account has not enabled fails, here before any byte
 * leaves the machine. Then with every deployment on the fake provider, so each can be broken alone.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { servedAliasNames } from "../../config/catalog/catalog-for-stack";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { runSmokeCommand } from "../../scripts/smoke";
import type { SmokeCommandIo } from "../../scripts/smoke";
import { ANSWERING_DEPLOYMENT_HEADER, probeRequest } from "../../scripts/smoke/client-deployment-probe";
import { deploymentTargets } from "../../scripts/smoke/deployment-targets";
import type { DeploymentTargets } from "../../scripts/smoke/deployment-targets";
import { runSmokeChecks } from "../../scripts/smoke/smoke-checks";
import type { CheckResult, SmokeFetch } from "../../scripts/smoke/smoke-checks";
import { startFakeProvider } from "../e2e/fake-provider";
import type { FakeProvider } from "../e2e/fake-provider";
import { startLitellm } from "../e2e/litellm-launcher";
import type { RunningProxy } from "../e2e/litellm-launcher";
import {
  FAKE_ANTHROPIC_KEY_ENV,
  FAKE_OPENAI_KEY_ENV,
  fakeDeploymentLabel,
  fakeModelForDeployment,
  NO_AWS_CREDENTIALS_ENV,
  stackDeploymentsOnFake,
} from "./stack-deployments-on-fake";
import type { DeploymentsOnFakeOptions } from "./stack-deployments-on-fake";

const STACK = "prod";
const PROD_ALIASES = servedAliasNames(catalog, STACK);
const LOAD_BALANCED = "claude-sonnet";
const [ANTHROPIC_DEPLOYMENT, BEDROCK_DEPLOYMENT] = catalog.aliases[LOAD_BALANCED].deployments;
if (ANTHROPIC_DEPLOYMENT?.provider !== "anthropic" || BEDROCK_DEPLOYMENT?.provider !== "bedrock") {
  throw new Error(`these tests expect ${LOAD_BALANCED} to be [anthropic, bedrock] in config/catalog.ts`);
}
/** The variable the CLI tests pass the master key in. */
const KEY_VARIABLE = "SMOKE_TEST_MASTER_KEY";
/** Enough requests that the 1-in-3 Bedrock pick comes up: P(never) = (2/3)^20 < 0.1 %. */
const HIDDEN_FAILURE_ATTEMPTS = 20;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

function byName(results: readonly CheckResult[], name: string): CheckResult | undefined {
  return results.find((result) => result.name === name);
}

/** Starts the fake and a LiteLLM serving prod's catalog on it; returns the keys it was given. */
function servingProd(options: DeploymentsOnFakeOptions) {
  const keys = { master: secretKey(), openai: secretKey(), anthropic: secretKey() };
  const running: { fake?: FakeProvider; proxy?: RunningProxy; deployments?: DeploymentTargets } = {};
  beforeAll(async () => {
    running.fake = await startFakeProvider();
    const rendered = renderLitellmConfig(stackDeploymentsOnFake(STACK, running.fake.origin, options), { stack: STACK });
    running.deployments = deploymentTargets(rendered.yaml);
    running.proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: {
        [MASTER_KEY_ENV]: keys.master,
        [SALT_KEY_ENV]: secretKey(),
        [FAKE_OPENAI_KEY_ENV]: keys.openai,
        [FAKE_ANTHROPIC_KEY_ENV]: keys.anthropic,
        ...NO_AWS_CREDENTIALS_ENV,
      },
    });
  });
  afterAll(async () => {
    await running.proxy?.stop();
    await running.fake?.close();
  });
  const fake = () => running.fake as FakeProvider;
  const origin = () => (running.proxy as RunningProxy).origin;
  const deployments = () => running.deployments as DeploymentTargets;
  return { keys, fake, origin, deployments };
}

/** A fetch that records every path it is asked for, then really sends the request. */
function recordingFetch(paths: string[]): SmokeFetch {
  return (url, init) => {
    paths.push(new URL(url).pathname);
    return fetch(url, init);
  };
}

/** LiteLLM's admin paths the load balancer refuses outside adminCidrs, as the smoke test may call them. */
function adminPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => path === "/health" || path.startsWith("/key/"));
}

async function completion(origin: string, key: string, alias: string): Promise<number> {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: alias, messages: [{ role: "user", content: "hi" }], max_tokens: 4 }),
  });
  await response.text();
  return response.status;
}

describe("a Bedrock deployment that cannot be invoked, behind claude-sonnet's healthy Anthropic deployment", () => {
  const { keys, fake, origin } = servingProd({ bedrock: "no-credentials" });

  it("stays hidden from clients: every claude-sonnet request succeeds (Anthropic, or the gpt-4.1 fallback)", async () => {
    fake().clearLog();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < HIDDEN_FAILURE_ATTEMPTS; attempt++) {
      statuses.push(await completion(origin(), keys.master, LOAD_BALANCED));
    }

    expect(statuses).toEqual(statuses.map(() => 200));
    // Some of them were routed to Bedrock, failed there and were answered by the fallback.
    const [fallback] = catalog.aliases[LOAD_BALANCED].fallbacks ?? [];
    const fallbackModel = fakeModelForDeployment(fallback, catalog.aliases[fallback].deployments[0]);
    expect(fake().requestsFor(fallbackModel).length).toBeGreaterThan(0);
    expect(fake().requestsFor(fakeModelForDeployment(LOAD_BALANCED, ANTHROPIC_DEPLOYMENT)).length).toBeLessThan(HIDDEN_FAILURE_ATTEMPTS);
  });

  it("fails `npm run smoke -- --completions --admin` (/health), naming the alias and the Bedrock model, while the alias's completion passes", async () => {
    const lines: string[] = [];
    const io: SmokeCommandIo = { env: { [KEY_VARIABLE]: keys.master }, print: (line) => lines.push(line), printError: (line) => lines.push(line) };

    const code = await runSmokeCommand(["--stack", STACK, "--url", origin(), "--master-key-env", KEY_VARIABLE, "--completions", "--admin"], io);

    expect(code).toBe(1);
    // The old check: one completion per alias passes.
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^✓ completion ${LOAD_BALANCED}: `)));
    // The new one names the deployment that cannot answer, and only that one.
    const failed = lines.find((line) => line.startsWith(`✗ deployments ${LOAD_BALANCED}: `));
    expect(failed).toBe(
      `✗ deployments ${LOAD_BALANCED}: 1 of 2 cannot be invoked: bedrock/${BEDROCK_DEPLOYMENT.model} (us-east-1): ` +
        "litellm.AuthenticationError: BedrockException Invalid Authentication - Unable to locate credentials",
    );
    for (const alias of PROD_ALIASES.filter((name) => name !== LOAD_BALANCED)) {
      expect(lines.filter((line) => line.startsWith(`✓ deployments ${alias}: 1 of 1 answered (`))).toHaveLength(1);
    }
    const output = lines.join("\n");
    for (const key of Object.values(keys)) {
      expect(output).not.toContain(key);
    }
  });
});

describe("the same Bedrock deployment, probed through the client API (no --admin)", () => {
  const { keys, origin, deployments } = servingProd({ bedrock: "no-credentials" });

  it("fails claude-sonnet's deployments check naming the Bedrock model, without calling an admin path", async () => {
    const paths: string[] = [];

    const results = await runSmokeChecks({
      baseUrl: origin(),
      masterKey: keys.master,
      expectedAliases: PROD_ALIASES,
      completions: true,
      deployments: deployments(),
      fetch: recordingFetch(paths),
    });

    expect(byName(results, `completion ${LOAD_BALANCED}`)?.status).toBe("pass");
    const check = byName(results, `deployments ${LOAD_BALANCED}`);
    expect(check?.status).toBe("fail");
    expect(check?.detail).toMatch(new RegExp(`^1 of 2 cannot be invoked: bedrock/${BEDROCK_DEPLOYMENT.model.replace(/\./g, "\\.")} \\(us-east-1\\): .*Unable to locate credentials`));
    expect(adminPaths(paths)).toEqual([]);
    const output = results.map((result) => result.detail).join("\n");
    for (const key of Object.values(keys)) {
      expect(output).not.toContain(key);
    }
  });
});

describe("every deployment of prod's catalog on the fake provider", () => {
  const { keys, fake, origin, deployments } = servingProd({ bedrock: "fake" });
  const bedrockStandIn = fakeModelForDeployment(LOAD_BALANCED, BEDROCK_DEPLOYMENT);
  const anthropicLabel = fakeDeploymentLabel(LOAD_BALANCED, ANTHROPIC_DEPLOYMENT);
  const bedrockLabel = fakeDeploymentLabel(LOAD_BALANCED, BEDROCK_DEPLOYMENT);

  beforeEach(() => {
    fake().clearLog();
    for (const alias of PROD_ALIASES) {
      for (const deployment of catalog.aliases[alias].deployments) {
        fake().setBehaviour(fakeModelForDeployment(alias, deployment), { kind: "ok" });
      }
    }
  });

  it("passes every deployments check when every deployment answers, having called the Bedrock stand-in itself", async () => {
    const results = await runSmokeChecks({ baseUrl: origin(), masterKey: keys.master, expectedAliases: PROD_ALIASES, completions: true, adminPlane: true });

    const deploymentChecks = results.filter((result) => result.name.startsWith("deployments "));
    expect(deploymentChecks.map((result) => [result.name, result.status])).toEqual(PROD_ALIASES.map((alias) => [`deployments ${alias}`, "pass"]));
    expect(byName(results, `deployments ${LOAD_BALANCED}`)?.detail).toBe(`2 of 2 answered (${anthropicLabel}, ${bedrockLabel})`);
    // Nothing else fails but the virtual key, which needs a database this proxy does not have.
    expect(results.filter((result) => result.status === "fail").map((result) => result.name)).toEqual(["virtual key: create"]);
    // The Bedrock stand-in was called although the one completion for its alias may have gone to Anthropic.
    expect(fake().requestsFor(bedrockStandIn).length).toBeGreaterThanOrEqual(1);
  });

  it("fails claude-sonnet's deployments check, naming the broken deployment, while its completion passes", async () => {
    fake().setBehaviour(bedrockStandIn, { kind: "server-error" });

    const results = await runSmokeChecks({ baseUrl: origin(), masterKey: keys.master, expectedAliases: PROD_ALIASES, completions: true, adminPlane: true });

    expect(byName(results, `completion ${LOAD_BALANCED}`)?.status).toBe("pass");
    const check = byName(results, `deployments ${LOAD_BALANCED}`);
    expect(check?.status).toBe("fail");
    expect(check?.detail).toMatch(new RegExp(`^1 of 2 cannot be invoked: ${bedrockLabel}: litellm\\.InternalServerError: `));
    expect(check?.detail).not.toContain(anthropicLabel);
    expect(check?.detail).not.toContain("stack trace");
    for (const alias of PROD_ALIASES.filter((name) => name !== LOAD_BALANCED)) {
      expect(byName(results, `deployments ${alias}`)?.status).toBe("pass");
    }
  });

  it("never prints a provider key, even when the provider quotes it back and LiteLLM's /health passes it on", async () => {
    fake().setBehaviour(bedrockStandIn, { kind: "invalid-key-echoed" });
    // The threat is real: LiteLLM's own answer carries the key in the error text.
    const raw = await fetch(`${origin()}/health?model=${LOAD_BALANCED}`, { headers: { authorization: `Bearer ${keys.master}` } });
    expect(await raw.text()).toContain(keys.openai);

    const results = await runSmokeChecks({ baseUrl: origin(), masterKey: keys.master, expectedAliases: PROD_ALIASES, completions: true, adminPlane: true });

    const check = byName(results, `deployments ${LOAD_BALANCED}`);
    expect(check?.status).toBe("fail");
    expect(check?.detail).toContain(`${bedrockLabel}: litellm.AuthenticationError: `);
    expect(check?.detail).toContain("Incorrect API key provided: <redacted>");
    const everything = results.map((result) => result.detail).join("\n");
    for (const key of Object.values(keys)) {
      expect(everything).not.toContain(key);
    }
  });

  it("through the client API: each deployment alone, fallbacks off, answered by that very deployment (x-litellm-model-name)", async () => {
    const target = deployments()[LOAD_BALANCED].find((candidate) => candidate.model.endsWith(fakeModelForDeployment(LOAD_BALANCED, BEDROCK_DEPLOYMENT)));
    if (target === undefined) {
      throw new Error("no Bedrock stand-in among claude-sonnet's rendered deployments");
    }
    const response = await fetch(`${origin()}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.master}`, "content-type": "application/json" },
      body: JSON.stringify(probeRequest(target, "hi", 4)),
    });
    await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get(ANSWERING_DEPLOYMENT_HEADER)).toBe(target.model);
    expect(fake().requestsFor(bedrockStandIn)).toHaveLength(1);
  });

  it("through the client API: fails claude-sonnet's deployments check naming the broken deployment, while its completion passes", async () => {
    fake().setBehaviour(bedrockStandIn, { kind: "server-error" });
    const paths: string[] = [];

    const results = await runSmokeChecks({
      baseUrl: origin(),
      masterKey: keys.master,
      expectedAliases: PROD_ALIASES,
      completions: true,
      deployments: deployments(),
      fetch: recordingFetch(paths),
    });

    expect(byName(results, `completion ${LOAD_BALANCED}`)?.status).toBe("pass");
    const check = byName(results, `deployments ${LOAD_BALANCED}`);
    expect(check?.status).toBe("fail");
    expect(check?.detail).toMatch(new RegExp(`^1 of 2 cannot be invoked: ${bedrockLabel}: litellm\\.InternalServerError: `));
    expect(check?.detail).not.toContain(anthropicLabel);
    for (const alias of PROD_ALIASES.filter((name) => name !== LOAD_BALANCED)) {
      expect(byName(results, `deployments ${alias}`)?.status).toBe("pass");
    }
    // Admin paths untouched: the virtual key is skipped, not attempted.
    expect(adminPaths(paths)).toEqual([]);
    expect(byName(results, "virtual key")?.status).toBe("skip");
  });

  it("through the client API: passes every deployments check when every deployment answers", async () => {
    const results = await runSmokeChecks({ baseUrl: origin(), masterKey: keys.master, expectedAliases: PROD_ALIASES, completions: true, deployments: deployments() });

    expect(results.filter((result) => result.name.startsWith("deployments ")).map((result) => [result.name, result.status])).toEqual(
      PROD_ALIASES.map((alias) => [`deployments ${alias}`, "pass"]),
    );
    expect(byName(results, `deployments ${LOAD_BALANCED}`)?.detail).toBe(`2 of 2 answered (${anthropicLabel}, ${bedrockLabel})`);
    expect(results.filter((result) => result.status === "fail")).toEqual([]);
  });
});
