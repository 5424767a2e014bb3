/**
 * The pinned LiteLLM's footprint, measured for sizing (config/litellm/task-sizing.ts): the prod
 * stack's rendered config.yaml (every prod model, Redis settings included) served by the workers
 * a prod task runs, with a real Redis, against the fake provider, under concurrent streaming and
 * non-streaming chat completions. Prints, per phase:
 *
 * - memory of the LiteLLM process tree (parent and workers; VmRSS, smaps_rollup Pss, VmHWM) idle
 *   after start and at its peak under load;
 * - CPU seconds the tree spent per request (utime + stime from /proc): the primary throughput
 *   figure, since it does not depend on what else the machine runs; wall-clock requests per
 *   second only as context;
 * - Redis memory (INFO used_memory) and the keys LiteLLM left there;
 * - the database connection budget of prod at its maximum scale, class by class.
 *
 * A measurement, not a test: nothing here passes or fails, except a run with failed requests,
 * whose figures do not count (exit code 1).
 *
 *   npm run bench:footprint   (BENCH_REQUESTS per phase, BENCH_CONCURRENCY, BENCH_WORKERS,
 *                              BENCH_PROVIDER_LATENCY_MS override the defaults)
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";

import OpenAI from "openai";
import { parse } from "yaml";

import { catalog } from "../config/catalog";
import type { Catalog, Deployment } from "../config/catalog/catalog-types";
import { LITELLM_VERSION } from "../config/litellm/litellm-release";
import { MASTER_KEY_ENV, SALT_KEY_ENV } from "../config/litellm/proxy-runtime";
import { REDIS_PASSWORD_ENV, redisEnvironment } from "../config/litellm/redis-environment";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { readStackFileSettings, renderOptionsForStack } from "../config/render/stack-render-options";
import { connectionBudgetByClass } from "../config/settings/connection-budget";
import { workersForCpu } from "../config/settings/fargate-sizes";
import { maxServingTasks } from "../config/settings/service-task-counts";
import { startFakeProvider } from "../test/e2e/fake-provider";
import type { FakeProvider } from "../test/e2e/fake-provider";
import { startLitellm } from "../test/e2e/litellm-launcher";
import { startRedis } from "../test/e2e/redis-server";
import type { RunningRedis } from "../test/e2e/redis-server";
import { printTable } from "./print-table";
import { cpuSecondsBetween, sampleTree, treeTotal } from "./process-tree";
import type { ProcessSample } from "./process-tree";

const STACK = "prod";
const REPO_ROOT = path.resolve(__dirname, "..");
/** Requests per phase: enough CPU time (seconds) that tick rounding is far below 1%. */
const DEFAULT_REQUESTS = 1_000;
/** In-flight requests: what a busy task holds when clients wait on slow model answers. */
const DEFAULT_CONCURRENCY = 64;
/**
 * The fake provider's answer delay. Real models take seconds; a quarter second keeps every client
 * waiting on the provider (so memory holds `concurrency` requests in flight) without making the
 * run long. CPU per request does not depend on it.
 */
const DEFAULT_PROVIDER_LATENCY_MS = 250;
const WARMUP_REQUESTS = 30;
/** Let start-up's garbage settle before the idle reading. */
const IDLE_SETTLE_MS = 5_000;
const SAMPLE_INTERVAL_MS = 200;
/** LiteLLM writes usage to Redis after answering; give it time before reading Redis. */
const REDIS_SETTLE_MS = 3_000;
const KIB_PER_MIB = 1024;
const MS_PER_SECOND = 1_000;
const DECIMALS = 1;
const CPU_MS_DECIMALS = 2;

/** Aliases the fake provider can answer (OpenAI and Anthropic wire formats). */
const FAKE_BACKED_PROVIDERS = new Set(["openai", "anthropic"]);

