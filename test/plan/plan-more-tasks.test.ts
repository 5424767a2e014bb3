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
import { committedStackTotalUsd } from "./committed-stack-totals";
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

/** The committed dev stack's total (plan-dev.test.ts derives it line by line). */
const DEV_TOTAL_USD = committedStackTotalUsd("dev");

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

it("adds exactly the Fargate cost of one 0.25 vCPU / 1 GB x86 task, one Redis node and its AUTH token's secret", () => {
  // One task: 0.25 x 730 x $0.04048 = $7.3876 and 1 x 730 x $0.004445 = $3.2449.
  // Lines: 14.78 (was 7.39) and 6.49 (was 3.24): +10.64.
  // Redis (Valkey): 1 node x 730 h x $0.0128 = $9.344; secrets: 6 x $0.40 = $2.40 (was 5 x $0.40): +$0.40.
  expect(lineCost(report, "ElastiCache for Valkey cache.t4g.micro")).toBe(9.34);
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(10.64 + 9.34 + 0.4, 2);
});
