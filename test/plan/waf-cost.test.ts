/** The WAF in the bill of materials and the estimate, from plain settings, against hand-computed figures. */
import { describe, expect, it } from "vitest";

import { billedWafRuleCount, webAclRuleSpecs } from "../../config/access/web-acl-rules";
import { pricesForRegion } from "../../config/cost/aws-prices";
import { billOfMaterials, costEstimateExclusions } from "../../config/cost/bill-of-materials";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "../../config/cost/cost-model";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { catalog } from "../catalog/fixtures/dev-and-prod-catalog";

const DEV = {
  availabilityZones: 2, egress: "single-nat", desiredCount: 1, cpu: 512, memory: 2048, cpuArchitecture: "X86_64",
  dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20, dbMaxAllocatedStorageGib: 50, dbMultiAz: false,
  dbDeletionProtection: false, dbSkipFinalSnapshot: true, dbBackupRetentionDays: 1, logRetentionDays: 7,
  allowPlainHttp: true,
};
const WAF_LINE = "WAF web ACL and rules";

function estimate(overrides: Record<string, unknown>, requestsMillionsPerMonth = DEFAULT_USAGE_ASSUMPTIONS.requestsMillionsPerMonth) {
  const settings = parseStackSettings({ ...DEV, ...overrides });
  return estimateMonthlyCost(
    billOfMaterials(settings, catalog, "dev"),
    { ...DEFAULT_USAGE_ASSUMPTIONS, requestsMillionsPerMonth },
    pricesForRegion("us-east-1"),
  );
}

function wafCost(overrides: Record<string, unknown>, requestsMillions?: number): number | undefined {
  return estimate(overrides, requestsMillions).lines.find((line) => line.item === WAF_LINE)?.monthlyUsd;
}

describe("WAF in the bill of materials", () => {
  it("bills each managed rule group as one rule, plus the rate-based rule and the two body rules: 3 + 1 + 2 = 6 rules", () => {
    const specs = webAclRuleSpecs(2000, 32);
    expect(specs.filter((spec) => spec.kind === "managed-rule-group")).toHaveLength(3);
    expect(specs.filter((spec) => spec.kind === "rate-limit")).toHaveLength(1);
    expect(specs.filter((spec) => spec.kind === "custom")).toHaveLength(2);
    expect(billedWafRuleCount(specs)).toBe(6);
    expect(billOfMaterials(parseStackSettings({ ...DEV, waf: true }), catalog, "dev").waf).toEqual({ rules: 6 });
  });

  it("has no WAF entry, line or note with waf off", () => {
    expect(billOfMaterials(parseStackSettings(DEV), catalog, "dev").waf).toBeUndefined();
    expect(wafCost({})).toBeUndefined();
    expect(costEstimateExclusions(parseStackSettings(DEV)).join(" ")).not.toContain("WAF");
  });

  it("prices the web ACL, its rules and the requests it inspects (hand-computed)", () => {
    // $5 web ACL + 6 rules x $1 + 1M requests x $0.60 = $11.60
    expect(wafCost({ waf: true })).toBe(11.6);
    // $5 + 6 x $1 + 10M x $0.60 = $17.00
    expect(wafCost({ waf: true }, 10)).toBe(17);
    // The limits are free: the same six rules at any rate or body limit.
    expect(wafCost({ waf: true, wafRateLimitPer5Min: 50_000, maxRequestBodyMib: 100 })).toBe(11.6);
  });

  it("adds exactly the WAF line to the total, and its logs with access logs on", () => {
    expect(estimate({ waf: true, accessLogs: false }).totalMonthlyUsd - estimate({ accessLogs: false }).totalMonthlyUsd).toBeCloseTo(11.6, 2);
    // WAF logs: 1M requests x 1,500 B = 1.5 GB x $0.50 + 1.5 GB x 365/30 months x $0.03 = $1.30.
    expect(estimate({ waf: true }).totalMonthlyUsd - estimate({}).totalMonthlyUsd).toBeCloseTo(11.6 + 1.3, 2);
  });

  it("says why no managed group costs extra", () => {
    const note = costEstimateExclusions(parseStackSettings({ ...DEV, waf: true })).join(" ");
    expect(note).toContain("each managed rule group is billed as one rule");
    expect(note).toContain("no Bot Control");
  });
});