function readCount(name: string, fallback: number, minimum = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be a whole number of at least ${minimum}, e.g. ${name}=${fallback}; found "${process.env[name]}".`);
  }
  return value;
}

/** The prod catalog with every OpenAI and Anthropic deployment pointed at the fake provider. */
function catalogAgainstFake(fakeOrigin: string): { readonly catalog: Catalog; readonly drivenAliases: string[] } {
  const aliases: Record<string, Catalog["aliases"][string]> = {};
  const drivenAliases: string[] = [];
  for (const [name, alias] of Object.entries(catalog.aliases)) {
    const deployments = alias.deployments.map((deployment): Deployment => {
      if (deployment.provider === "openai") {
        return { ...deployment, apiBase: `${fakeOrigin}/v1` };
      }
      if (deployment.provider === "anthropic") {
        return { ...deployment, apiBase: fakeOrigin };
      }
      return deployment;
    });
    aliases[name] = { ...alias, deployments };
    // Bedrock signs with AWS credentials and speaks its own format: its aliases are loaded, not driven.
    if (alias.deployments.every((deployment) => FAKE_BACKED_PROVIDERS.has(deployment.provider))) {
      drivenAliases.push(name);
    }
  }
  return { catalog: { ...catalog, aliases } as Catalog, drivenAliases: drivenAliases.sort() };
}

interface PhaseResult {
  readonly name: string;
  readonly requests: number;
  readonly failures: string[];
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakPssKib: number;
  readonly peakRssKib: number;
}

async function oneRequest(client: OpenAI, model: string, stream: boolean): Promise<void> {
  const messages = [{ role: "user" as const, content: "Say hello." }];
  if (!stream) {
    const answer = await client.chat.completions.create({ model, messages });
    if (!answer.choices[0]?.message.content) {
      throw new Error(`${model}: empty answer`);
    }
    return;
  }
  let text = "";
  for await (const chunk of await client.chat.completions.create({ model, messages, stream: true })) {
    text += chunk.choices[0]?.delta.content ?? "";
  }
  if (text === "") {
    throw new Error(`${model}: empty stream`);
  }
}

async function runPhase(
  name: string,
  rootPid: number,
  send: (index: number) => Promise<void>,
  requests: number,
  concurrency: number,
): Promise<PhaseResult> {
  const failures: string[] = [];
  let peakPssKib = 0;
  let peakRssKib = 0;
  const sample = () => {
    const tree = sampleTree(rootPid);
    peakPssKib = Math.max(peakPssKib, treeTotal(tree, "pssKib"));
    peakRssKib = Math.max(peakRssKib, treeTotal(tree, "rssKib"));
    return tree;
  };
  const before = sample();
  const sampler = setInterval(sample, SAMPLE_INTERVAL_MS);
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < requests) {
      const index = next;
      next += 1;
      await send(index).catch((error: unknown) => failures.push(String(error)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const wallSeconds = (performance.now() - started) / MS_PER_SECOND;
  clearInterval(sampler);
  const after = sample();
  return { name, requests, failures, wallSeconds, cpuSeconds: cpuSecondsBetween(before, after), peakPssKib, peakRssKib };
}

interface RedisFootprint {
  readonly usedMemoryBytes: number;
  readonly emptyUsedMemoryBytes: number;
  readonly keys: number;
  /** Key count and MEMORY USAGE bytes per key pattern (digits and hex runs folded to `#`). */
  readonly patterns: Record<string, { keys: number; bytes: number }>;
}

