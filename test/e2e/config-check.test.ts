/**
 * The pinned release's own config check (`litellm --validate_config`) on the configs the stacks
 * deploy, and what that check cannot see: an `os.environ/` variable the task would not receive.
 * Our check (config/render/missing-env-check.ts) catches that before LiteLLM ever starts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { catalog } from "../../config/catalog";
import { defineCatalog } from "../../config/catalog/define-catalog";
import { MASTER_KEY_ENV, proxyEnvironment } from "../../config/litellm/proxy-runtime";
import { assertEnvironmentComplete, findEnvReferences, findMissingEnv, MissingEnvironmentError } from "../../config/render/missing-env-check";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../../config/render/stack-render-options";
import { requireLitellm } from "./e2e-prerequisites";
import { E2E_KEEP_ALIVE_TIMEOUT_SECONDS, startLitellm } from "./litellm-launcher";

const run = promisify(execFile);
/**
 * `litellm --validate_config` imports the whole proxy (about 11 s of CPU for the prod config); on a
 * shared 2-core machine one call took close to a minute, so these tests get three.
 */
const VALIDATE_CONFIG_TIMEOUT_MS = 180_000;
const directory = mkdtempSync(path.join(tmpdir(), "litellm-validate-"));

interface ValidationResult {
  readonly exitCode: number;
  readonly output: string;
}

/** Runs `litellm --validate_config` with the task's plain variables plus `secrets`. */
async function validateConfig(name: string, yaml: string, secrets: Record<string, string>): Promise<ValidationResult> {
  const configPath = path.join(directory, `${name}.yaml`);
  writeFileSync(configPath, yaml);
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? directory,
    ...proxyEnvironment({ workers: 1, keepAliveTimeoutSeconds: E2E_KEEP_ALIVE_TIMEOUT_SECONDS, configSource: { kind: "file", path: configPath } }),
    ...secrets,
  };
  try {
    const { stdout, stderr } = await run(requireLitellm(), ["--validate_config", "--config", configPath], { env, cwd: directory });
    return { exitCode: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

function dummySecrets(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, `dummy-${name.toLowerCase()}`]));
}

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("LiteLLM's own config check on the deployed configs", { timeout: VALIDATE_CONFIG_TIMEOUT_MS }, () => {
  it.each(["dev", "prod"])("accepts the %s stack's rendered config.yaml, with every model", async (stack) => {
    // Exactly what the committed stack deploys: prod's config carries its Redis settings too.
    const settings = readStackFileSettings(path.join(__dirname, "..", "..", `Pulumi.${stack}.yaml`));
    if (settings === undefined) {
      throw new Error(`Pulumi.${stack}.yaml is missing`);
    }
    const rendered = renderLitellmConfig(catalog, renderOptionsForStack(stack, settings));
    const modelCount = (parse(rendered.yaml) as { model_list: unknown[] }).model_list.length;
    // Redis on a closed loopback port: the check must not depend on reaching it.
    const deploymentValues = { REDIS_HOST: "127.0.0.1", REDIS_PORT: "1", REDIS_PASSWORD: "unused" };
    const result = await validateConfig(stack, rendered.yaml, {
      ...dummySecrets(rendered.secretEnvNames),
      ...Object.fromEntries(rendered.deploymentEnvNames.map((name) => [name, deploymentValues[name as keyof typeof deploymentValues] ?? "unused"])),
    });
    expect(result.output).toContain(`LiteLLM: config OK (${modelCount} models)`);
    expect(result.exitCode).toBe(0);
  });

  it("has teeth: it rejects a routing strategy the release does not know", async () => {
    const rendered = renderLitellmConfig(catalog, { stack: "dev" });
    const broken = rendered.yaml.replace("routing_strategy: simple-shuffle", "routing_strategy: fastest-first");
    expect(broken).not.toBe(rendered.yaml);
    const result = await validateConfig("broken", broken, dummySecrets(rendered.secretEnvNames));
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain("Invalid routing_strategy");
  });
});

describe("a variable the task would not receive", { timeout: VALIDATE_CONFIG_TIMEOUT_MS }, () => {
  const withUnsetKey = () =>
    renderLitellmConfig(
      defineCatalog({
        aliases: { orphan: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "UNSET_PROVIDER_KEY" }] } },
      }),
      { stack: "dev" },
    );

  it("passes LiteLLM's own check: LiteLLM would only fail on the first request", async () => {
    const rendered = withUnsetKey();
    const result = await validateConfig("unset-key", rendered.yaml, {});
    expect(result.exitCode).toBe(0);
  });

  it("is found in the rendered text and reported by name", () => {
    const rendered = withUnsetKey();
    expect(findEnvReferences(rendered.yaml)).toEqual(["UNSET_PROVIDER_KEY"]);
    expect(findMissingEnv(rendered.secretEnvNames, { OTHER: "x" })).toEqual(["UNSET_PROVIDER_KEY"]);
    // An empty value is as bad as none: the provider would get an empty key.
    expect(findMissingEnv(["A", "B"], { A: "", B: "set" })).toEqual(["A"]);
    expect(() => assertEnvironmentComplete(rendered.yaml, rendered.secretEnvNames, { UNSET_PROVIDER_KEY: "set" })).not.toThrow();
  });

  it("stops the launcher before LiteLLM is started", async () => {
    const rendered = withUnsetKey();
    const launch = startLitellm({ configYaml: rendered.yaml, secretEnvNames: rendered.secretEnvNames, secrets: { [MASTER_KEY_ENV]: "sk-unused" } });
    await expect(launch).rejects.toBeInstanceOf(MissingEnvironmentError);
    await expect(launch).rejects.toThrow(/os\.environ\/UNSET_PROVIDER_KEY/);
  });

  it("is caught even when the renderer's list misses a reference the text contains", () => {
    const yaml = "model_list:\n  - model_name: x\n    litellm_params: { model: openai/x, api_key: os.environ/HAND_EDITED_KEY }\n";
    expect(() => assertEnvironmentComplete(yaml, [], {})).toThrow(MissingEnvironmentError);
  });
});
