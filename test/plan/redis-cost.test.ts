/** Redis in the bill of materials and the estimate, from plain settings, against hand-computed figures. */
import { describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { pricesForRegion } from "../../config/cost/aws-prices";
import { billOfMaterials, generatedSecretNames } from "../../config/cost/bill-of-materials";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "../../config/cost/cost-model";
import { parseStackSettings } from "../../config/settings/stack-settings";

const DEV = {
  availabilityZones: 2, egress: "single-nat", desiredCount: 1, cpu: 512, memory: 2048, cpuArchitecture: "X86_64",
  dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20, dbMaxAllocatedStorageGib: 50, dbMultiAz: false,
  dbDeletionProtection: false, dbSkipFinalSnapshot: true, dbBackupRetentionDays: 1, logRetentionDays: 7,
  allowPlainHttp: true,
};

function estimate(overrides: Record<string, unknown>) {
  const settings = parseStackSettings({ ...DEV, ...overrides });
  return estimateMonthlyCost(billOfMaterials(settings, catalog, "dev"), DEFAULT_USAGE_ASSUMPTIONS, pricesForRegion("us-east-1"));
}

describe("Redis in the bill of materials", () => {
  it("bills the configured node type and count, and one more secret for the AUTH token", () => {
    const settings = parseStackSettings({ ...DEV, desiredCount: 3, redisNodeType: "cache.t4g.small" });
    const bom = billOfMaterials(settings, catalog, "dev");
    expect(bom.redis).toEqual({ nodeType: "cache.t4g.small", nodes: 2 });
    // OPENAI_API_KEY and ANTHROPIC_API_KEY, master key, salt key, database password, Redis AUTH token.
    expect(bom.secrets).toBe(6);
    expect(generatedSecretNames(settings)).toEqual(["LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "DATABASE_PASSWORD", "REDIS_PASSWORD"]);
  });

  it("bills no Redis and no token for a stack without it", () => {
    const settings = parseStackSettings(DEV);
    expect(billOfMaterials(settings, catalog, "dev").redis).toBeUndefined();
    expect(generatedSecretNames(settings)).not.toContain("REDIS_PASSWORD");
  });

  it("adds 2 x 730 h x $0.032 = $46.72 for two cache.t4g.small nodes, plus $0.40 for the token's secret", () => {
    const without = estimate({});
    const withRedis = estimate({ redisNodeType: "cache.t4g.small" });
    const redisLine = withRedis.lines.find((line) => line.component === "redis");
    expect(redisLine).toMatchObject({ item: "ElastiCache cache.t4g.small", monthlyUsd: 46.72, basis: "2 node(s) x 730 h x $0.032" });
    expect(withRedis.totalMonthlyUsd - without.totalMonthlyUsd).toBeCloseTo(46.72 + 0.4, 2);
  });

  it("scales with the node count: three micro nodes are 3 x 730 h x $0.016 = $35.04", () => {
    const line = estimate({ redisNodeType: "cache.t4g.micro", redisNodes: 3 }).lines.find((entry) => entry.component === "redis");
    expect(line?.monthlyUsd).toBe(35.04);
  });
});
