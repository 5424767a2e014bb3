/** Edge case: dev with a NAT gateway per zone (2 zones) instead of its public subnets. */
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
  run = await runStack("dev", { egress: "nat-per-az" });
  report = await describeRun(run, { stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "plan-nat-")) });
});

it("registers a VPC with a NAT gateway per zone and prices two gateways", () => {
  expectBillMatchesRegistrations(run, billOf(run, "dev"));
  expect(billOf(run, "dev").natGateways).toBe(2);
});

it("adds two gateways, their two addresses and the NAT data, and drops the task's own address", () => {
  // 2 x 730 h x $0.045 = $65.70, 2 x 730 h x $0.005 = $7.30, 0 GB x $0.045 (dev states natGb 0);
  // minus the task's public IPv4 address, 730 h x $0.005 = $3.65: 65.70 + 7.30 - 3.65 = +69.35.
  expect(lineCost(report, "NAT gateways")).toBe(65.7);
  expect(lineCost(report, "NAT public IPv4 addresses")).toBe(7.3);
  expect(lineCost(report, "NAT data processed")).toBe(0);
  expect(report.cost.lines.map((line) => line.item)).not.toContain("Task public IPv4 addresses");
  expect(report.cost.totalMonthlyUsd - DEV_TOTAL_USD).toBeCloseTo(69.35, 2);
});

it("prices the committed dev as an alternative at exactly the committed dev's total", () => {
  const publicSubnets = (report.cost.alternatives ?? []).find((alternative) => alternative.label === "egress public-subnets");
  expect(publicSubnets).toMatchObject({ monthlyUsd: DEV_TOTAL_USD, deltaUsd: -69.35 });
});
