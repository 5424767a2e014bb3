/**
 * Generated valid catalogs (a fixed seed, so every run checks the same ones), each rendered with the
 * options of generated valid stack settings (Redis, key limits, trusted proxies, Admin UI), are
 * loaded by the pinned LiteLLM's own ProxyConfig.load_config in one Python process: each must load,
 * and its router must serve exactly the aliases the renderer says it serves. The fast tier checks
 * the structure of far more (test/catalog/catalog-robustness.test.ts); this is LiteLLM's word on it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import type { RenderedLitellmConfig } from "../../config/render/render-litellm-config";
import { renderOptionsForStack } from "../../config/render/stack-render-options";
import { parseStackSettings, StackSettingsError } from "../../config/settings/stack-settings";
import type { StackSettings } from "../../config/settings/stack-settings";
import { fullValidCatalogArbitrary, GENERATED_STACK } from "../catalog/catalog-arbitraries";
import { stackSettingsArbitrary } from "../catalog/stack-settings-arbitraries";
import { requireLitellm, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);
const SEED = 20_261_202;
const CONFIGS = 24;
/**
 * Importing LiteLLM's proxy costs about 11 s of CPU and each load a fraction of one, but a config
 * with Redis waits on its (closed) port; on a shared 2-core machine allow ten minutes.
 */
const LOAD_TIMEOUT_MS = 600_000;
/** LiteLLM logs a lot (the Redis connection errors included); keep it all. */
const OUTPUT_LIMIT_BYTES = 64 * 1024 * 1024;
const SCRIPT = path.join(__dirname, "rendered-config-loads.py");
/** Redis on a closed loopback port: loading must not depend on reaching it. */
const DEPLOYMENT_VALUES: Readonly<Record<string, string>> = { REDIS_HOST: "127.0.0.1", REDIS_PORT: "1", REDIS_PASSWORD: "unused" };
const directory = mkdtempSync(path.join(tmpdir(), "litellm-load-"));

interface LoadResult {
  readonly path: string;
  readonly error?: string;
  readonly models?: string[];
  readonly router_models?: string[];
  readonly seconds?: number;
}

/** Valid stack settings from the same generator the fast tier uses, a few of each kind. */
function generatedSettings(count: number): StackSettings[] {
  const accepted: StackSettings[] = [];
  for (const raw of fc.sample(stackSettingsArbitrary, { seed: SEED, numRuns: count * 10 })) {
    try {
      accepted.push(parseStackSettings(raw));
    } catch (error) {
      if (!(error instanceof StackSettingsError)) {
        throw error;
      }
    }
  }
  return accepted.slice(0, count);
}

function renderedConfigs(): RenderedLitellmConfig[] {
  const catalogs = fc.sample(fullValidCatalogArbitrary, { seed: SEED, numRuns: CONFIGS });
  const settings = generatedSettings(CONFIGS);
  // Every third config has no settings at all (render's own defaults).
  return catalogs.map((catalog, index) =>
    renderLitellmConfig(catalog, index % 3 === 0 || settings.length === 0 ? { stack: GENERATED_STACK } : renderOptionsForStack(GENERATED_STACK, settings[index % settings.length])),
  );
}

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("the pinned LiteLLM loads rendered configs of generated catalogs", { timeout: LOAD_TIMEOUT_MS }, () => {
  it(`${CONFIGS} generated catalogs each load, and the router serves exactly the rendered aliases`, async () => {
    requireLitellm();
    const rendered = renderedConfigs();
    // The sample covers what it claims: some configs carry Redis and key limits, some do not.
    expect(rendered.some((config) => config.deploymentEnvNames.length > 0)).toBe(true);
    expect(rendered.some((config) => config.yaml.includes("upperbound_key_generate_params"))).toBe(true);
    expect(rendered.some((config) => config.deploymentEnvNames.length === 0)).toBe(true);
    const configs = rendered.map((config, index) => {
      const configPath = path.join(directory, `config-${index}.yaml`);
      writeFileSync(configPath, config.yaml);
      const env = {
        ...Object.fromEntries(config.secretEnvNames.map((name) => [name, `dummy-${name.toLowerCase()}`])),
        ...Object.fromEntries(config.deploymentEnvNames.map((name) => [name, DEPLOYMENT_VALUES[name] ?? "unused"])),
      };
      return { path: configPath, env };
    });
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: directory };
    const { stdout } = await run(VENV_PYTHON, [SCRIPT, JSON.stringify(configs)], { env, cwd: directory, maxBuffer: OUTPUT_LIMIT_BYTES });
    const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
    expect(line, stdout).toBeDefined();
    const results = JSON.parse((line as string).slice("RESULT ".length)) as LoadResult[];
    expect(results).toHaveLength(rendered.length);
    process.stdout.write(`load_config seconds per config: ${results.map((result) => result.seconds).join(", ")}\n`);
    results.forEach((result, index) => {
      const expected = [...rendered[index].aliases].sort();
      expect({ config: index, error: result.error }).toEqual({ config: index, error: undefined });
      expect(result.models, rendered[index].yaml).toEqual(expected);
      expect(result.router_models, rendered[index].yaml).toEqual(expected);
    });
  });
});
