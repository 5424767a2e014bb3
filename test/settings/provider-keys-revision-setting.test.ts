/** The providerKeysRevision setting: a label the operator sets after filling keys, validated with its fix. */
import { describe, expect, it } from "vitest";

import { awaitingValuesWarning, providerKeysAwaitingValues, redeployTriggers } from "../../config/settings/provider-keys-rollout";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

describe("providerKeysRevision setting", () => {
  it("is absent unless set, and keeps a date-time label as written", () => {
    expect(parseStackSettings(VALID_SETTINGS).providerKeysRevision).toBeUndefined();
    expect(parseStackSettings({ ...VALID_SETTINGS, providerKeysRevision: "2026-12-02T06:00:00Z" }).providerKeysRevision).toBe(
      "2026-12-02T06:00:00Z",
    );
  });

  it("takes a label that Pulumi's config decodes as a number as its text", () => {
    // `pulumi config set providerKeysRevision 20261202` reaches the program as JSON text 20261202.
    expect(parseStackSettings({ ...VALID_SETTINGS, providerKeysRevision: 20261202 }).providerKeysRevision).toBe("20261202");
  });

  it.each([
    ["a space", "keys filled"],
    ["an empty label", ""],
    ["a boolean", true],
    ["65 characters", "x".repeat(65)],
  ])("refuses %s with the setting, what is allowed and the command", (_, value) => {
    const [problem] = expectedProblems({ ...VALID_SETTINGS, providerKeysRevision: value });
    expect(problem).toContain(`litellm-gateway:providerKeysRevision: found ${JSON.stringify(value)}`);
    expect(problem).toContain("letters, digits and ._:+-");
    expect(problem).toContain('pulumi config set providerKeysRevision "$(date -u +%Y-%m-%dT%H:%M:%SZ)"');
  });
});

describe("keys awaiting values and what rolls the service", () => {
  it("declares the keys without a config value filled once a revision is set", () => {
    expect(providerKeysAwaitingValues(["OPENAI_API_KEY"], undefined)).toEqual(["OPENAI_API_KEY"]);
    expect(providerKeysAwaitingValues(["OPENAI_API_KEY"], "r1")).toEqual([]);
  });

  it("adds the revision to the version ids, and nothing without one", () => {
    expect(redeployTriggers({ LITELLM_MASTER_KEY: "v1" }, undefined)).toEqual({ LITELLM_MASTER_KEY: "v1" });
    expect(redeployTriggers({ LITELLM_MASTER_KEY: "v1" }, "r1")).toEqual({ LITELLM_MASTER_KEY: "v1", providerKeysRevision: "r1" });
  });

  it("warns with commands for the stack it runs on", () => {
    const warning = awaitingValuesWarning("team.prod", ["MISTRAL_API_KEY"]);
    expect(warning).toContain("pulumi stack output --stack team.prod providerKeySecretArns --json | jq -r .MISTRAL_API_KEY");
    expect(warning).toContain("pulumi up --stack team.prod");
    expect(warning).toContain('aws ecs wait services-stable --cluster "$(pulumi stack output --stack team.prod clusterName)"');
  });
});
