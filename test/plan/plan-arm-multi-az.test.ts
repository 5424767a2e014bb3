/** Edge case: dev on ARM64 with a Multi-AZ db.t4g.small: cheaper tasks, a dearer database. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";

import type { StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

const DEV_TOTAL_USD = 76.71;

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { cpuArchitecture: "ARM64", dbInstanceClass: "db.t4g.small", dbMultiAz: "true" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-arm-")) });
});

it("registers and prices an ARM64 task and a Multi-AZ small database", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
});

it("prices Fargate at the Graviton rate", () => {
  // 0.5 x 730 x $0.03238 = $11.8187; 2 x 730 x $0.00356 = $5.1976
  expect(lineCost(report, "Fargate vCPU (arm64)")).toBe(11.82);
  expect(lineCost(report, "Fargate memory (arm64)")).toBe(5.2);
});

it("prices the Multi-AZ instance and storage at the Multi-AZ rates", () => {
  // 730 x $0.065 = $47.45 (single-AZ small: 730 x $0.032 = $23.36); 20 GB x $0.23 = $4.60
  expect(lineCost(report, "RDS db.t4g.small (Multi-AZ)")).toBe(47.45);
  expect(lineCost(report, "RDS gp3 storage (Multi-AZ)")).toBe(4.6);
});

it("changes the total by the hand-computed amount", () => {
  // Fargate 11.82 + 5.20 - 14.78 - 6.49 = -4.25; database 47.45 + 4.60 - 11.68 - 2.30 = +38.07
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(33.82, 2);
});
