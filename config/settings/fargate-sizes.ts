/**
 * Fargate only runs certain CPU/memory pairs (Linux, platform 1.4.0). A pair outside this table is
 * rejected by ECS at deploy time; checking it here turns that into an error at `pulumi preview`.
 * Source: AWS ECS developer guide, "Task CPU and memory".
 */

/** CPU units: 1024 units are one vCPU. */
export const CPU_UNITS_PER_VCPU = 1024;

/** One row of the table: a CPU value and the memory it allows, as a range with a step. */
interface FargateSize {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly fromMib: number;
  readonly toMib: number;
  readonly stepMib: number;
  /** A value outside the range that is also allowed (0.25 vCPU with 512 MiB). */
  readonly extraMib?: number;
}

const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, extraMib: 512, fromMib: 1024, toMib: 2048, stepMib: 1024 },
  { cpu: 512, fromMib: 1024, toMib: 4096, stepMib: 1024 },
  { cpu: 1024, fromMib: 2048, toMib: 8192, stepMib: 1024 },
  { cpu: 2048, fromMib: 4096, toMib: 16_384, stepMib: 1024 },
  { cpu: 4096, fromMib: 8192, toMib: 30_720, stepMib: 1024 },
  { cpu: 8192, fromMib: 16_384, toMib: 61_440, stepMib: 4096 },
  { cpu: 16_384, fromMib: 32_768, toMib: 122_880, stepMib: 8192 },
];

/** The task CPU values Fargate accepts, in units (1024 = 1 vCPU). */
export const FARGATE_CPU_UNITS: readonly number[] = FARGATE_SIZES.map((size) => size.cpu);

/** Every memory value (MiB) Fargate accepts for `cpu`, ascending; empty for an invalid cpu. */
export function validFargateMemoryMib(cpu: number): number[] {
  const size = FARGATE_SIZES.find((candidate) => candidate.cpu === cpu);
  if (size === undefined) {
    return [];
  }
  const values = size.extraMib === undefined ? [] : [size.extraMib];
  for (let memory = size.fromMib; memory <= size.toMib; memory += size.stepMib) {
    values.push(memory);
  }
  return values;
}

/**
 * Problems with a cpu/memory pair, each naming the setting and the values allowed; empty when
 * Fargate accepts the pair.
 */
export function fargateSizeProblems(cpu: number, memoryMib: number): string[] {
  if (!FARGATE_CPU_UNITS.includes(cpu)) {
    return [`cpu: ${cpu} is not a Fargate CPU value. Allowed: ${FARGATE_CPU_UNITS.join(", ")} (1024 = 1 vCPU), e.g. 1024.`];
  }
  const valid = validFargateMemoryMib(cpu);
  if (!valid.includes(memoryMib)) {
    return [
      `memory: ${memoryMib} MiB is not valid with cpu ${cpu} on Fargate. Allowed for cpu ${cpu}: ${valid.join(", ")} (MiB), e.g. ${valid[0]}.`,
    ];
  }
  return [];
}

/**
 * Uvicorn worker processes for a task: one per whole vCPU (LiteLLM's recommendation), at least
 * one for fractional-vCPU tasks.
 */
export function workersForCpu(cpu: number): number {
  return Math.max(1, Math.floor(cpu / CPU_UNITS_PER_VCPU));
}
