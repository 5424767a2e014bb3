/**
 * Task sizes from measurement: what `npm run bench:footprint` measured on the pinned LiteLLM
 * (prod's rendered config, Redis, one worker, 64 requests in flight against the fake provider),
 * the headroom on top, and the smallest Fargate size that holds both. Re-run the benchmark and
 * update the MEASURED_ constants when the release changes (a test compares the versions).
 *
 * The rule:
 * - memory: (peak tree memory per worker + the Prisma allowance) x MEMORY_HEADROOM x workers
 *   <= task memory;
 * - CPU: the design peak's requests per second per task / (requests per vCPU-second x
 *   TARGET_CPU_UTILIZATION) <= task vCPU. Requests per vCPU-second are the streaming figure, the
 *   costlier of the two kinds, measured as CPU-seconds of the process tree (robust to a busy
 *   benchmark machine, unlike wall-clock throughput).
 */
import { CPU_UNITS_PER_VCPU, FARGATE_CPU_UNITS, validFargateMemoryMib, workersForCpu } from "./fargate-sizes";

/** When and on what the figures below were measured. */
export const FOOTPRINT_MEASURED_ON = "2026-12-02";
export const FOOTPRINT_LITELLM_VERSION = "1.108.7";
/** The fake provider's answer delay and the clients in flight during the measurement. */
export const FOOTPRINT_PROVIDER_LATENCY_MS = 250;
export const FOOTPRINT_CONCURRENCY = 64;

/** One worker's process tree, idle after start (VmRSS). */
export const MEASURED_IDLE_RSS_MIB_PER_WORKER = 333.8;
/** One worker's process tree at its peak under load (VmRSS, streaming phase; PSS was 399.2). */
export const MEASURED_PEAK_RSS_MIB_PER_WORKER = 417.4;
/** CPU of the process tree per request (ms), by kind. */
export const MEASURED_CPU_MS_PER_REQUEST = { nonStreaming: 21.21, streaming: 35.35 } as const;

/**
 * Not measured: the Prisma engines are not installed where the benchmark runs (no database). Each
 * worker runs a Prisma query engine process, and each task start runs `prisma migrate deploy`
 * (Node's Prisma CLI and the schema engine, gone before traffic arrives). A fresh query engine was
 * seen at 34 MB in a live deployment (Significant-Gravitas/AutoGPT#12521), growing with its
 * statement cache; this allowance is about five times that.
 */
export const PRISMA_ALLOWANCE_MIB_PER_WORKER = 192;
/** Peak memory x 1.5 <= task memory: garbage not yet collected, a larger prompt mix, slower providers holding more requests. */
export const MEMORY_HEADROOM = 1.5;
/** Leave 40% of the CPU free at the design peak: bursts within a minute, GC, the once-a-minute spend write. */
export const TARGET_CPU_UTILIZATION = 0.6;
/**
 * The busiest minute as a multiple of the month's average request rate (business hours, batch
 * jobs). Above it, autoscaling on CPU adds tasks up to maxCount.
 */
export const PEAK_TO_AVERAGE_REQUEST_RATE = 10;

/** The traffic the plan prices (config/cost DEFAULT_USAGE_ASSUMPTIONS.requestsMillionsPerMonth; a test keeps them equal). */
export const DESIGN_REQUESTS_MILLIONS_PER_MONTH = 1;
const DAYS_PER_MONTH = 30;
const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_MONTH = DAYS_PER_MONTH * SECONDS_PER_DAY;
const REQUESTS_PER_MILLION = 1e6;
const MS_PER_SECOND = 1000;

/** Memory (MiB) a task of `workers` workers needs, headroom included. */
export function memoryNeededMib(workers: number): number {
  return Math.ceil((MEASURED_PEAK_RSS_MIB_PER_WORKER + PRISMA_ALLOWANCE_MIB_PER_WORKER) * MEMORY_HEADROOM * workers);
}

/** Requests one vCPU serves per second at full use, on the costlier (streaming) kind. */
export function requestsPerVcpuSecond(): number {
  return MS_PER_SECOND / Math.max(MEASURED_CPU_MS_PER_REQUEST.streaming, MEASURED_CPU_MS_PER_REQUEST.nonStreaming);
}

/** vCPU a task needs to serve `requestsPerSecond` at TARGET_CPU_UTILIZATION. */
export function vcpuNeeded(requestsPerSecond: number): number {
  return requestsPerSecond / (requestsPerVcpuSecond() * TARGET_CPU_UTILIZATION);
}

/** The design peak in requests per second for `requestsMillionsPerMonth` (the plan's traffic assumption by default). */
export function designPeakRequestsPerSecond(requestsMillionsPerMonth = DESIGN_REQUESTS_MILLIONS_PER_MONTH): number {
  return ((requestsMillionsPerMonth * REQUESTS_PER_MILLION) / SECONDS_PER_MONTH) * PEAK_TO_AVERAGE_REQUEST_RATE;
}

export interface TaskSize {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly memoryMib: number;
  readonly workers: number;
}

/**
 * The smallest Fargate size whose CPU serves `requestsPerSecondPerTask` at the target utilization
 * and whose memory holds its workers with headroom; undefined when no size does.
 */
export function smallestTaskSize(requestsPerSecondPerTask: number): TaskSize | undefined {
  const cpuNeeded = vcpuNeeded(requestsPerSecondPerTask) * CPU_UNITS_PER_VCPU;
  for (const cpu of FARGATE_CPU_UNITS) {
    if (cpu < cpuNeeded) {
      continue;
    }
    const workers = workersForCpu(cpu);
    const memoryMib = validFargateMemoryMib(cpu).find((candidate) => candidate >= memoryNeededMib(workers));
    if (memoryMib !== undefined) {
      return { cpu, memoryMib, workers };
    }
  }
  return undefined;
}

/**
 * Problems with a stack's cpu/memory against the measurement: memory below the need of its
 * workers, or CPU below the design peak shared by `tasksAtRest` tasks. Empty when it holds.
 */
export function taskSizeShortfalls(cpu: number, memoryMib: number, tasksAtRest: number, requestsPerSecond = designPeakRequestsPerSecond()): string[] {
  const problems: string[] = [];
  const needMib = memoryNeededMib(workersForCpu(cpu));
  if (memoryMib < needMib) {
    problems.push(`memory: ${memoryMib} MiB is below the measured need of ${needMib} MiB for ${workersForCpu(cpu)} worker(s)`);
  }
  const needVcpu = vcpuNeeded(requestsPerSecond / tasksAtRest);
  if (cpu / CPU_UNITS_PER_VCPU < needVcpu) {
    problems.push(`cpu: ${cpu} units is below the ${needVcpu.toFixed(2)} vCPU the design peak needs per task`);
  }
  return problems;
}
