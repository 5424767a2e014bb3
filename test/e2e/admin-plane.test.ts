/**
 * LiteLLM's admin plane as the stack configures it, against the pinned release started exactly as
 * the ECS task starts it (test/e2e/litellm-launcher.ts): the process environment from
 * proxyEnvironment, the Admin UI variables from adminUiEnvironment (the gateway passes the same),
 * UI_PASSWORD as the task's secret would hold it, and config.yaml from the renderer with the
 * stack's admin-plane options. One difference, stated: the trusted proxy range is loopback
 * (127.0.0.0/8), where the test client connects from, standing in for the VPC range the load
 * balancer's nodes connect from.
 *
 * With no database here (Prisma's engines cannot be fetched), a sign-in whose credentials match
 * goes on to mint a session key and fails with LiteLLM's "No Database connected" 500
 * (litellm/proxy/auth/login_utils.py _sign_in); wrong or refused credentials answer 401 before
 * that. So "past the credential check" is the observable for an accepted password.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isClientApiPath } from "../../config/access/client-api-paths";
import { adminUiEnvironment, MASTER_KEY_ENV, SALT_KEY_ENV, UI_PASSWORD_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { RunningProxy } from "./litellm-launcher";
import { buildTestCatalog, PROVIDER_KEY_ENVS } from "./test-catalog";

/** Where the test client connects from: the stand-in for the load balancer's VPC. */
const LOOPBACK_PROXY_RANGE = "127.0.0.0/8";
/** LiteLLM's defaults (litellm/proxy/auth/login_throttle.py): 10 failures per source, half per username. */
const FAILURES_BEFORE_PAIR_BLOCK = 5;

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

interface SignIn {
  readonly status: number;
  readonly body: string;
}

