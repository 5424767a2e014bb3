/**
 * Memory and CPU of a process and all its descendants, read from Linux's /proc: what a Fargate
 * task's memory limit and CPU share are charged with when LiteLLM is the container's only process
 * tree (the parent, its uvicorn workers and anything they start).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** The kernel's unit for utime/stime in /proc/<pid>/stat; 100 on every common Linux build. */
const FALLBACK_CLOCK_TICKS_PER_SECOND = 100;
/** Fields of /proc/<pid>/stat after the `(comm)` field, 0-based: state is 0, ppid 1, utime 11, stime 12. */
const STAT_PPID_INDEX = 1;
const STAT_UTIME_INDEX = 11;
const STAT_STIME_INDEX = 12;

export interface ProcessSample {
  readonly pid: number;
  /** The executable's short name, e.g. `litellm` or `python`. */
  readonly name: string;
  /** Resident memory now (VmRSS). */
  readonly rssKib: number;
  /** Peak resident memory over the process's life so far (VmHWM): start-up included. */
  readonly peakRssKib: number;
  /** Proportional set size (smaps_rollup Pss): shared pages split between the sharers. */
  readonly pssKib: number;
  /** User plus system CPU time so far, in clock ticks. */
  readonly cpuTicks: number;
}

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || FALLBACK_CLOCK_TICKS_PER_SECOND;
    } catch {
      clockTicks = FALLBACK_CLOCK_TICKS_PER_SECOND;
    }
  }
  return clockTicks;
}

/** Fields after `(comm)`; the name itself may contain spaces and parentheses, hence lastIndexOf. */
function statFields(pid: number): { name: string; fields: string[] } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const open = text.indexOf("(");
    const close = text.lastIndexOf(")");
    return { name: text.slice(open + 1, close), fields: text.slice(close + 2).split(" ") };
  } catch {
    return undefined; // exited between the listing and the read
  }
}

/** `rootPid` and every live descendant of it. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) {
      continue;
    }
    const stat = statFields(pid);
    if (stat === undefined) {
      continue;
    }
    const parent = Number(stat.fields[STAT_PPID_INDEX]);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusKib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match === null ? 0 : Number(match[1]);
}

/** One process's figures, or undefined when it has exited. */
export function sampleProcess(pid: number): ProcessSample | undefined {
  const stat = statFields(pid);
  if (stat === undefined) {
    return undefined;
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return {
      pid,
      name: stat.name,
      rssKib: statusKib(status, "VmRSS"),
      peakRssKib: statusKib(status, "VmHWM"),
      pssKib: statusKib(rollup, "Pss"),
      cpuTicks: Number(stat.fields[STAT_UTIME_INDEX]) + Number(stat.fields[STAT_STIME_INDEX]),
    };
  } catch {
    return undefined;
  }
}

/** Every live process of the tree. */
export function sampleTree(rootPid: number): ProcessSample[] {
  return processTree(rootPid).flatMap((pid) => sampleProcess(pid) ?? []);
}

/** Sum of one figure over a sample of the tree. */
export function treeTotal(samples: readonly ProcessSample[], figure: "rssKib" | "pssKib" | "peakRssKib" | "cpuTicks"): number {
  return samples.reduce((sum, sample) => sum + sample[figure], 0);
}

/**
 * CPU seconds the tree spent between two samples: processes in both count their difference,
 * processes that appeared count all of theirs (a process that exited in between is lost, which
 * the caller sees as a changed process list).
 */
export function cpuSecondsBetween(before: readonly ProcessSample[], after: readonly ProcessSample[]): number {
  const start = new Map(before.map((sample) => [sample.pid, sample.cpuTicks]));
  const ticks = after.reduce((sum, sample) => sum + sample.cpuTicks - (start.get(sample.pid) ?? 0), 0);
  return ticks / clockTicksPerSecond();
}
