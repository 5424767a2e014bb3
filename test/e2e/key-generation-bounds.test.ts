/**
 * The bounds on generated keys, proven against the pinned LiteLLM: the config.yaml the dev stack
 * deploys (and one with operator-set limits) is loaded by LiteLLM's own ProxyConfig.load_config,
 * and LiteLLM's own /key/generate bound check (_enforce_upperbound_key_params, as
 * _common_key_generation_helper calls it) then refuses requests above the bounds and fills the
 * empty fields (key-generation-bounds.py).
 *
 * What this proves: the keys we render are the ones LiteLLM reads, in the place it reads them, with
 * values its parser accepts, and they refuse or fill exactly as stated. What it does not: the whole
 * /key/generate request (which needs the database: virtual keys are stored through Prisma, whose
 * engines cannot be downloaded here), so the default_key_generate_params step that runs before the
 * bound check is shown loaded, not applied; and nothing here shows a budget being spent down.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../../config/render/stack-render-options";
import { requireLitellm, REPO_ROOT, VENV_PYTHON } from "./e2e-prerequisites";

const run = promisify(execFile);
/** Importing the proxy takes about 11 s of CPU; on a shared 2-core machine close to a minute. */
const LOAD_TIMEOUT_MS = 240_000;
const PROBE = path.join(__dirname, "key-generation-bounds.py");
const directory = mkdtempSync(path.join(tmpdir(), "litellm-key-bounds-"));

interface Attempt {
  readonly status: number | "accepted";
  readonly detail?: { error: string };
  readonly filled?: Record<string, unknown>;
}

interface ProbeResult {
  readonly upperbound: Record<string, unknown> | null;
  readonly defaults: Record<string, unknown> | null;
  readonly cases: Record<string, Attempt>;
}

const CASES = {
  empty: {},
  withinBounds: { max_budget: 50, rpm_limit: 100 },
  budgetAbove: { max_budget: 1000 },
  rpmAbove: { rpm_limit: 601 },
  tpmAbove: { tpm_limit: 1_000_001 },
  neverExpires: { duration: "-1" },
  lifetimeAbove: { duration: "400d" },
  budgetWindowAbove: { budget_duration: "60d" },
  shorterBudgetWindow: { max_budget: 100, budget_duration: "1d" },
};

/** Renders dev's config with `settingsOverride`, loads it in LiteLLM and runs every case. */
async function probe(name: string, settingsOverride: Record<string, unknown> = {}): Promise<ProbeResult> {
  requireLitellm();
  const settings = readStackFileSettings(path.join(REPO_ROOT, "Pulumi.dev.yaml"));
  if (settings === undefined) {
    throw new Error("Pulumi.dev.yaml is missing");
  }
  const rendered = renderLitellmConfig(catalog, renderOptionsForStack("dev", { ...settings, ...settingsOverride }));
  const configPath = path.join(directory, `${name}.yaml`);
  writeFileSync(configPath, rendered.yaml);
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? directory,
    ...Object.fromEntries(rendered.secretEnvNames.map((envName) => [envName, `dummy-${envName.toLowerCase()}`])),
  };
  const { stdout } = await run(VENV_PYTHON, [PROBE, configPath, JSON.stringify(CASES)], { env, cwd: directory, maxBuffer: 64 * 1024 * 1024 });
  const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
  if (line === undefined) {
    throw new Error(`no RESULT line in:\n${stdout}`);
  }
  return JSON.parse(line.slice("RESULT ".length)) as ProbeResult;
}

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("generated-key bounds in the pinned LiteLLM", () => {
  let defaults: ProbeResult;
  let raised: ProbeResult;

  beforeAll(async () => {
    [defaults, raised] = await Promise.all([
      probe("defaults"),
      probe("raised", {
        generatedKeyLimits: { maxBudgetUsd: 2000, defaultBudgetUsd: 20, budgetDuration: "7d", maxRpm: 1000, maxTpm: 2_000_000, maxKeyDuration: "90d" },
      }),
    ]);
  }, LOAD_TIMEOUT_MS);

  it("loads the rendered bounds and defaults into LiteLLM's module settings", () => {
    expect(defaults.upperbound).toEqual({ max_budget: 100, budget_duration: "30d", duration: "365d", rpm_limit: 600, tpm_limit: 1_000_000 });
    expect(defaults.defaults).toEqual({ max_budget: 10, budget_duration: "30d", duration: "365d" });
  });

  it("refuses a key above any bound with HTTP 400 and LiteLLM's reason", () => {
    for (const [name, field] of [
      ["budgetAbove", "max_budget"],
      ["rpmAbove", "rpm_limit"],
      ["tpmAbove", "tpm_limit"],
      ["neverExpires", "duration"],
      ["lifetimeAbove", "duration"],
      ["budgetWindowAbove", "budget_duration"],
    ] as const) {
      const attempt = defaults.cases[name];
      expect(attempt.status, name).toBe(400);
      expect(attempt.detail?.error, name).toContain(`${field} is over max limit set in config`);
    }
  });

  it("fills a key generated without limits with the bounds, and keeps limits within them", () => {
    expect(defaults.cases.empty).toEqual({
      status: "accepted",
      filled: { max_budget: 100, budget_duration: "30d", duration: "365d", rpm_limit: 600, tpm_limit: 1_000_000 },
    });
    expect(defaults.cases.withinBounds.filled).toMatchObject({ max_budget: 50, rpm_limit: 100, tpm_limit: 1_000_000, duration: "365d" });
  });

  it("accepts a shorter budget window: LiteLLM bounds budget_duration only from above (the documented gap)", () => {
    expect(defaults.cases.shorterBudgetWindow).toMatchObject({ status: "accepted", filled: { max_budget: 100, budget_duration: "1d" } });
  });

  it("follows the stack's generatedKeyLimits setting", () => {
    expect(raised.upperbound).toEqual({ max_budget: 2000, budget_duration: "7d", duration: "90d", rpm_limit: 1000, tpm_limit: 2_000_000 });
    expect(raised.defaults).toEqual({ max_budget: 20, budget_duration: "7d", duration: "90d" });
    expect(raised.cases.budgetAbove.status).toBe("accepted");
    expect(raised.cases.lifetimeAbove.status).toBe(400);
    expect(raised.cases.budgetWindowAbove.status).toBe(400);
  });
});
