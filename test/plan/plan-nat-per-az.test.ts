/** Edge case: dev with one NAT gateway per zone (2 zones) instead of a single one. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, it } from "vitest";

import type { StackRun } from "../../offline/run-stack-offline";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { billOf, expectBillMatchesRegistrations, lineCost } from "./plan-checks";

const DEV_TOTAL_USD = 95.12;

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("dev", { natGateways: "one-per-az" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-nat-")) });
});

it("registers a VPC with a NAT gateway per zone and prices two gateways", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
  expect(billOf(run, "dev").natGateways).toBe(2);
});

it("adds one gateway and one public IPv4 address, and no NAT data (the traffic is the same)", () => {
  // 730 h x $0.045 = $32.85 and 730 h x $0.005 = $3.65; data stays 10 GB x $0.045 = $0.45.
  expect(lineCost(report, "NAT gateways")).toBe(65.7);
  expect(lineCost(report, "NAT public IPv4 addresses")).toBe(7.3);
  expect(lineCost(report, "NAT data processed")).toBe(0.45);
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(36.5, 2);
});
