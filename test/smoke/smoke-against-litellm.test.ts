/**
 * The smoke test against the pinned LiteLLM release on loopback, started by the e2e suite's
 * launcher exactly as the ECS task starts it, serving the dev stack's aliases through the e2e
 * fake provider. The master key is supplied directly (--master-key-env), as an operator can.
 *
 * This LiteLLM has no database (Prisma's query engine cannot be downloaded here), so the
 * virtual-key checks cannot pass: the tests assert that they are reported as FAILED with the
 * reason, never as passed.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { servedAliasNames } from "../../config/catalog/catalog-for-stack";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { runSmokeCommand } from "../../scripts/smoke";
import type { SmokeCommandIo } from "../../scripts/smoke";
import { deploymentTargets } from "../../scripts/smoke/deployment-targets";
import type { DeploymentTargets } from "../../scripts/smoke/deployment-targets";
import { runSmokeChecks, smokeExitCode } from "../../scripts/smoke/smoke-checks";
import type { CheckResult, SmokeFetch } from "../../scripts/smoke/smoke-checks";
import { REPO_ROOT } from "../e2e/e2e-prerequisites";
import { startFakeProvider } from "../e2e/fake-provider";
import type { FakeProvider } from "../e2e/fake-provider";
import { startLitellm } from "../e2e/litellm-launcher";
import type { RunningProxy } from "../e2e/litellm-launcher";
import { FAKE_PROVIDER_KEY_ENV, fakeModelFor, stackAliasesOnFake } from "./stack-aliases-on-fake";

const DEV_ALIASES = servedAliasNames(catalog, "dev");
const PROD_ONLY_ALIASES = servedAliasNames(catalog, "prod").filter((alias) => !DEV_ALIASES.includes(alias));
const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
const SMOKE_SCRIPT = path.join(REPO_ROOT, "scripts", "smoke.ts");
/** The variable the CLI tests pass the master key in. */
const KEY_VARIABLE = "SMOKE_TEST_MASTER_KEY";

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

function byName(results: readonly CheckResult[], name: string): CheckResult | undefined {
  return results.find((result) => result.name === name);
}