/** POST /login as the UI's form does, optionally through a "load balancer" that appended forwardedFor. */
async function signIn(proxy: RunningProxy, username: string, password: string, forwardedFor?: string): Promise<SignIn> {
  const response = await fetch(`${proxy.origin}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }) },
    body: new URLSearchParams({ username, password }).toString(),
    redirect: "manual",
  });
  return { status: response.status, body: await response.text() };
}

/** A request whose path goes out byte for byte (fetch would resolve dot segments first). */
function rawGet(proxy: RunningProxy, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: proxy.port, path, method: "GET", headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

function secrets(masterKey: string, extra: Record<string, string>): Record<string, string> {
  const providerKeys = Object.fromEntries(Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]));
  return { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys, ...extra };
}

describe("the admin plane in the pinned LiteLLM release", () => {
  let fake: FakeProvider;

  beforeAll(async () => {
    fake = await startFakeProvider();
  });

  afterAll(async () => {
    await fake?.close();
  });

  describe("with the stack's defaults: Admin UI off", () => {
    const masterKey = secretKey();
    let proxy: RunningProxy;

    beforeAll(async () => {
      const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e", trustedProxyRanges: [LOOPBACK_PROXY_RANGE], adminUi: false });
      proxy = await startLitellm({
        configYaml: rendered.yaml,
        secretEnvNames: rendered.secretEnvNames,
        secrets: secrets(masterKey, adminUiEnvironment(false)),
      });
    });

    afterAll(async () => {
      await proxy?.stop();
    });

    it("serves no public API documentation: Swagger UI, ReDoc and the OpenAPI schema are gone", async () => {
      for (const path of ["/docs", "/redoc", "/openapi.json"]) {
        const response = await fetch(`${proxy.origin}${path}`);
        expect(response.status, path).toBe(404);
        await response.body?.cancel();
      }
      // LiteLLM's default docs_url is "/" (litellm/proxy/utils.py get_docs_url): with NO_DOCS the
      // root is LiteLLM's plain liveness answer, not the Swagger page.
      const root = await fetch(`${proxy.origin}/`);
      expect(await root.text()).toBe('"LiteLLM: RUNNING"');
    });

    it("turns the Admin UI's entry page off (DISABLE_ADMIN_UI)", async () => {
      const response = await fetch(`${proxy.origin}/sso/key/generate`, { redirect: "manual" });
      expect(await response.text()).toContain("Admin UI is Disabled");
    });

    it("refuses the master key as a UI password on every sign-in route, though DISABLE_ADMIN_UI does not guard them", async () => {
      const form = await signIn(proxy, "admin", masterKey);
      expect(form.status).toBe(401);
      expect(form.body).toContain("invalid_credentials");
      const json = await fetch(`${proxy.origin}/v2/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: masterKey }),
      });
      expect(json.status).toBe(401);
      expect(await json.text()).toContain("invalid_credentials");
    });

    it("routes paths the client rules would forward on their raw form only to client routes or 404, never to an admin route", async () => {
      const auth = { authorization: `Bearer ${masterKey}` };
      // The admin route itself answers with the master key (here: no database, so not a 404)...
      expect((await rawGet(proxy, "/key/list", auth)).status).not.toBe(404);
      // ...but smuggled behind a client prefix, LiteLLM matches no route: uvicorn decodes %2F,
      // Starlette does not resolve dot segments.
      for (const path of [
        "/v1/responses/..%2F..%2F..%2Fkey%2Flist",
        "/v1/responses/../../key/list",
        "/v1/responses/x/../../../key/list",
        "/v1/models/..%2F..%2Fkey%2Flist",
        "/v1/models/../../key/list",
      ]) {
        expect(isClientApiPath(path), path).toBe(true);
        expect((await rawGet(proxy, path, auth)).status, path).toBe(404);
      }
    });
  });

  describe("with adminUi: its own password", () => {
    const masterKey = secretKey();
    const uiPassword = randomBytes(20).toString("hex");
    let proxy: RunningProxy;

    beforeAll(async () => {
      const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e", trustedProxyRanges: [LOOPBACK_PROXY_RANGE], adminUi: true });
      proxy = await startLitellm({
        configYaml: rendered.yaml,
        secretEnvNames: rendered.secretEnvNames,
        secrets: secrets(masterKey, { ...adminUiEnvironment(true), [UI_PASSWORD_ENV]: uiPassword }),
      });
    });

    afterAll(async () => {
      await proxy?.stop();
    });

    it("serves the UI's sign-in page", async () => {
      const response = await fetch(`${proxy.origin}/sso/key/generate`, { redirect: "manual" });
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain("Admin UI is Disabled");
    });

    it("accepts UI_PASSWORD and refuses the master key as the password", async () => {
      const withMasterKey = await signIn(proxy, "admin", masterKey);
      expect(withMasterKey.status).toBe(401);
      expect(withMasterKey.body).toContain("invalid_credentials");
      // Past the credential check: only a matching UI_USERNAME/UI_PASSWORD reaches the session-key
      // step, which needs the database this test setup lacks.
      const withUiPassword = await signIn(proxy, "admin", uiPassword);
      expect(withUiPassword.status).not.toBe(401);
      expect(withUiPassword.body).toContain("Not connected to DB");
    });

    it("counts failed sign-ins per forwarded client address, the one the load balancer appended last", async () => {
      const attacker = "203.0.113.7";
      const admin = "198.51.100.9";
      for (let attempt = 0; attempt <= FAILURES_BEFORE_PAIR_BLOCK; attempt += 1) {
        expect((await signIn(proxy, "admin", "wrong-password", attacker)).status).toBe(401);
      }
      // The attacker's address is blocked, even with the right password...
      expect((await signIn(proxy, "admin", uiPassword, attacker)).status).toBe(429);
      // ...and prepending the admin's address to X-Forwarded-For does not help: LiteLLM walks the
      // header from the right and takes the first address outside the trusted range.
      expect((await signIn(proxy, "admin", uiPassword, `${admin}, ${attacker}`)).status).toBe(429);
      // The admin, arriving through the same "load balancer" (the same peer address), is not
      // locked out: without trusted_proxy_ranges every request would count against the peer.
      const adminSignIn = await signIn(proxy, "admin", uiPassword, admin);
      expect(adminSignIn.status).not.toBe(429);
      expect(adminSignIn.body).toContain("Not connected to DB");
    });
  });
});
