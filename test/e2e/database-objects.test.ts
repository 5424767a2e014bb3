/**
 * The catalog is the only source of models: the config.yaml each stack deploys, loaded by the
 * pinned LiteLLM's own ProxyConfig.load_config, makes LiteLLM's own should_load_db_object refuse
 * every object type it could read from its database (models, pass-through endpoints, guardrails,
 * MCP servers, config overrides, ...), and store_model_in_db is false. So what a leaked master key
 * stores through /model/new or /config/update is never served (database-objects.py).
 *
 * What this does not show: a running proxy with a database (Prisma's engines cannot be downloaded
 * here); the decision is LiteLLM's own function on LiteLLM's own loaded settings.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../../config/render/stack-render-options";
import { requireLitellm, REPO_ROOT, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);
/** Importing the proxy takes about 11 s of CPU; on a shared 2-core machine close to a minute. */
const LOAD_TIMEOUT_MS = 240_000;
/** LiteLLM logs while it loads; the result is the last line. */
const PROBE_OUTPUT_BYTES = 64 * 1024 * 1024;
const PROBE = path.join(__dirname, "database-objects.py");
const directory = mkdtempSync(path.join(tmpdir(), "litellm-db-objects-"));

interface ProbeResult {
  readonly loads: Record<string, boolean>;
  readonly store_model_in_db: unknown;
}

async function probe(configYaml: string, name: string): Promise<ProbeResult> {
  requireLitellm();
  const file = path.join(directory, `${name}.yaml`);
  writeFileSync(file, configYaml);
  // Provider keys are os.environ/ references: give them dummy values, as the task's secrets would.
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? directory,
    OPENAI_API_KEY: "dummy-openai",
    ANTHROPIC_API_KEY: "dummy-anthropic",
  };
  const { stdout } = await run(VENV_PYTHON, [PROBE, file], { env, cwd: directory, timeout: LOAD_TIMEOUT_MS, maxBuffer: PROBE_OUTPUT_BYTES });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("RESULT "));
  if (line === undefined) {
    throw new Error(`database-objects.py printed no result:\n${stdout}`);
  }
  return JSON.parse(line.slice("RESULT ".length)) as ProbeResult;
}

function stackConfig(stack: string): string {
  const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
  if (settings === undefined) {
    throw new Error(`Pulumi.${stack}.yaml is missing`);
  }
  return renderLitellmConfig(catalog, renderOptionsForStack(stack, settings)).yaml;
}

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("objects stored in LiteLLM's database (pinned LiteLLM)", () => {
  it.each(["dev", "prod"])("the %s config loads none of them, and store_model_in_db is false", async (stack) => {
    const result = await probe(stackConfig(stack), stack);
    expect(Object.keys(result.loads)).toContain("models");
    expect(Object.entries(result.loads).filter(([, loads]) => loads)).toEqual([]);
    expect(result.store_model_in_db).toBe(false);
  }, LOAD_TIMEOUT_MS);

  it("a config without the pin would load them all (the probe can tell)", async () => {
    const unpinned = stackConfig("dev").replace(/^ {2}store_model_in_db: false\n {2}supported_db_objects: \[\]\n/m, "");
    expect(unpinned).not.toContain("supported_db_objects");
    const result = await probe(unpinned, "unpinned");
    expect(result.loads.models).toBe(true);
  }, LOAD_TIMEOUT_MS);
});