describe("the smoke test against LiteLLM serving the dev stack's aliases", () => {
  const masterKey = secretKey();
  let fake: FakeProvider;
  let proxy: RunningProxy;
  let deployments: DeploymentTargets;

  beforeAll(async () => {
    fake = await startFakeProvider();
    const rendered = renderLitellmConfig(stackAliasesOnFake("dev", fake.origin), { stack: "dev" });
    deployments = deploymentTargets(rendered.yaml);
    proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), [FAKE_PROVIDER_KEY_ENV]: secretKey() },
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    await fake?.close();
  });

  beforeEach(() => {
    fake.clearLog();
    for (const alias of DEV_ALIASES) {
      fake.setBehaviour(fakeModelFor(alias), { kind: "ok" });
    }
  });

  it("passes liveness, readiness, models, one completion per alias and its deployments check on a healthy gateway", async () => {
    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey, expectedAliases: DEV_ALIASES, completions: true, deployments });

    const healthAndModels = [
      "liveness",
      "readiness",
      "models",
      ...DEV_ALIASES.map((alias) => `completion ${alias}`),
      ...DEV_ALIASES.map((alias) => `deployments ${alias}`),
    ];
    expect(healthAndModels.map((name) => [name, byName(results, name)?.status])).toEqual(healthAndModels.map((name) => [name, "pass"]));
    // Each completion, and each deployment's own probe (client API), really crossed the proxy to the alias's provider model.
    expect(fake.requests.map((request) => request.model).sort()).toEqual(DEV_ALIASES.flatMap((alias) => [fakeModelFor(alias), fakeModelFor(alias)]).sort());
  });

  it("reports the virtual-key check as failed, with the reason, against a proxy without a database", async () => {
    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey, expectedAliases: DEV_ALIASES, adminPlane: true });

    const virtualKeyResults = results.filter((result) => result.name.startsWith("virtual key"));
    expect(virtualKeyResults).toHaveLength(1);
    expect(virtualKeyResults[0]).toMatchObject({ name: "virtual key: create", status: "fail" });
    expect(virtualKeyResults[0]?.detail).toMatch(/POST \/key\/generate answered 500/);
    expect(virtualKeyResults[0]?.detail).toMatch(/no database connected, so virtual keys are impossible/);
    expect(smokeExitCode(results)).toBe(1);
  });

  it("fails the models check when the stack should serve an alias the proxy does not", async () => {
    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey, expectedAliases: [...DEV_ALIASES, "not-deployed-alias"] });

    const models = byName(results, "models");
    expect(models?.status).toBe("fail");
    expect(models?.detail).toContain("missing not-deployed-alias");
  });

  it("fails the models check when the proxy serves an alias the catalog does not list for the stack", async () => {
    const [kept, ...extra] = DEV_ALIASES;
    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey, expectedAliases: [kept] });

    const models = byName(results, "models");
    expect(models?.status).toBe("fail");
    expect(models?.detail).toContain(`not in the catalog for this stack ${extra.join(", ")}`);
  });

  it("fails the completion check of an alias whose provider errors, and only that one", async () => {
    const [broken, healthy] = DEV_ALIASES;
    fake.setBehaviour(fakeModelFor(broken), { kind: "server-error" });

    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey, expectedAliases: DEV_ALIASES, completions: true });

    expect(byName(results, `completion ${broken}`)?.status).toBe("fail");
    expect(byName(results, `completion ${broken}`)?.detail).toMatch(/answered 500/);
    expect(byName(results, `completion ${healthy}`)?.status).toBe("pass");
  });

  it("refuses a wrong master key on /v1/models", async () => {
    const results = await runSmokeChecks({ baseUrl: proxy.origin, masterKey: secretKey(), expectedAliases: DEV_ALIASES });

    expect(byName(results, "models")?.status).toBe("fail");
    // Liveness and readiness are public: they pass with any key.
    expect(byName(results, "liveness")?.status).toBe("pass");
  });

  describe("npm run smoke", () => {
    function capture(env: NodeJS.ProcessEnv, extra: Partial<SmokeCommandIo> = {}) {
      const lines: string[] = [];
      const errors: string[] = [];
      const io: SmokeCommandIo = { env, print: (line) => lines.push(line), printError: (line) => errors.push(line), ...extra };
      return { io, lines, errors };
    }

    it("with --admin, prints one line per check and exits 1 because virtual keys are impossible without a database", async () => {
      const { io, lines } = capture({ [KEY_VARIABLE]: masterKey });

      const code = await runSmokeCommand(["--stack", "dev", "--url", proxy.origin, "--master-key-env", KEY_VARIABLE, "--completions", "--admin"], io);

      expect(code).toBe(1);
      expect(lines).toContain(`✓ liveness: GET /health/liveliness answered 200`);
      expect(lines.filter((line) => line.startsWith("✓ completion "))).toHaveLength(DEV_ALIASES.length);
      expect(lines.find((line) => line.startsWith("✓ models: "))).toContain(DEV_ALIASES.join(", "));
      expect(lines.find((line) => line.startsWith("✗ virtual key: create: "))).toBeDefined();
      expect(lines.filter((line) => line.startsWith("✓ deployments "))).toHaveLength(DEV_ALIASES.length);
      expect(lines.at(-1)).toBe(`${3 + 2 * DEV_ALIASES.length} passed, 1 failed, 0 skipped`);
      // The key is never printed.
      expect(lines.join("\n")).not.toContain(masterKey);
    });

    it("without --admin, calls client API paths only, skips the virtual key saying why, and passes", async () => {
      const paths: string[] = [];
      const recording: SmokeFetch = (url, init) => {
        paths.push(new URL(url).pathname);
        return fetch(url, init);
      };
      const { io, lines } = capture({ [KEY_VARIABLE]: masterKey }, { fetch: recording });

      const code = await runSmokeCommand(["--stack", "dev", "--url", proxy.origin, "--master-key-env", KEY_VARIABLE], io);

      expect(code).toBe(0);
      expect([...new Set(paths)].sort()).toEqual(["/health/liveliness", "/health/readiness", "/v1/models"]);
      expect(lines.find((line) => line.startsWith("- virtual key: "))).toContain("pass --admin from an address in adminCidrs");
      expect(lines.at(-1)).toBe("3 passed, 0 failed, 2 skipped");
    });

    it("fails the models check when run for prod against a gateway serving dev's aliases", async () => {
      const { io, lines } = capture({ [KEY_VARIABLE]: masterKey });

      const code = await runSmokeCommand(["--stack", "prod", "--url", proxy.origin, "--master-key-env", KEY_VARIABLE], io);

      expect(code).toBe(1);
      expect(lines.find((line) => line.startsWith("✗ models: "))).toContain(`missing ${PROD_ONLY_ALIASES.join(", ")}`);
    });

    it("reads url and the master key's ARN from --outputs-file and the key from Secrets Manager", async () => {
      const directory = mkdtempSync(path.join(tmpdir(), "smoke-outputs-"));
      const outputsFile = path.join(directory, "outputs.json");
      const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:litellm-secrets-master-key-AbCdEf";
      writeFileSync(outputsFile, JSON.stringify({ url: proxy.origin, masterKeySecretArn: secretArn, models: DEV_ALIASES, clusterName: "c" }));
      const secretIds: unknown[] = [];
      const secretsClient = {
        send: (command: { input: { SecretId?: string } }) => {
          secretIds.push(command.input.SecretId);
          return Promise.resolve({ SecretString: masterKey });
        },
      } as unknown as SmokeCommandIo["secretsClient"];
      const { io, lines } = capture({}, { secretsClient });

      try {
        const code = await runSmokeCommand(["--stack", "acme/dev", "--outputs-file", outputsFile, "--admin"], io);
        expect(code).toBe(1);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }

      expect(secretIds).toEqual([secretArn]);
      expect(lines).toContain("✓ stack output models: the deployed program serves this checkout's catalog");
      expect(lines.find((line) => line.startsWith("✓ models: "))).toBeDefined();
    });

    it("exits 1 from the real entry point (tsx scripts/smoke.ts) when a check fails", () => {
      const run = spawnSync(TSX, [SMOKE_SCRIPT, "--stack", "dev", "--url", proxy.origin, "--master-key-env", KEY_VARIABLE, "--admin"], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, [KEY_VARIABLE]: masterKey },
        encoding: "utf8",
      });

      expect(run.status).toBe(1);
      expect(run.stdout).toContain("✓ readiness: GET /health/readiness answered 200");
      expect(run.stdout).toContain("✗ virtual key: create: ");
    });
  });
});
