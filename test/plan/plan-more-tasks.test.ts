/** Edge case: dev with a second task. The estimate grows by exactly one task's Fargate cost. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";

import type { PlanReport } from "../../config/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../../scripts/offline/run-stack-offline";
import type { StackRun } from "../../scripts/offline/run-stack-offline";
import { billOf, expectBillMatchesRegistrations } from "./plan-checks";

/** The committed dev stack's total (plan-dev.test.ts derives it line by line). */
const DEV_TOTAL_USD = 107.21;

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { desiredCount: "2" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-tasks-")) });
});

it("registers two tasks and prices two", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
  expect(billOf(run, "dev").fargate.tasks).toBe(2);
});

it("adds exactly the Fargate cost of one 0.5 vCPU / 2 GB x86 task", () => {
  // One task: 0.5 x 730 x $0.04048 = $14.7752 and 2 x 730 x $0.004445 = $6.4897, $21.26 together.
  // Lines: 29.55 (was 14.78) and 12.98 (was 6.49): +21.26.
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(21.26, 2);
});
