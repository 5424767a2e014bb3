/** Redis in the bill of materials and the estimate, from plain settings, against hand-computed figures. */
import { describe, expect, it } from "vitest";

import { pricesForRegion } from "../../config/cost/aws-prices";
import { billOfMaterials, generatedSecretNames } from "../../config/cost/bill-of-materials";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "../../config/cost/cost-model";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { catalog } from "../catalog/fixtures/dev-and-prod-catalog";

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
    // The fixture's OPENAI_API_KEY and ANTHROPIC_API_KEY, master key, salt key, database password, Redis AUTH token.
    expect(bom.secrets).toBe(6);
    expect(generatedSecretNames(settings)).toEqual(["LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "DATABASE_PASSWORD", "REDIS_PASSWORD"]);
  });

  it("bills no Redis and no token for a stack without it", () => {
    const settings = parseStackSettings(DEV);
    expect(billOfMaterials(settings, catalog, "dev").redis).toBeUndefined();
    expect(generatedSecretNames(settings)).not.toContain("REDIS_PASSWORD");
  });

  it("adds 2 x 730 h x $0.0256 = $37.38 for two Valkey cache.t4g.small nodes, plus $0.40 for the token's secret", () => {
    const without = estimate({});
    const withRedis = estimate({ redisNodeType: "cache.t4g.small" });
    const redisLine = withRedis.lines.find((line) => line.component === "redis");
    // 2 x 730 x $0.0256 = $37.376; Redis OSS nodes would be 2 x 730 x $0.032 = $46.72 (20% more).
    expect(redisLine).toMatchObject({ item: "ElastiCache for Valkey cache.t4g.small", monthlyUsd: 37.38, basis: "2 node(s) x 730 h x $0.0256" });
    expect(withRedis.totalMonthlyUsd - without.totalMonthlyUsd).toBeCloseTo(37.38 + 0.4, 2);
  });

  it("scales with the node count: three micro nodes are 3 x 730 h x $0.0128 = $28.03", () => {
    const line = estimate({ redisNodeType: "cache.t4g.micro", redisNodes: 3 }).lines.find((entry) => entry.component === "redis");
    expect(line?.monthlyUsd).toBe(28.03);
  });
});
