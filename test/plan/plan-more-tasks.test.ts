/**
 * Edge case: dev with a second task, which needs Redis (two LiteLLM processes), here the cheapest:
 * one cache.t4g.micro node. The estimate grows by exactly one task's Fargate cost, the node and
 * the AUTH token's secret.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";

import type { StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

/** The committed dev stack's total (plan-dev.test.ts derives it line by line). */
const DEV_TOTAL_USD = 76.71;

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { desiredCount: "2", redisNodeType: "cache.t4g.micro", redisNodes: "1" });
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

it("adds exactly the Fargate cost of one 0.5 vCPU / 2 GB x86 task, its public IPv4 address, one Redis node and its AUTH token's secret", () => {
  // One task: 0.5 x 730 x $0.04048 = $14.7752 and 2 x 730 x $0.004445 = $6.4897, $21.26 together.
  // Lines: 29.55 (was 14.78) and 12.98 (was 6.49): +21.26.
  // Redis: 1 node x 730 h x $0.016 = $11.68; secrets: 6 x $0.40 = $2.40 (was 5 x $0.40): +$0.40.
  expect(lineCost(report, "ElastiCache cache.t4g.micro")).toBe(11.68);
  // The task's own public IPv4 address (dev's egress public-subnets): 730 h x $0.005 = $3.65.
  expect(lineCost(report, "Task public IPv4 addresses")).toBe(7.3);
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(21.26 + 3.65 + 11.68 + 0.4, 2);
});
