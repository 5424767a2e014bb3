/**
 * Edge case: dev with a second task, which needs Redis (two LiteLLM processes), here the cheapest:
 * one cache.t4g.micro node, and both tasks on-demand (a stack of two tasks must keep two
 * on-demand, so dev's Spot is refused with it). The estimate grows by the two on-demand tasks less
 * dev's Spot task, the node and the AUTH token's secret.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";

import type { StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { committedStackTotalUsd } from "./committed-stack-totals";
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

/** The committed dev stack's total (plan-dev.test.ts derives it line by line). */
const DEV_TOTAL_USD = committedStackTotalUsd("dev");

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { desiredCount: "2", capacity: "on-demand", redisNodeType: "cache.t4g.micro", redisNodes: "1" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-tasks-")) });
});

it("registers two tasks and prices two", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
  expect(billOf(run, "dev").fargate.tasks).toBe(2);
});

it("registers one Redis node without failover, as set", () => {
  expect(billOf(run, "dev").redis).toEqual({ nodeType: "cache.t4g.micro", nodes: 1 });
  const group = run.resources.find((resource) => resource.type === "aws:elasticache/replicationGroup:ReplicationGroup");
  expect(group?.inputs).toMatchObject({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false });
});

it("adds two on-demand 0.25 vCPU / 1 GB x86 tasks less dev's Spot one, the second task's public IPv4, one Valkey node and its AUTH token's secret", () => {
  // Two on-demand tasks: 2 x 0.25 x 730 x $0.04048 = $14.7752 and 2 x 1 x 730 x $0.004445 = $6.4897:
  // lines 14.78 and 6.49 (21.27), where dev's Spot task had 2.22 and 0.97 (3.19): +18.08.
  // Each task its own public IPv4 (dev's egress public-subnets): 2 x 730 h x $0.005 = $7.30 (+3.65).
  // Redis (Valkey): 1 node x 730 h x $0.0128 = $9.344; secrets: one more at $0.40.
  expect(lineCost(report, "ElastiCache for Valkey cache.t4g.micro")).toBe(9.34);
  expect(lineCost(report, "Fargate vCPU (x86_64)")).toBe(14.78);
  expect(lineCost(report, "Task public IPv4 addresses")).toBe(7.3);
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(18.08 + 3.65 + 9.34 + 0.4, 2);
});
