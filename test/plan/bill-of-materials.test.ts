/** The bill of materials from plain settings, without Pulumi: each setting moves the right quantity. */
import { describe, expect, it } from "vitest";

import { pricesForRegion } from "../../config/cost/aws-prices";
import { billOfMaterials, costEstimateExclusions } from "../../config/cost/bill-of-materials";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "../../config/cost/cost-model";
import { exportedCostEstimate } from "../../config/cost/stack-cost-output";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { catalog } from "../catalog/fixtures/dev-and-prod-catalog";

const devSettings = {
  availabilityZones: 2, egress: "single-nat", desiredCount: 1, cpu: 512, memory: 2048, cpuArchitecture: "X86_64",
  dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20, dbMaxAllocatedStorageGib: 50, dbMultiAz: false,
  dbDeletionProtection: false, dbSkipFinalSnapshot: true, dbBackupRetentionDays: 1, logRetentionDays: 7,
  allowPlainHttp: true,
};

function bom(overrides: Record<string, unknown> = {}, stack = "dev") {
  const raw: Record<string, unknown> = { ...devSettings, ...overrides };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete raw[key];
    }
  }
  return billOfMaterials(parseStackSettings(raw), catalog, stack);
}

describe("bill of materials from stack settings", () => {
  it("converts CPU units and MiB to vCPU and GB, keeping ECS's architecture name", () => {
    expect(bom().fargate).toEqual({ tasks: 1, spotTasks: 0, vcpuPerTask: 0.5, memoryGbPerTask: 2, architecture: "X86_64" });
    expect(bom({ cpuArchitecture: "ARM64", cpu: 1024, memory: 4096, desiredCount: 3, redisNodeType: "cache.t4g.small" }).fargate).toEqual({
      tasks: 3, spotTasks: 0, vcpuPerTask: 1, memoryGbPerTask: 4, architecture: "ARM64",
    });
  });

  it("prices Container Insights at desiredCount's tasks only when the setting turns it on", () => {
    expect(bom().containerInsights).toBeUndefined();
    expect(bom({ containerInsights: true, desiredCount: 3, redisNodeType: "cache.t4g.small" }).containerInsights).toEqual({ tasks: 3 });
    expect(costEstimateExclusions(parseStackSettings({ ...devSettings, containerInsights: true })).join(" ")).not.toContain("Container Insights");
    expect(costEstimateExclusions(parseStackSettings(devSettings)).join(" ")).not.toContain("Secrets Manager API calls");
  });

  it("prices the on-demand base on-demand and every task above it on Spot", () => {
    const prod = { desiredCount: 3, redisNodeType: "cache.t4g.small" };
    expect(bom({ capacity: "spot" }).fargate.spotTasks).toBe(1);
    expect(bom({ ...prod, capacity: "mixed" }).fargate.spotTasks).toBe(1); // onDemandBase defaults to 2
    expect(bom({ ...prod, capacity: "mixed", onDemandBase: 3 }).fargate.spotTasks).toBe(0);
    expect(bom({ ...prod, desiredCount: 4, capacity: "mixed", onDemandBase: 2 }).fargate.spotTasks).toBe(2);
  });

  it("prices Spot at 30% of the on-demand rate, flagged as an estimate (hand-computed)", () => {
    const prices = pricesForRegion("us-east-1");
    const estimate = estimateMonthlyCost(bom({ desiredCount: 3, cpu: 1024, memory: 4096, redisNodeType: "cache.t4g.small", capacity: "mixed" }), DEFAULT_USAGE_ASSUMPTIONS, prices);
    const byItem = Object.fromEntries(estimate.lines.map((line) => [line.item, line]));
    // 2 on-demand tasks: 2 x 1 vCPU x 730 h x $0.04048 = 59.1008; 2 x 4 GB x 730 h x $0.004445 = 25.9588
    expect(byItem["Fargate vCPU (x86_64)"]).toMatchObject({ monthlyUsd: 59.1, estimated: false });
    expect(byItem["Fargate memory (x86_64)"]).toMatchObject({ monthlyUsd: 25.96, estimated: false });
    // 1 Spot task: 730 h x $0.012144 (0.3 x 0.04048) = 8.86512; 4 GB x 730 h x $0.001334 (0.3 x 0.004445, rounded) = 3.89528
    expect(byItem["Fargate Spot vCPU (x86_64)"]).toMatchObject({ monthlyUsd: 8.87, estimated: true });
    expect(byItem["Fargate Spot memory (x86_64)"]).toMatchObject({ monthlyUsd: 3.9, estimated: true });
    expect(prices.fargateSpot.ARM64).toEqual({ perVcpuHour: 0.009714, perGbHour: 0.001068 });
  });

  it("counts one NAT gateway for single-nat, one per zone for nat-per-az, and none but an address per task for public-subnets", () => {
    expect(bom().natGateways).toBe(1);
    expect(bom({ egress: "nat-per-az", availabilityZones: 3 }).natGateways).toBe(3);
    expect(bom({ egress: "nat-per-az", availabilityZones: 3 }).loadBalancer.publicIpv4Addresses).toBe(3);
    expect(bom({ egress: "nat-per-az", availabilityZones: 3 }).taskPublicIpv4Addresses).toBe(0);
    const publicSubnets = bom({ egress: "public-subnets", availabilityZones: 3, desiredCount: 3, redisNodeType: "cache.t4g.micro" });
    expect([publicSubnets.natGateways, publicSubnets.taskPublicIpv4Addresses, publicSubnets.egress]).toEqual([0, 3, { mode: "public-subnets", availabilityZones: 3 }]);
  });

  it("bills no NAT in an existing VPC and one load balancer address per public subnet given", () => {
    const existing = bom({
      availabilityZones: undefined,
      egress: undefined,
      existingVpc: {
        vpcId: "vpc-0fedcba9876543210",
        privateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
        publicSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004", "subnet-00000000000000005"],
      },
    });
    expect(existing.natGateways).toBe(0);
    expect(existing.loadBalancer.publicIpv4Addresses).toBe(3);
  });

  it("counts the catalog's provider keys on the stack plus the three generated secrets", () => {
    // The fixture's dev and prod both reference OPENAI_API_KEY and ANTHROPIC_API_KEY (prod's Bedrock needs none).
    expect(bom().secrets).toBe(5);
    expect(bom({}, "prod").secrets).toBe(5);
  });

  it("doubles RDS storage cost and roughly doubles the instance with Multi-AZ on db.t4g.small", () => {
    const prices = pricesForRegion("us-east-1");
    const cost = (multiAz: boolean) =>
      estimateMonthlyCost(bom({ dbInstanceClass: "db.t4g.small", dbMultiAz: multiAz }), DEFAULT_USAGE_ASSUMPTIONS, prices).totalMonthlyUsd;
    // Instance 23.36 -> 47.45 (+24.09); storage 20 GB: 2.30 -> 4.60 (+2.30)
    expect(cost(true) - cost(false)).toBeCloseTo(26.39, 2);
  });

  it("counts the alarm topic's KMS key with alarms on and none with alarms off, and says what rotation adds", () => {
    expect(bom().kmsKeys).toBe(1);
    expect(bom({ alarms: false }).kmsKeys).toBe(0);
    expect(costEstimateExclusions(parseStackSettings(devSettings)).join(" ")).toContain("each of the first two rotations adds one more key-month price");
    expect(costEstimateExclusions(parseStackSettings({ ...devSettings, alarms: false })).join(" ")).not.toContain("KMS key");
  });

  it("says an existing VPC's NAT is not estimated", () => {
    const settings = parseStackSettings({
      ...devSettings,
      availabilityZones: undefined,
      egress: undefined,
      existingVpc: {
        vpcId: "vpc-0fedcba9876543210",
        privateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
        publicSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004"],
      },
    });
    expect(costEstimateExclusions(settings)[0]).toMatch(/Existing VPC vpc-0fedcba9876543210: its NAT gateways/);
    expect(costEstimateExclusions(parseStackSettings(devSettings)).join(" ")).not.toContain("Existing VPC");
  });
});

describe("the estimate the program exports", () => {
  it("is left out, never thrown, for a region or database class without prices, so deploys are never blocked", () => {
    expect(exportedCostEstimate(bom(), "eu-west-1")).toBeUndefined();
    expect(exportedCostEstimate(bom(), undefined)).toBeUndefined();
    expect(exportedCostEstimate(bom({ dbInstanceClass: "db.r7g.large" }), "us-east-1")).toBeUndefined();
    // dev's 109.11 with the fixture's two keys, before its security logs; these settings keep the defaults
    // (on, 365 days): + 0.23 (access logs) + 1.30 (flow logs).
    expect(exportedCostEstimate(bom(), "us-east-1")?.totalMonthlyUsd).toBe(110.64);
  });
});
