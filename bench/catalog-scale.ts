/**
 * How long validating and rendering a large catalog takes: 10,000 aliases (BENCH_ALIASES overrides)
 * with fallback chains through the whole catalog (bench/large-catalog.ts). Validation is
 * `validateCatalog` for the stack; rendering is `renderLitellmConfig`, which validates again
 * before it renders (as every caller runs it). Each figure is the median of a few runs after one
 * warm-up. A measurement, not a test: it prints the figures and whether each met the target.
 *
 *   npm run bench:catalog
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

import { validateCatalog } from "../config/catalog/validate-catalog";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { largeCatalog } from "./large-catalog";

const DEFAULT_ALIASES = 10_000;
/** Odd, so the median is one run. */
const RUNS = 5;
/** Issue 13: a catalog this large validates, and renders, in under a second. */
const TARGET_SECONDS = 1;
const STACK = "prod";
const MS_PER_SECOND = 1000;
const MICROSECONDS_PER_SECOND = 1_000_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

/** Median wall-clock and CPU seconds of `RUNS` calls after one uncounted warm-up. */
function timed(work: () => void): Timing {
  work();
  const samples = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    work();
    const cpu = process.cpuUsage(cpuBefore);
    return { wallSeconds: (performance.now() - started) / MS_PER_SECOND, cpuSeconds: (cpu.user + cpu.system) / MICROSECONDS_PER_SECOND };
  });
  return { wallSeconds: median(samples.map((sample) => sample.wallSeconds)), cpuSeconds: median(samples.map((sample) => sample.cpuSeconds)) };
}

function main(): void {
  const aliasCount = Number(process.env.BENCH_ALIASES ?? DEFAULT_ALIASES);
  if (!Number.isInteger(aliasCount) || aliasCount < 1) {
    process.stderr.write(`BENCH_ALIASES: found ${JSON.stringify(process.env.BENCH_ALIASES)}; pass a whole number of aliases, at least 1, e.g. 10000.\n`);
    process.exit(2);
  }
  const catalog = largeCatalog(aliasCount);
  const problems = validateCatalog(catalog, { stack: STACK });
  if (problems.length > 0) {
    process.stderr.write(`The generated catalog is invalid (${problems.length} problems), so the figures would mean nothing; first: ${problems[0].path}: ${problems[0].message}\n`);
    process.exit(1);
  }
  const rendered = renderLitellmConfig(catalog, { stack: STACK });
  const validate = timed(() => validateCatalog(catalog, { stack: STACK }));
  const render = timed(() => renderLitellmConfig(catalog, { stack: STACK }));
  // On a shared machine wall-clock time includes the neighbours' work; CPU time is this code's own.
  const row = (step: string, { wallSeconds, cpuSeconds }: Timing) => ({
    step,
    wallSeconds: wallSeconds.toFixed(3),
    cpuSeconds: cpuSeconds.toFixed(3),
    target: `< ${TARGET_SECONDS} s`,
    met: wallSeconds < TARGET_SECONDS ? "yes" : cpuSeconds < TARGET_SECONDS ? "CPU yes, wall NO (machine busy?)" : "NO",
  });
  const deployments = Object.values(catalog.aliases).reduce((sum, alias) => sum + alias.deployments.length, 0);
  process.stdout.write(
    `Catalog of ${aliasCount} aliases (${deployments} deployments, fallback chains ${aliasCount} long), stack ${STACK}, ` +
      `${rendered.aliases.length} aliases served, config.yaml ${(rendered.yaml.length / 1024 / 1024).toFixed(1)} MiB; median of ${RUNS} runs (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs):\n`,
  );
  console.table([row("validate", validate), row("render (validates, then renders)", render)]);
}

main();
