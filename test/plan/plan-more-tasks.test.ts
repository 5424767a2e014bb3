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
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

/** The committed dev stack's total (plan-dev.test.ts derives it line by line). */
const DEV_TOTAL_USD = 95.12;

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

it("adds two on-demand 0.5 vCPU / 2 GB x86 tasks less dev's Spot one, one Redis node and its AUTH token's secret", () => {
  // Two on-demand tasks: 2 x 0.5 x 730 x $0.04048 = $29.5504 and 2 x 2 x 730 x $0.004445 = $12.9794:
  // lines 29.55 and 12.98 (42.53), where dev's Spot task had 4.43 and 1.95 (6.38): +36.15.
  // Redis: 1 node x 730 h x $0.016 = $11.68; secrets: 6 x $0.40 = $2.40 (was 5 x $0.40): +$0.40.
  expect(lineCost(report, "ElastiCache cache.t4g.micro")).toBe(11.68);
  expect(lineCost(report, "Fargate vCPU (x86_64)")).toBe(29.55);
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(36.15 + 11.68 + 0.4, 2);
});
