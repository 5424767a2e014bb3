import { describe, expect, it } from "vitest";

import { pricesForRegion } from "../../config/cost/aws-prices";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "../../config/cost/cost-model";
import type { BillOfMaterials, UsageAssumptions } from "../../config/cost/cost-model";

const usEast1 = pricesForRegion("us-east-1");

const usage: UsageAssumptions = {
  albAverageLcu: 1,
  natProcessedGbPerMonth: 100,
  internetEgressGbPerMonth: 50,
  logIngestGbPerMonth: 6,
  requestsMillionsPerMonth: 2,
};

const small: BillOfMaterials = {
  fargate: { tasks: 1, vcpuPerTask: 1, memoryGbPerTask: 2, architecture: "X86_64" },
  loadBalancer: { publicIpv4Addresses: 2 },
  natGateways: 1,
  database: { instanceClass: "db.t4g.micro", multiAz: false, storageGb: 20 },
  secrets: 4,
  logRetentionDays: 30,
  alarms: 0,
  kmsKeys: 0,
};

function lineCost(bom: BillOfMaterials, item: string, assumptions = usage): number {
  const found = estimateMonthlyCost(bom, assumptions, usEast1).lines.find((l) => l.item === item);
  if (found === undefined) {
    throw new Error(`no line "${item}"`);
  }
  return found.monthlyUsd;
}