function usedMemory(info: string): number {
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

async function redisFootprint(redis: RunningRedis, emptyUsedMemoryBytes: number): Promise<RedisFootprint> {
  const keys = (await redis.cli("--scan")).split("\n").filter(Boolean);
  const patterns: Record<string, { keys: number; bytes: number }> = {};
  for (const key of keys) {
    const pattern = key.replaceAll(/[0-9a-f]{8,}|\d+/g, "#");
    const bytes = Number((await redis.cli("MEMORY", "USAGE", key)).trim()) || 0;
    const entry = (patterns[pattern] ??= { keys: 0, bytes: 0 });
    entry.keys += 1;
    entry.bytes += bytes;
  }
  return { usedMemoryBytes: usedMemory(await redis.cli("INFO", "memory")), emptyUsedMemoryBytes, keys: keys.length, patterns };
}

function mib(kib: number): string {
  return (kib / KIB_PER_MIB).toFixed(DECIMALS);
}

function processRows(label: string, tree: readonly ProcessSample[]): string[][] {
  return tree.map((sample) => [`${label}: pid ${sample.pid} ${sample.name}`, mib(sample.rssKib), mib(sample.pssKib), mib(sample.peakRssKib)]);
}

async function main(): Promise<void> {
  const settings = readStackFileSettings(path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`));
  if (settings === undefined) {
    throw new Error(`Pulumi.${STACK}.yaml is missing: the benchmark serves that stack's config.`);
  }
  const workers = readCount("BENCH_WORKERS", workersForCpu(settings.service.cpu));
  const requests = readCount("BENCH_REQUESTS", DEFAULT_REQUESTS);
  const concurrency = readCount("BENCH_CONCURRENCY", DEFAULT_CONCURRENCY);
  const latencyMs = readCount("BENCH_PROVIDER_LATENCY_MS", DEFAULT_PROVIDER_LATENCY_MS, 0);
  const masterKey = `sk-${randomBytes(24).toString("hex")}`;

  let fake: FakeProvider | undefined;
  let redis: RunningRedis | undefined;
  let stopProxy: (() => Promise<void>) | undefined;
  try {
    // Valkey, as the stacks run it (ElastiCache for Valkey).
    [fake, redis] = await Promise.all([startFakeProvider(), startRedis("valkey")]);
    const against = catalogAgainstFake(fake.origin);
    const rendered = renderLitellmConfig(against.catalog, renderOptionsForStack(STACK, settings));
    const providerModels = Object.values(against.catalog.aliases).flatMap((alias) => alias.deployments.map((deployment) => ("model" in deployment ? deployment.model : deployment.deployment)));
    for (const model of providerModels) {
      fake.setBehaviour(model, latencyMs === 0 ? { kind: "ok" } : { kind: "slow", delayMs: latencyMs });
    }
    const emptyRedisBytes = usedMemory(await redis.cli("INFO", "memory"));
    const secrets = {
      [MASTER_KEY_ENV]: masterKey,
      [SALT_KEY_ENV]: `sk-${randomBytes(24).toString("hex")}`,
      ...Object.fromEntries(rendered.secretEnvNames.map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`])),
      ...redisEnvironment({ host: redis.host, port: redis.port, tls: false }),
      [REDIS_PASSWORD_ENV]: redis.password,
    };
    const startedAt = performance.now();
    const proxy = await startLitellm({
      configYaml: rendered.yaml,
      secretEnvNames: [...rendered.secretEnvNames, ...rendered.deploymentEnvNames],
      secrets,
      workers,
      readyTimeoutMs: 240_000,
    });
    stopProxy = proxy.stop;
    const startSeconds = (performance.now() - startedAt) / MS_PER_SECOND;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idle = sampleTree(proxy.pid);

    const client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: masterKey, maxRetries: 0 });
    const models = against.drivenAliases;
    const send = (stream: boolean) => (index: number) => oneRequest(client, models[index % models.length], stream);
    await runPhase("warm-up", proxy.pid, send(false), WARMUP_REQUESTS, 1);
    const phases = [
      await runPhase("non-streaming", proxy.pid, send(false), requests, concurrency),
      await runPhase("streaming", proxy.pid, send(true), requests, concurrency),
    ];
    const loaded = sampleTree(proxy.pid);
    await new Promise((resolve) => setTimeout(resolve, REDIS_SETTLE_MS));
    const redisState = await redisFootprint(redis, emptyRedisBytes);
    report({ workers, requests, concurrency, latencyMs, startSeconds, idle, loaded, phases, redisState, modelCount: (parse(rendered.yaml) as { model_list: unknown[] }).model_list.length, models, settings });
    if (phases.some((phase) => phase.failures.length > 0)) {
      process.exitCode = 1;
    }
  } finally {
    await stopProxy?.();
    await fake?.close();
    await redis?.stop();
  }
}

interface ReportInput {
  readonly workers: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly startSeconds: number;
  readonly idle: ProcessSample[];
  readonly loaded: ProcessSample[];
  readonly phases: PhaseResult[];
  readonly redisState: RedisFootprint;
  readonly modelCount: number;
  readonly models: string[];
  readonly settings: NonNullable<ReturnType<typeof readStackFileSettings>>;
}

function report(input: ReportInput): void {
  const { idle, loaded, phases, redisState, settings } = input;
  console.log(
    `LiteLLM ${LITELLM_VERSION}, ${STACK} config (${input.modelCount} deployments; load on ${input.models.join(", ")}), ` +
      `${input.workers} worker(s), Redis on loopback, no database (Prisma's engines are not installed here). ` +
      `Fake provider latency ${input.latencyMs} ms; ${input.concurrency} concurrent clients; ${input.requests} requests per phase. Ready after ${input.startSeconds.toFixed(DECIMALS)} s.\n`,
  );
  console.log("Memory of the LiteLLM process tree (MiB)");
  printTable(
    ["when", "RSS", "PSS", "peak RSS (VmHWM)"],
    [
      ...processRows("idle", idle),
      ["idle: tree", mib(treeTotal(idle, "rssKib")), mib(treeTotal(idle, "pssKib")), mib(treeTotal(idle, "peakRssKib"))],
      ...processRows("after load", loaded),
      ...phases.map((phase) => [`peak during ${phase.name}: tree`, mib(phase.peakRssKib), mib(phase.peakPssKib), ""]),
      ["lifetime peak: tree (sum of VmHWM)", "", "", mib(treeTotal(loaded, "peakRssKib"))],
    ],
  );
  console.log("\nCPU of the LiteLLM process tree");
  printTable(
    ["phase", "requests", "failed", "CPU s", "CPU ms/request", "requests per CPU-second", "wall s", "wall req/s (context only)"],
    phases.map((phase) => [
      phase.name,
      String(phase.requests),
      String(phase.failures.length),
      phase.cpuSeconds.toFixed(CPU_MS_DECIMALS),
      ((phase.cpuSeconds / phase.requests) * MS_PER_SECOND).toFixed(CPU_MS_DECIMALS),
      (phase.requests / phase.cpuSeconds).toFixed(DECIMALS),
      phase.wallSeconds.toFixed(DECIMALS),
      (phase.requests / phase.wallSeconds).toFixed(DECIMALS),
    ]),
  );
  for (const phase of phases.filter((entry) => entry.failures.length > 0)) {
    console.log(`\n${phase.name}: ${phase.failures.length} failed requests, figures do not count. First: ${phase.failures[0]}`);
  }
  console.log(
    `\nRedis: used_memory ${redisState.usedMemoryBytes} bytes (empty server ${redisState.emptyUsedMemoryBytes}; ` +
      `LiteLLM's state ${redisState.usedMemoryBytes - redisState.emptyUsedMemoryBytes}), ${redisState.keys} keys`,
  );
  printTable(
    ["key pattern", "keys", "MEMORY USAGE bytes"],
    Object.entries(redisState.patterns).map(([pattern, entry]) => [pattern, String(entry.keys), String(entry.bytes)]),
  );
  const maxTasks = maxServingTasks(settings.service);
  console.log(`\nDatabase connections of ${STACK} at its largest (maxCount ${maxTasks}, doubled during a deployment), by class:`);
  const budgets = connectionBudgetByClass(maxTasks, settings.service.cpu);
  printTable(
    ["class", "max_connections", "usable (80%)", "peak", "fits"],
    budgets.map((entry) => [entry.instanceClass, String(entry.maxConnections), String(entry.usableConnections), String(entry.peakConnections), entry.fits ? "yes" : "no"]),
  );
  console.log(
    JSON.stringify({
      litellmVersion: LITELLM_VERSION,
      workers: input.workers,
      concurrency: input.concurrency,
      providerLatencyMs: input.latencyMs,
      idleTreeRssMib: Number(mib(treeTotal(idle, "rssKib"))),
      idleTreePssMib: Number(mib(treeTotal(idle, "pssKib"))),
      peakTreeRssMib: Number(mib(Math.max(...phases.map((phase) => phase.peakRssKib)))),
      peakTreePssMib: Number(mib(Math.max(...phases.map((phase) => phase.peakPssKib)))),
      lifetimePeakTreeRssMib: Number(mib(treeTotal(loaded, "peakRssKib"))),
      phases: phases.map((phase) => ({
        name: phase.name,
        requests: phase.requests,
        failed: phase.failures.length,
        cpuSeconds: Number(phase.cpuSeconds.toFixed(CPU_MS_DECIMALS)),
        requestsPerCpuSecond: Number((phase.requests / phase.cpuSeconds).toFixed(DECIMALS)),
        wallRequestsPerSecond: Number((phase.requests / phase.wallSeconds).toFixed(DECIMALS)),
      })),
      redisUsedMemoryBytes: redisState.usedMemoryBytes,
      redisStateBytes: redisState.usedMemoryBytes - redisState.emptyUsedMemoryBytes,
      redisKeys: redisState.keys,
      connectionBudget: budgets,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
