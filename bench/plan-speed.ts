/**
 * How long `npm run plan` takes and how much memory it needs, per stack. Each run is a fresh child
 * process (Pulumi's mocks are process-global, and a newcomer pays the start-up too): `node
 * --import tsx scripts/plan.ts --stack <s> --json`, timed from spawn to exit, its peak RSS read
 * from GNU time's "Maximum resident set size". A measurement, not a test.
 *
 *   npm run bench:plan            (BENCH_RUNS overrides the runs per stack; default 5)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { EXIT_OK, runCli, UsageError } from "../scripts/cli/run-cli";

const REPO_ROOT = path.resolve(__dirname, "..");
const PLAN = path.join(REPO_ROOT, "scripts", "plan.ts");
const GNU_TIME = "/usr/bin/time";
const STACKS = ["dev", "prod"];
/** Odd, so the median is one run; small, since each run is a few seconds of a shared machine. */
const DEFAULT_RUNS = 5;
const KIB_PER_MIB = 1024;

interface Sample {
  readonly seconds: number;
  readonly maxRssMib: number | undefined;
}

function runOnce(stack: string, outDir: string): Sample {
  const command = [process.execPath, "--import", "tsx", PLAN, "--stack", stack, "--json", "--out-dir", outDir];
  const withTime = existsSync(GNU_TIME);
  const started = performance.now();
  const child = withTime
    ? spawnSync(GNU_TIME, ["-v", ...command], { cwd: REPO_ROOT, encoding: "utf8" })
    : spawnSync(command[0], command.slice(1), { cwd: REPO_ROOT, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    throw new Error(`the plan of ${stack} failed (exit ${child.status}): ${child.stderr.split("\n")[0]}`);
  }
  JSON.parse(child.stdout); // a run that printed a broken document does not count
  const rssKib = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1];
  return { seconds, maxRssMib: rssKib === undefined ? undefined : Number(rssKib) / KIB_PER_MIB };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const USAGE = `Usage: [BENCH_RUNS=<n>] npm run bench:plan [-- --help]
Times the offline plan of each stack (${STACKS.join(", ")}) in a fresh process, BENCH_RUNS times each
(default ${DEFAULT_RUNS}), and prints the median, min, max and peak memory. A measurement, not a test.`;

function main(argv: readonly string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (argv.length > 0) {
    throw new UsageError(`unknown argument ${argv[0]}; this benchmark takes none (BENCH_RUNS sets the runs).`);
  }
  const runs = Number(process.env.BENCH_RUNS ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new UsageError(`BENCH_RUNS: found "${process.env.BENCH_RUNS}"; pass a whole number of runs, at least 1, e.g. BENCH_RUNS=5.`);
  }
  const outDir = mkdtempSync(path.join(tmpdir(), "bench-plan-"));
  const rows = STACKS.map((stack) => {
    runOnce(stack, outDir); // warm the file system cache; not counted
    const samples = Array.from({ length: runs }, () => runOnce(stack, outDir));
    const rss = samples.map((sample) => sample.maxRssMib).filter((value): value is number => value !== undefined);
    return {
      stack,
      runs,
      medianSeconds: median(samples.map((sample) => sample.seconds)).toFixed(2),
      minSeconds: Math.min(...samples.map((sample) => sample.seconds)).toFixed(2),
      maxSeconds: Math.max(...samples.map((sample) => sample.seconds)).toFixed(2),
      peakRssMib: rss.length === 0 ? "n/a (no /usr/bin/time)" : Math.max(...rss).toFixed(0),
    };
  });
  process.stdout.write(`Offline plan, one child process per run (node ${process.version}):\n`);
  console.table(rows);
  return EXIT_OK;
}

runCli("bench:plan", main);