describe("monthly cost arithmetic against hand-computed figures (us-east-1, 730 h)", () => {
  it("prices Fargate x86 vCPU and memory per task-hour", () => {
    // 1 x 1 vCPU x 730 h x $0.04048 = $29.5504; 1 x 2 GB x 730 h x $0.004445 = $6.4897
    expect(lineCost(small, "Fargate vCPU (x86_64)")).toBe(29.55);
    expect(lineCost(small, "Fargate memory (x86_64)")).toBe(6.49);
  });

  it("prices ARM64 Fargate at the Graviton rate and scales with task count", () => {
    const arm: BillOfMaterials = { ...small, fargate: { tasks: 3, vcpuPerTask: 2, memoryGbPerTask: 4, architecture: "ARM64" } };
    // 3 x 2 x 730 x $0.03238 = $141.8244; 3 x 4 x 730 x $0.00356 = $31.1856
    expect(lineCost(arm, "Fargate vCPU (arm64)")).toBe(141.82);
    expect(lineCost(arm, "Fargate memory (arm64)")).toBe(31.19);
  });

  it("prices the load balancer, its LCUs, its public addresses and egress", () => {
    // 730 x $0.0225 = $16.425; 1 x 730 x $0.008 = $5.84; 2 x 730 x $0.005 = $7.30; 50 x $0.09 = $4.50
    expect(lineCost(small, "Application Load Balancer")).toBeCloseTo(16.43, 2);
    expect(lineCost(small, "Load balancer capacity units")).toBe(5.84);
    expect(lineCost(small, "Public IPv4 addresses")).toBe(7.3);
    expect(lineCost(small, "Internet egress")).toBe(4.5);
  });

  it("prices NAT gateways per gateway-hour, their addresses, and data processed", () => {
    const perAz: BillOfMaterials = { ...small, natGateways: 3 };
    // 3 x 730 x $0.045 = $98.55; 3 x 730 x $0.005 = $10.95; 100 GB x $0.045 = $4.50
    expect(lineCost(perAz, "NAT gateways")).toBe(98.55);
    expect(lineCost(perAz, "NAT public IPv4 addresses")).toBe(10.95);
    expect(lineCost(perAz, "NAT data processed")).toBe(4.5);
  });

  it("has no NAT lines when the stack creates no NAT gateway", () => {
    const items = estimateMonthlyCost({ ...small, natGateways: 0 }, usage, usEast1).lines.map((l) => l.item);
    expect(items.filter((item) => item.startsWith("NAT"))).toEqual([]);
  });

  it("prices RDS single-AZ and Multi-AZ instance hours and gp3 storage", () => {
    // 730 x $0.016 = $11.68; 20 GB x $0.115 = $2.30
    expect(lineCost(small, "RDS db.t4g.micro (single-AZ)")).toBe(11.68);
    expect(lineCost(small, "RDS gp3 storage (single-AZ)")).toBe(2.3);
    const multi: BillOfMaterials = { ...small, database: { instanceClass: "db.t4g.small", multiAz: true, storageGb: 50 } };
    // 730 x $0.065 = $47.45; 50 GB x $0.23 = $11.50
    expect(lineCost(multi, "RDS db.t4g.small (Multi-AZ)")).toBe(47.45);
    expect(lineCost(multi, "RDS gp3 storage (Multi-AZ)")).toBe(11.5);
  });

  it("prices Redis nodes only when the stack has Redis", () => {
    const withRedis: BillOfMaterials = { ...small, redis: { nodeType: "cache.t4g.micro", nodes: 2 } };
    // 2 x 730 x $0.0128 (Valkey) = $18.688
    expect(lineCost(withRedis, "ElastiCache for Valkey cache.t4g.micro")).toBe(18.69);
    expect(estimateMonthlyCost(small, usage, usEast1).lines.some((l) => l.component === "redis")).toBe(false);
  });

  it("prices secrets, log ingestion, and logs kept for the retention period", () => {
    // 4 x $0.40 = $1.60; 6 GB x $0.50 = $3.00; 6 GB x 30/30 months x $0.03 = $0.18
    expect(lineCost(small, "Secrets Manager secrets")).toBe(1.6);
    expect(lineCost(small, "CloudWatch Logs ingestion")).toBe(3);
    expect(lineCost(small, "CloudWatch Logs storage")).toBe(0.18);
    // 6 GB x 365/30 months x $0.03 = $2.19
    expect(lineCost({ ...small, logRetentionDays: 365 }, "CloudWatch Logs storage")).toBe(2.19);
  });

  it("prices Secrets Manager API calls from task starts: each start fetches each secret once", () => {
    // 1 task x 30 starts x 4 secrets = 120 calls x $0.05/10,000 = $0.0006: listed, at $0.00
    expect(lineCost(small, "Secrets Manager API calls")).toBe(0);
    // 10 tasks x 30 starts x 20 secrets = 6,000 calls x $0.05/10,000 = $0.03
    expect(lineCost({ ...small, fargate: { ...small.fargate, tasks: 10 }, secrets: 20 }, "Secrets Manager API calls")).toBe(0.03);
  });

  it("prices Container Insights only when on: 37 custom metrics and the tasks' performance logs, as an estimate", () => {
    // 37 x $0.30 = $11.10; 1 task x 2 KB x 60 min x 730 h = 0.0876 GB x $0.50 = $0.0438; $11.1438
    expect(lineCost({ ...small, containerInsights: { tasks: 1 } }, "ECS Container Insights")).toBe(11.14);
    // 3 tasks: 0.2628 GB x $0.50 = $0.1314; $11.2314
    expect(lineCost({ ...small, containerInsights: { tasks: 3 } }, "ECS Container Insights")).toBe(11.23);
    const on = estimateMonthlyCost({ ...small, containerInsights: { tasks: 1 } }, usage, usEast1).lines.find((l) => l.item === "ECS Container Insights");
    expect(on?.estimated).toBe(true);
    expect(estimateMonthlyCost(small, usage, usEast1).lines.some((l) => l.item === "ECS Container Insights")).toBe(false);
  });

  it("prices alarms and WAF only when present", () => {
    const guarded: BillOfMaterials = { ...small, alarms: 6, waf: { rules: 3 } };
    // 6 x $0.10 = $0.60; $5 + 3 x $1 + 2M x $0.60 = $9.20
    expect(lineCost(guarded, "CloudWatch alarms")).toBe(0.6);
    expect(lineCost(guarded, "WAF web ACL and rules")).toBe(9.2);
    const items = estimateMonthlyCost(small, usage, usEast1).lines.map((l) => l.item);
    expect(items).not.toContain("CloudWatch alarms");
    expect(items).not.toContain("WAF web ACL and rules");
    expect(items).not.toContain("KMS key (alarm topic)");
  });

  it("prices the alarm topic's KMS key at $1 per key-month, its requests not at all", () => {
    const withKey = estimateMonthlyCost({ ...small, alarms: 9, kmsKeys: 1 }, usage, usEast1);
    expect(withKey.lines.find((l) => l.item === "KMS key (alarm topic)")).toMatchObject({ component: "alarms", monthlyUsd: 1, estimated: false });
    // 9 x $0.10 + 1 x $1 on top of the bare stack
    expect(withKey.totalMonthlyUsd - estimateMonthlyCost(small, usage, usEast1).totalMonthlyUsd).toBeCloseTo(1.9, 2);
  });

  it("totals the rounded lines exactly (hand-summed)", () => {
    // 29.55 + 6.49 + 16.43 + 5.84 + 7.30 + 4.50 + 32.85 + 3.65 + 4.50 + 11.68 + 2.30 + 1.60 + 3.00 + 0.18
    const estimate = estimateMonthlyCost(small, usage, usEast1);
    expect(estimate.totalMonthlyUsd).toBe(129.87);
    const summed = estimate.lines.reduce((sum, l) => sum + l.monthlyUsd, 0);
    expect(estimate.totalMonthlyUsd).toBeCloseTo(summed, 6);
  });

  it("flags prices that come from a secondary source", () => {
    const lines = estimateMonthlyCost(small, DEFAULT_USAGE_ASSUMPTIONS, usEast1).lines;
    expect(lines.find((l) => l.item.startsWith("RDS db.t4g.micro"))?.estimated).toBe(true);
    expect(lines.find((l) => l.item.startsWith("Fargate vCPU"))?.estimated).toBe(false);
  });

  it("refuses a region without a price table instead of guessing", () => {
    expect(() => pricesForRegion("eu-west-1")).toThrow(/aws:region: no price table for "eu-west-1".*us-east-1/);
  });

  it("refuses a database class or Redis node type it cannot price", () => {
    const unknownDb: BillOfMaterials = { ...small, database: { instanceClass: "db.x9.huge", multiAz: false, storageGb: 20 } };
    expect(() => estimateMonthlyCost(unknownDb, usage, usEast1)).toThrow(/database.instanceClass: no price for "db.x9.huge"/);
    const unknownRedis: BillOfMaterials = { ...small, redis: { nodeType: "cache.x9", nodes: 1 } };
    expect(() => estimateMonthlyCost(unknownRedis, usage, usEast1)).toThrow(/redis.nodeType: no price for "cache.x9"/);
  });
});
