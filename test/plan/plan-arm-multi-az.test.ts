/** Edge case: dev on ARM64 with a Multi-AZ db.t4g.small: cheaper tasks, a dearer database. */
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

const DEV_TOTAL_USD = committedStackTotalUsd("dev");

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { cpuArchitecture: "ARM64", dbInstanceClass: "db.t4g.small", dbMultiAz: "true" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-arm-")) });
});

it("registers and prices an ARM64 task and a Multi-AZ small database", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
});

it("prices Fargate Spot at the Graviton rate (dev's task is on Spot; ARM64 Spot needs platform 1.4.0, the LATEST)", () => {
  // Spot at 30% of the Graviton on-demand rate: 0.25 x 730 x $0.009714 = $1.7728; 1 x 730 x $0.001068 = $0.7796
  expect(lineCost(report, "Fargate Spot vCPU (arm64)")).toBe(1.77);
  expect(lineCost(report, "Fargate Spot memory (arm64)")).toBe(0.78);
});

it("prices the Multi-AZ instance and storage at the Multi-AZ rates", () => {
  // 730 x $0.065 = $47.45 (single-AZ small: 730 x $0.032 = $23.36); 20 GB x $0.23 = $4.60
  expect(lineCost(report, "RDS db.t4g.small (Multi-AZ)")).toBe(47.45);
  expect(lineCost(report, "RDS gp3 storage (Multi-AZ)")).toBe(4.6);
});

it("changes the total by the hand-computed amount", () => {
  // Fargate Spot 1.77 + 0.78 - 2.22 - 0.97 = -0.64; database 47.45 + 4.60 - 11.68 - 2.30 = +38.07
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(37.43, 2);
});
