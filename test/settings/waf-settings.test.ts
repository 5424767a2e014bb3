/** The waf and wafRateLimitPer5Min settings: validated with their fix, and carried to the web ACL. */
import { beforeAll, describe, expect, it } from "vitest";

import { parseStackSettings } from "../../config/settings/stack-settings";
import { ofType, oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;

const problemsOf = expectedProblems;

describe("waf settings", () => {
  it("has no WAF unless asked for", () => {
    expect(parseStackSettings(VALID).waf).toBeUndefined();
    expect(parseStackSettings({ ...VALID, waf: false }).waf).toBeUndefined();
  });

  it("defaults the rate limit to 2000 requests per 5 minutes and the body limit to 32 MiB, and takes the configured ones", () => {
    expect(parseStackSettings({ ...VALID, waf: true }).waf).toEqual({ rateLimitPer5Min: 2000, maxRequestBodyMib: 32 });
    expect(parseStackSettings({ ...VALID, waf: true, wafRateLimitPer5Min: 6000, maxRequestBodyMib: 68 }).waf).toEqual({
      rateLimitPer5Min: 6000,
      maxRequestBodyMib: 68,
    });
  });

  it.each([0, 513, 32.5, "32"])("rejects a body limit of %j, naming the allowed range", (mib) => {
    const problems = problemsOf({ ...VALID, waf: true, maxRequestBodyMib: mib });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:maxRequestBodyMib: found ${JSON.stringify(mib)}`);
    expect(problems[0]).toContain("an integer from 1 to 512");
    expect(problems[0]).toContain("pulumi config set maxRequestBodyMib 32");
  });

  it("rejects a body limit without waf on: nothing would enforce it", () => {
    const problems = problemsOf({ ...VALID, maxRequestBodyMib: 64 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:maxRequestBodyMib: found 64, but waf is not true");
    expect(problems[0]).toContain("request bodies stay unlimited");
    expect(problems[0]).toContain("pulumi config set waf true");
  });

  it("rejects a non-boolean waf with the setting and the command that fixes it", () => {
    const [problem] = problemsOf({ ...VALID, waf: "yes" });
    expect(problem).toContain('litellm-gateway:waf: found "yes"');
    expect(problem).toContain("pulumi config set waf true");
  });

  it.each([
    [50, "found 50"],
    [2500.5, "found 2500.5"],
    [3_000_000_000, "found 3000000000"],
  ])("rejects a rate limit of %s, naming the allowed range", (limit, found) => {
    const problems = problemsOf({ ...VALID, waf: true, wafRateLimitPer5Min: limit });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:wafRateLimitPer5Min: ${found}`);
    expect(problems[0]).toContain("an integer from 100 to 2000000000");
    expect(problems[0]).toContain("pulumi config set wafRateLimitPer5Min 2000");
  });

  it("rejects a rate limit without waf on, saying how to turn it on or remove the limit", () => {
    for (const waf of [undefined, false]) {
      const problems = problemsOf({ ...VALID, ...(waf === undefined ? {} : { waf }), wafRateLimitPer5Min: 3000 });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain("litellm-gateway:wafRateLimitPer5Min: found 3000, but waf is not true");
      expect(problems[0]).toContain("pulumi config set waf true");
      expect(problems[0]).toContain("pulumi config rm wafRateLimitPer5Min");
    }
  });
});

describe("dev with waf on and its own rate limit", () => {
  let run: StackRun;

  beforeAll(async () => {
    run = await runStack("dev", { waf: "true", wafRateLimitPer5Min: "600" });
  });

  it("creates the web ACL with the configured limit, associated with the load balancer", () => {
    const rateRules = (oneOf(run, "aws:wafv2/webAcl:WebAcl").inputs.rules as Record<string, Record<string, Record<string, unknown>>>[])
      .map((rule) => rule.statement.rateBasedStatement)
      .filter((statement) => statement !== undefined);
    expect(rateRules.map((statement) => statement.limit)).toEqual([600]);
    expect(ofType(run, "aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(1);
  });

  it("adds the WAF line to the exported estimate: $5 + 6 rules x $1 + dev's stated 0.1M requests x $0.60", () => {
    const lines = run.outputs.costEstimate as { item: string; monthlyUsd: number }[];
    expect(lines.find((line) => line.item === "WAF web ACL and rules")?.monthlyUsd).toBe(11.06);
  });
});
