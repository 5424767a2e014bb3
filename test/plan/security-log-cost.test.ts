/** The security logs in the bill of materials and the estimate, from plain settings, against hand-computed figures. */
import { describe, expect, it } from "vitest";

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
const ACCESS = "Load balancer access logs (S3)";
const WAF_LOGS = "WAF logs (CloudWatch Logs)";
const FLOW = "VPC flow logs (CloudWatch Logs)";

function estimate(overrides: Record<string, unknown>, requestsMillionsPerMonth = DEFAULT_USAGE_ASSUMPTIONS.requestsMillionsPerMonth) {
  return estimateMonthlyCost(
    billOfMaterials(parseStackSettings({ ...DEV, ...overrides }), catalog, "dev"),
    { ...DEFAULT_USAGE_ASSUMPTIONS, requestsMillionsPerMonth },
    pricesForRegion("us-east-1"),
  );
}

function cost(item: string, overrides: Record<string, unknown>, requestsMillions?: number): number | undefined {
  return estimate(overrides, requestsMillions).lines.find((line) => line.item === item)?.monthlyUsd;
}

describe("security logs in the bill of materials", () => {
  it("lists what exists: WAF logs only with a WAF, nothing with both settings off", () => {
    expect(billOfMaterials(parseStackSettings(DEV), catalog, "dev").securityLogs).toEqual({
      albAccessLogs: true, wafLogs: false, flowLogs: true, retentionDays: 365,
    });
    expect(billOfMaterials(parseStackSettings({ ...DEV, waf: true }), catalog, "dev").securityLogs?.wafLogs).toBe(true);
    expect(billOfMaterials(parseStackSettings({ ...DEV, accessLogs: false, flowLogs: false }), catalog, "dev").securityLogs).toBeUndefined();
  });

  it("prices each log at the defaults (1M requests, 365 days), hand-computed", () => {
    // 0.5 GB x 365/30 x $0.023 = $0.1399 + 2 nodes x 12 x 730 = 17,520 PUTs x $0.005/1,000 = $0.0876
    expect(cost(ACCESS, {})).toBe(0.23);
    // 1.5 GB x $0.50 + 1.5 GB x 365/30 x $0.03 = $0.75 + $0.5475
    expect(cost(WAF_LOGS, { waf: true })).toBe(1.3);
    expect(cost(FLOW, {})).toBe(1.3);
  });

  it("scales with requests and retention", () => {
    // 10M requests: flow logs 15 GB x $0.50 + 15 GB x 365/30 x $0.03 = $7.50 + $5.475
    expect(cost(FLOW, {}, 10)).toBe(12.98);
    // 30 days: 1.5 GB x $0.50 + 1.5 GB x 1 x $0.03 = $0.795
    expect(cost(FLOW, { securityLogRetentionDays: 30 })).toBe(0.8);
    // 30 days of access logs: 0.5 GB x $0.023 = $0.0115 + PUTs $0.0876 (PUTs do not depend on retention)
    expect(cost(ACCESS, { securityLogRetentionDays: 30 })).toBe(0.1);
  });

  it("drops exactly its lines with each setting off", () => {
    expect(cost(ACCESS, { accessLogs: false })).toBeUndefined();
    expect(cost(WAF_LOGS, { waf: true, accessLogs: false })).toBeUndefined();
    expect(cost(FLOW, { flowLogs: false })).toBeUndefined();
    expect(estimate({}).totalMonthlyUsd - estimate({ accessLogs: false, flowLogs: false }).totalMonthlyUsd).toBeCloseTo(0.23 + 1.3, 2);
  });

  it("says what reading the logs costs, and that an existing VPC's flow logs are not priced", () => {
    expect(costEstimateExclusions(parseStackSettings(DEV)).join(" ")).toContain("CloudWatch Logs Insights per GB scanned");
    expect(costEstimateExclusions(parseStackSettings({ ...DEV, accessLogs: false, flowLogs: false })).join(" ")).not.toContain("Security logs");
    const existing = parseStackSettings({
      ...DEV,
      availabilityZones: undefined,
      egress: undefined,
      existingVpc: {
        vpcId: "vpc-0fedcba9876543210",
        privateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
        publicSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004"],
      },
    });
    expect(costEstimateExclusions(existing).join(" ")).toContain("no flow logs are created or priced");
  });
});
