/**
 * Sizes from measurement: the rule in config/settings/task-sizing.ts, and the committed stack files
 * held to it (no smaller than the measurement needs, no larger than it supports).
 */
import path from "node:path";

import { describe, expect, it } from "vitest";

import { DEFAULT_USAGE_ASSUMPTIONS } from "../../config/cost/cost-model";
import { LITELLM_VERSION } from "../../config/litellm/litellm-release";
import { readStackFileSettings } from "../../config/render/stack-render-options";
import { connectionBudgetByClass, smallestDbClassFor } from "../../config/settings/connection-budget";
import { maxServingTasks } from "../../config/settings/service-task-counts";
import type { StackSettings } from "../../config/settings/stack-settings";
import {
  DESIGN_REQUESTS_MILLIONS_PER_MONTH,
  designPeakRequestsPerSecond,
  FOOTPRINT_LITELLM_VERSION,
  MEASURED_PEAK_RSS_MIB_PER_WORKER,
  MEMORY_HEADROOM,
  memoryNeededMib,
  PRISMA_ALLOWANCE_MIB_PER_WORKER,
  requestsPerVcpuSecond,
  smallestTaskSize,
  taskSizeShortfalls,
  vcpuNeeded,
} from "../../config/settings/task-sizing";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

function stackSettings(stack: string): StackSettings {
  const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
  if (settings === undefined) {
    throw new Error(`Pulumi.${stack}.yaml is missing`);
  }
  return settings;
}

describe("the sizing rule", () => {
  it("was measured on the pinned release and prices the plan's traffic: a new release or traffic figure means a new measurement", () => {
    expect(FOOTPRINT_LITELLM_VERSION).toBe(LITELLM_VERSION);
    expect(DESIGN_REQUESTS_MILLIONS_PER_MONTH).toBe(DEFAULT_USAGE_ASSUMPTIONS.requestsMillionsPerMonth);
  });

  it("needs the measured peak plus the Prisma allowance, with headroom, per worker", () => {
    // (417.4 + 192) x 1.5 = 914.1 -> 915 MiB; two workers 1828.2 -> 1829
    expect(memoryNeededMib(1)).toBe(Math.ceil((MEASURED_PEAK_RSS_MIB_PER_WORKER + PRISMA_ALLOWANCE_MIB_PER_WORKER) * MEMORY_HEADROOM));
    expect(memoryNeededMib(1)).toBe(915);
    expect(memoryNeededMib(2)).toBe(1829);
  });

  it("turns CPU-seconds per request into requests per vCPU and the vCPU a load needs at 60%", () => {
    // 1000 / 35.35 ms (streaming, the costlier kind) = 28.29 requests per vCPU-second
    expect(requestsPerVcpuSecond()).toBeCloseTo(28.29, 2);
    // 1M requests / (30 x 86,400 s) x 10 = 3.858 requests/s at the design peak
    expect(designPeakRequestsPerSecond()).toBeCloseTo(3.858, 3);
    // 3.858 / (28.29 x 0.6) = 0.227 vCPU
    expect(vcpuNeeded(designPeakRequestsPerSecond())).toBeCloseTo(0.227, 3);
  });

  it("picks the smallest Fargate size holding both, with the workers the CPU implies", () => {
    expect(smallestTaskSize(designPeakRequestsPerSecond())).toEqual({ cpu: 256, memoryMib: 1024, workers: 1 });
    // 6 requests/s: 0.35 vCPU -> 0.5 vCPU, still one worker and 1 GiB
    expect(smallestTaskSize(6)).toEqual({ cpu: 512, memoryMib: 1024, workers: 1 });
    // 20 requests/s: 1.18 vCPU -> 2 vCPU, two workers need 1829 MiB -> 4096 (2 vCPU's smallest)
    expect(smallestTaskSize(20)).toEqual({ cpu: 2048, memoryMib: 4096, workers: 2 });
  });

  it("names what is short", () => {
    expect(taskSizeShortfalls(256, 512, 1)).toEqual([expect.stringContaining("memory: 512 MiB is below the measured need of 915 MiB for 1 worker(s)")]);
    expect(taskSizeShortfalls(256, 1024, 1, 10)).toEqual([expect.stringContaining("cpu: 256 units is below the 0.59 vCPU")]);
    expect(taskSizeShortfalls(256, 1024, 1)).toEqual([]);
  });
});

describe.each(["dev", "prod"])("the committed %s stack", (stack) => {
  const { service, database } = stackSettings(stack);

  it("runs tasks the measurement supports: enough, and no larger", () => {
    expect(taskSizeShortfalls(service.cpu, service.memoryMib, service.desiredCount)).toEqual([]);
    const smallest = smallestTaskSize(designPeakRequestsPerSecond() / service.desiredCount);
    expect({ cpu: service.cpu, memoryMib: service.memoryMib }).toEqual({ cpu: smallest?.cpu, memoryMib: smallest?.memoryMib });
  });

  it("has the smallest burstable database class that holds its connections at full scale", () => {
    const maxTasks = maxServingTasks(service);
    expect(database?.instanceClass).toBe(smallestDbClassFor(maxTasks, service.cpu));
  });
});

describe("the connection budget by class", () => {
  it("follows RDS's LEAST(memory / 9531392, 5000), 80% usable", () => {
    // prod: maxCount 6 -> 12 tasks during a deployment x 1 worker x 10 = 120
    const [micro, small, medium] = connectionBudgetByClass(6, 256);
    expect(micro).toEqual({ instanceClass: "db.t4g.micro", maxConnections: 112, usableConnections: 89, peakConnections: 120, fits: false });
    expect(small).toEqual({ instanceClass: "db.t4g.small", maxConnections: 225, usableConnections: 180, peakConnections: 120, fits: true });
    expect(medium.fits).toBe(true);
    expect(smallestDbClassFor(6, 256)).toBe("db.t4g.small");
    // dev: one task -> 2 x 10 = 20
    expect(smallestDbClassFor(1, 256)).toBe("db.t4g.micro");
    // 4 workers per task (4 vCPU) x 12 tasks x 10 = 480: db.t4g.large's 720 usable
    expect(smallestDbClassFor(6, 4096)).toBe("db.t4g.large");
  });
});
