/**
 * What the proxy adds: the same chat completion sent straight to the fake provider and through
 * the pinned LiteLLM release (started as the ECS task starts it, with the router, retry and
 * timeout settings the renderer produces for production), in one run, on loopback.
 *
 * Prints requests per second and client-side latency for both paths, the difference, and LiteLLM's
 * own `x-litellm-overhead-duration-ms`. A measurement, not a test: nothing here passes or fails.
 *
 *   npm run bench:proxy            (BENCH_REQUESTS, BENCH_CONCURRENCY override the counts)
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import OpenAI from "openai";

import { defineCatalog } from "../config/catalog/define-catalog";
import { LITELLM_VERSION } from "../config/litellm/litellm-release";
import { MASTER_KEY_ENV } from "../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { EXIT_OK, runCli, UsageError } from "../scripts/cli/run-cli";
import { startFakeProvider } from "../test/e2e/fake-provider";
import { startLitellm } from "../test/e2e/litellm-launcher";
import { printTable } from "./print-table";

/** Requests per measured phase: enough for a stable P95, bounded so a run takes about a minute. */
const DEFAULT_REQUESTS = 300;
/** Parallel clients in the throughput phase; the latency phase is sequential. */
const DEFAULT_CONCURRENCY = 8;
/** Unmeasured requests first: connection pools, Python imports on first use, JIT. */
const WARMUP_REQUESTS = 20;
const PERCENTILE_50 = 50;
const PERCENTILE_95 = 95;
const MS_DECIMALS = 1;
const MS_PER_SECOND = 1_000;
const PERCENT = 100;
const OVERHEAD_HEADER = "x-litellm-overhead-duration-ms";
const ALIAS = "bench-model";
const PROVIDER_MODEL = "bench-provider-model";
const PROVIDER_KEY_ENV = "BENCH_PROVIDER_KEY";
const USAGE = `Usage: [BENCH_REQUESTS=<n>] [BENCH_CONCURRENCY=<n>] npm run bench:proxy [-- --help]
Sends the same chat completion straight to a fake provider and through the pinned LiteLLM (the
production settings, one worker, loopback) and prints requests/s, P50/P95 latency and LiteLLM's
own overhead header. Needs the e2e Python environment (.venv, see README). A measurement only.
Defaults: BENCH_REQUESTS=${DEFAULT_REQUESTS} per phase, BENCH_CONCURRENCY=${DEFAULT_CONCURRENCY} parallel clients.`;

interface Sample {
  readonly clientMs: number;
  readonly overheadMs?: number;
}

interface PhaseResult {
  readonly samples: Sample[];
  readonly wallMs: number;
}

function readCount(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) {
    throw new UsageError(`${name} must be a whole number above 0, e.g. ${name}=${fallback}; found "${process.env[name]}".`);
  }
  return value;
}

interface BenchTarget {
  readonly name: string;
  readonly client: OpenAI;
  readonly model: string;
}

async function oneRequest(target: BenchTarget): Promise<Sample> {
  const started = performance.now();
  const { response } = await target.client.chat.completions
    .create({ model: target.model, messages: [{ role: "user", content: "Say hello." }] })
    .withResponse();
  const clientMs = performance.now() - started;
  const header = response.headers.get(OVERHEAD_HEADER);
  return header === null ? { clientMs } : { clientMs, overheadMs: Number(header) };
}

async function runPhase(target: BenchTarget, requests: number, concurrency: number): Promise<PhaseResult> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next += 1;
      samples.push(await oneRequest(target));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, wallMs: performance.now() - started };
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / PERCENT) * sorted.length) - 1));
  return sorted[rank];
}

function benchTarget(name: string, baseURL: string, apiKey: string, model: string): BenchTarget {
  // No SDK retries: a failure must show, not be averaged in.
  return { name, client: new OpenAI({ baseURL, apiKey, maxRetries: 0 }), model };
}

function format(ms: number): string {
  return Number.isNaN(ms) ? "-" : ms.toFixed(MS_DECIMALS);
}

async function main(): Promise<void> {
  const requests = readCount("BENCH_REQUESTS", DEFAULT_REQUESTS);
  const concurrency = readCount("BENCH_CONCURRENCY", DEFAULT_CONCURRENCY);
  const masterKey = `sk-${randomBytes(24).toString("hex")}`;
  const providerKey = randomBytes(16).toString("hex");

  const fake = await startFakeProvider();
  // Production routing: no `routing` override, so the renderer's production defaults apply.
  const rendered = renderLitellmConfig(
    defineCatalog({
      aliases: { [ALIAS]: { deployments: [{ provider: "openai", model: PROVIDER_MODEL, apiKeyEnv: PROVIDER_KEY_ENV, apiBase: `${fake.origin}/v1` }] } },
    }),
    { stack: "prod" },
  );
  const proxy = await startLitellm({
    configYaml: rendered.yaml,
    secretEnvNames: rendered.secretEnvNames,
    secrets: { [MASTER_KEY_ENV]: masterKey, [PROVIDER_KEY_ENV]: providerKey },
  });
  try {
    const paths = [
      benchTarget("direct to provider", `${fake.origin}/v1`, providerKey, PROVIDER_MODEL),
      benchTarget(`through LiteLLM ${LITELLM_VERSION}`, `${proxy.origin}/v1`, masterKey, ALIAS),
    ];
    const rows: string[][] = [];
    const latencyP: Record<string, [number, number]> = {};
    for (const target of paths) {
      const { name } = target;
      await runPhase(target, WARMUP_REQUESTS, 1);
      const sequential = await runPhase(target, requests, 1);
      const parallel = await runPhase(target, requests, concurrency);
      const latencies = sequential.samples.map((sample) => sample.clientMs);
      const overheads = sequential.samples.flatMap((sample) => (sample.overheadMs === undefined ? [] : [sample.overheadMs]));
      latencyP[name] = [percentile(latencies, PERCENTILE_50), percentile(latencies, PERCENTILE_95)];
      rows.push([
        name,
        ((requests / sequential.wallMs) * MS_PER_SECOND).toFixed(0),
        ((requests / parallel.wallMs) * MS_PER_SECOND).toFixed(0),
        format(latencyP[name][0]),
        format(latencyP[name][1]),
        format(percentile(overheads, PERCENTILE_50)),
        format(percentile(overheads, PERCENTILE_95)),
      ]);
    }
    const [direct, proxied] = paths.map((entry) => latencyP[entry.name]);
    rows.push(["added by the proxy (client)", "", "", format(proxied[0] - direct[0]), format(proxied[1] - direct[1]), "", ""]);
    printTable(
      ["path", "req/s (1 client)", `req/s (${concurrency} clients)`, "P50 ms", "P95 ms", "overhead hdr P50", "overhead hdr P95"],
      rows,
    );
    console.log(
      `\n${requests} requests per phase after ${WARMUP_REQUESTS} warm-up; latency percentiles from the sequential phase; ` +
        `1 LiteLLM worker on loopback (production runs one per vCPU); fake provider answers at once.`,
    );
  } finally {
    await proxy.stop();
    await fake.close();
  }
}

runCli("bench:proxy", async (argv) => {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (argv.length > 0) {
    throw new UsageError(`unknown argument ${argv[0]}; this benchmark takes none (BENCH_REQUESTS, BENCH_CONCURRENCY set the counts).`);
  }
  await main();
  return EXIT_OK;
});
