/**
 * The generatedKeyLimits setting: defaults, overrides and refusals, and where the renderer puts the
 * bounds (litellm_settings, where LiteLLM's ProxyConfig.load_config reads them; the end-to-end test
 * test/e2e/key-generation-bounds.test.ts loads them in the pinned LiteLLM).
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { catalog } from "../../config/catalog";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { renderOptionsForStack } from "../../config/render/stack-render-options";
import { DEFAULT_GENERATED_KEY_LIMITS, LITELLM_DURATION_PATTERN } from "../../config/settings/generated-key-limits";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "../settings/settings-fixtures";

function litellmSettings(raw: Record<string, unknown>): Record<string, unknown> {
  const settings = parseStackSettings(raw);
  const { yaml } = renderLitellmConfig(catalog, renderOptionsForStack("dev", settings));
  return (parse(yaml) as { litellm_settings: Record<string, unknown> }).litellm_settings;
}

describe("generatedKeyLimits", () => {
  it("defaults to $100 (default $10) per 30 days, 600 rpm, 1,000,000 tpm, keys living at most 365 days", () => {
    expect(parseStackSettings(VALID_SETTINGS).generatedKeyLimits).toEqual({
      maxBudgetUsd: 100, defaultBudgetUsd: 10, budgetDuration: "30d", maxRpm: 600, maxTpm: 1_000_000, maxKeyDuration: "365d",
    });
    expect(DEFAULT_GENERATED_KEY_LIMITS.maxBudgetUsd).toBe(100);
  });

  it("renders the bounds and the defaults into litellm_settings", () => {
    const rendered = litellmSettings(VALID_SETTINGS);
    expect(rendered.upperbound_key_generate_params).toEqual({ max_budget: 100, budget_duration: "30d", duration: "365d", rpm_limit: 600, tpm_limit: 1_000_000 });
    expect(rendered.default_key_generate_params).toEqual({ max_budget: 10, budget_duration: "30d", duration: "365d" });
  });

  it("takes any subset of fields over the defaults", () => {
    const rendered = litellmSettings({ ...VALID_SETTINGS, generatedKeyLimits: { maxBudgetUsd: 500, maxKeyDuration: "12mo" } });
    expect(rendered.upperbound_key_generate_params).toEqual({ max_budget: 500, budget_duration: "30d", duration: "12mo", rpm_limit: 600, tpm_limit: 1_000_000 });
  });

  it.each([
    [{ budgetDuration: "30 days" }, "litellm-gateway:generatedKeyLimits.budgetDuration:"],
    [{ budgetDuration: "30x" }, "litellm-gateway:generatedKeyLimits.budgetDuration:"],
    [{ maxKeyDuration: "-1" }, "litellm-gateway:generatedKeyLimits.maxKeyDuration:"],
    [{ maxKeyDuration: "0d" }, "litellm-gateway:generatedKeyLimits.maxKeyDuration:"],
    [{ maxRpm: 0 }, "litellm-gateway:generatedKeyLimits.maxRpm:"],
    [{ maxTpm: 1.5 }, "litellm-gateway:generatedKeyLimits.maxTpm:"],
    [{ maxBudgetUsd: -1 }, "litellm-gateway:generatedKeyLimits.maxBudgetUsd:"],
    [{ unknown: 1 }, 'unknown field "unknown"'],
  ])("refuses %j, naming the setting and the example", (limits, where) => {
    const problems = expectedProblems({ ...VALID_SETTINGS, generatedKeyLimits: limits });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:generatedKeyLimits");
    expect(problems[0]).toContain(where);
    expect(problems[0]).toContain("pulumi config set --path generatedKeyLimits.maxBudgetUsd 500");
  });

  it("refuses a default budget above the bound: every key generated without a budget would be refused", () => {
    const problems = expectedProblems({ ...VALID_SETTINGS, generatedKeyLimits: { maxBudgetUsd: 50, defaultBudgetUsd: 60 } });
    expect(problems).toEqual([expect.stringContaining("defaultBudgetUsd (60) is above maxBudgetUsd (50)")]);
  });

  it("accepts exactly LiteLLM's duration units", () => {
    for (const duration of ["30s", "15m", "12h", "30d", "2w", "1mo", "365d"]) {
      expect(LITELLM_DURATION_PATTERN.test(duration), duration).toBe(true);
    }
    for (const duration of ["", "d", "30", "30y", "1.5d", "-1", "030d", "30D"]) {
      expect(LITELLM_DURATION_PATTERN.test(duration), duration).toBe(false);
    }
  });
});
