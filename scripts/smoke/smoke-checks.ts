/**
 * The post-deploy smoke checks, run against a live gateway with the master key. Every check is
 * one HTTP exchange (or a few) through the `fetch` it is given, so the same code runs against a
 * deployed stack (`npm run smoke`) and against a LiteLLM on loopback in the tests.
 *
 * A check never throws: a refused connection, a timeout or an unexpected body is a failed check
 * with a detail that says what came back. The virtual-key checks clean up after themselves: a key
 * that was created is deleted in a `finally`, and the deletion is reported as a check of its own.
 */
import { LIVENESS_PATH, READINESS_PATH } from "../../config/litellm/proxy-runtime";
import { checkDeployments, DEPLOYMENT_HEALTH_TIMEOUT_MS, HTTP_OK } from "./deployment-health";

/** The subset of the global `fetch` the checks use; tests may pass a wrapper. */
export type SmokeFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** `skip` means the check could not apply (no flag, nothing to compare); it does not fail the run. */
export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckResult {
  /** Stable, for humans and tests, e.g. `models`, `completion gpt-4.1-mini`, `virtual key: create`. */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found: status codes, the differing names, the error text. */
  readonly detail: string;
}

export interface SmokeCheckOptions {
  /** The gateway's origin, e.g. `https://llm.example.com` (a trailing slash is tolerated). */
  readonly baseUrl: string;
  /** The master key (`sk-...`): the checks list models, call them and manage a virtual key. */
  readonly masterKey: string;
  /** The aliases the stack must serve: `servedAliasNames(catalog, stack)`. */
  readonly expectedAliases: readonly string[];
  /**
   * Make one small completion per alias (costs a few tokens each; proves the provider keys work),
   * then probe every deployment behind each alias through LiteLLM's `/health` (one more small
   * completion per deployment; see deployment-health.ts).
   * @default false
   */
  readonly completions?: boolean;
  /** @default globalThis.fetch */
  readonly fetch?: SmokeFetch;
  /**
   * Lifetime of the virtual key: if the delete ever fails, the key still expires on its own.
   * @default VIRTUAL_KEY_DURATION
   */
  readonly virtualKeyDuration?: string;
  /** @default REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
  /** Called as each check finishes, so a CLI can print one line per check as it goes. */
  readonly onResult?: (result: CheckResult) => void;
}

/** Long enough for the rest of the run, short enough that a leaked key dies quickly. */
export const VIRTUAL_KEY_DURATION = "10m";
/** A completion crosses the proxy and a provider; the other calls are local to the proxy. */
export const REQUEST_TIMEOUT_MS = 60_000;
/** Enough for "ok"; keeps each completion at a fraction of a cent. */
export const COMPLETION_MAX_TOKENS = 16;
/** Marks the virtual key in LiteLLM's key list, so a leftover one is recognisable. */
export const VIRTUAL_KEY_ALIAS_PREFIX = "smoke-test-";

const HTTP_UNAUTHORIZED = 401;
const HTTP_FORBIDDEN = 403;
/** Keep error bodies readable on one line. */
const MAX_DETAIL_CHARS = 300;

/** The prompt of every smoke completion. */
const SMOKE_PROMPT = "Reply with the single word: ok";

interface Exchange {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly elapsedMs: number;
}

type ExchangeOutcome = { readonly ok: true; readonly exchange: Exchange } | { readonly ok: false; readonly error: string };

/** Runs every check in order and returns their results (also passed to `onResult` as they finish). */
export async function runSmokeChecks(options: SmokeCheckOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const record = (result: CheckResult): CheckResult => {
    results.push(result);
    options.onResult?.(result);
    return result;
  };
  const client = new GatewayClient(options);

  record(await checkHealth(client, "liveness", LIVENESS_PATH));
  const readiness = record(await checkHealth(client, "readiness", READINESS_PATH));
  const { result: modelsResult, served } = await checkModels(client, options.masterKey, options.expectedAliases);
  record(modelsResult);

  const completionAliases = [...options.expectedAliases].sort();
  if (options.completions === true) {
    for (const alias of completionAliases) {
      record(await checkCompletion(client, `completion ${alias}`, options.masterKey, alias));
    }
    // A completion passes whichever deployment answers; a broken one behind a working one (or
    // behind the alias's fallback) shows only when each deployment is called on its own.
    const getHealth = (path: string) => client.send("GET", path, options.masterKey, undefined, DEPLOYMENT_HEALTH_TIMEOUT_MS);
    for (const result of await checkDeployments(getHealth, completionAliases, [options.masterKey])) {
      record(result);
    }
  } else {
    record({ name: "completions", status: "skip", detail: "not requested (pass --completions to call each alias and each deployment once)" });
  }

  await checkVirtualKey(client, options, served, readiness, record);
  return results;
}

/** 0 when nothing failed (skips do not fail), 1 otherwise: the CLI's exit code for a finished run. */
export function smokeExitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === "fail") ? 1 : 0;
}

const STATUS_MARKS: Record<CheckStatus, string> = { pass: "✓", fail: "✗", skip: "-" };

/** One line per check: `✓ models: 2 aliases, as expected (claude-haiku, gpt-4.1-mini)`. */
export function formatCheckResult(result: CheckResult): string {
  return `${STATUS_MARKS[result.status]} ${result.name}: ${result.detail}`;
}

/** A one-line summary for the end of the run. */
export function formatSummary(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`;
}

/** Sends requests to the gateway with a timeout; never throws. */
class GatewayClient {
  private readonly origin: string;
  private readonly fetchFunction: SmokeFetch;
  private readonly timeoutMs: number;

  constructor(options: SmokeCheckOptions) {
    this.origin = options.baseUrl.replace(/\/+$/, "");
    this.fetchFunction = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  async send(method: "GET" | "POST", path: string, key?: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<ExchangeOutcome> {
    const headers: Record<string, string> = {};
    if (key !== undefined) {
      headers.authorization = `Bearer ${key}`;
    }
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    const started = Date.now();
    try {
      const response = await this.fetchFunction(`${this.origin}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return { ok: true, exchange: { status: response.status, body: parseJson(text), text, elapsedMs: Date.now() - started } };
    } catch (error) {
      return { ok: false, error: `${method} ${path} failed: ${describeError(error)}` };
    }
  }
}

async function checkHealth(client: GatewayClient, name: string, path: string): Promise<CheckResult> {
  const outcome = await client.send("GET", path);
  if (!outcome.ok) {
    return { name, status: "fail", detail: outcome.error };
  }
  const { status, body, text } = outcome.exchange;
  if (status !== HTTP_OK) {
    return { name, status: "fail", detail: `GET ${path} answered ${status}, expected ${HTTP_OK}: ${shorten(text)}` };
  }
  const database = field(body, "db");
  return { name, status: "pass", detail: `GET ${path} answered ${HTTP_OK}${typeof database === "string" ? ` (db: ${database})` : ""}` };
}

async function checkModels(
  client: GatewayClient,
  masterKey: string,
  expectedAliases: readonly string[],
): Promise<{ result: CheckResult; served: readonly string[] }> {
  const name = "models";
  const listed = await listModels(client, masterKey);
  if (!listed.ok) {
    return { result: { name, status: "fail", detail: listed.error }, served: [] };
  }
  const served = listed.ids;
  const expected = [...new Set(expectedAliases)].sort();
  const missing = expected.filter((alias) => !served.includes(alias));
  const unexpected = served.filter((alias) => !expected.includes(alias));
  if (missing.length === 0 && unexpected.length === 0) {
    return { result: { name, status: "pass", detail: `${served.length} aliases, as expected (${served.join(", ")})` }, served };
  }
  const problems = [
    missing.length > 0 ? `missing ${missing.join(", ")}` : "",
    unexpected.length > 0 ? `not in the catalog for this stack ${unexpected.join(", ")}` : "",
  ].filter((problem) => problem !== "");
  return {
    result: { name, status: "fail", detail: `/v1/models differs from the catalog: ${problems.join("; ")} (served: ${served.join(", ") || "none"})` },
    served,
  };
}

/** The model ids `/v1/models` lists for `key`, sorted. */
async function listModels(client: GatewayClient, key: string): Promise<{ ok: true; ids: string[] } | { ok: false; error: string }> {
  const outcome = await client.send("GET", "/v1/models", key);
  if (!outcome.ok) {
    return outcome;
  }
  const { status, body, text } = outcome.exchange;
  const data = field(body, "data");
  if (status !== HTTP_OK || !Array.isArray(data)) {
    return { ok: false, error: `GET /v1/models answered ${status}: ${shorten(text)}` };
  }
  const ids = data.map((entry) => field(entry, "id")).filter((id): id is string => typeof id === "string");
  return { ok: true, ids: [...new Set(ids)].sort() };
}

async function checkCompletion(client: GatewayClient, name: string, key: string, alias: string): Promise<CheckResult> {
  const outcome = await client.send("POST", "/v1/chat/completions", key, completionRequest(alias));
  if (!outcome.ok) {
    return { name, status: "fail", detail: outcome.error };
  }
  const { status, body, text, elapsedMs } = outcome.exchange;
  const choices = field(body, "choices");
  if (status !== HTTP_OK || !Array.isArray(choices) || choices.length === 0) {
    return { name, status: "fail", detail: `POST /v1/chat/completions answered ${status}: ${shorten(text)}` };
  }
  const model = field(body, "model");
  return { name, status: "pass", detail: `answered in ${elapsedMs} ms${typeof model === "string" ? ` by ${model}` : ""}` };
}

/**
 * Creates a key limited to one served alias, checks it sees only that alias and is refused
 * another, and deletes it whatever happened in between.
 */
async function checkVirtualKey(
  client: GatewayClient,
  options: SmokeCheckOptions,
  served: readonly string[],
  readiness: CheckResult,
  record: (result: CheckResult) => CheckResult,
): Promise<void> {
  const usable = [...options.expectedAliases].filter((alias) => served.includes(alias)).sort();
  const [alias, otherAlias] = usable;
  if (alias === undefined) {
    record({ name: "virtual key: create", status: "fail", detail: "not attempted: the gateway serves none of the expected aliases to limit a key to" });
    return;
  }
  const created = await client.send("POST", "/key/generate", options.masterKey, {
    models: [alias],
    duration: options.virtualKeyDuration ?? VIRTUAL_KEY_DURATION,
    key_alias: `${VIRTUAL_KEY_ALIAS_PREFIX}${Date.now()}`,
    metadata: { purpose: "post-deploy smoke test; deleted at the end of the run" },
  });
  const key = created.ok ? field(created.exchange.body, "key") : undefined;
  if (!created.ok || created.exchange.status !== HTTP_OK || typeof key !== "string") {
    const found = created.ok ? `POST /key/generate answered ${created.exchange.status}: ${shorten(created.exchange.text)}` : created.error;
    // Virtual keys live in LiteLLM's database: without one they cannot exist at all.
    const databaseHint = /not connected|no connected db|prisma_client is none/i.test(`${found} ${readiness.detail}`)
      ? " The proxy has no database connected, so virtual keys are impossible: check DATABASE_* and the readiness 'db' field."
      : "";
    record({ name: "virtual key: create", status: "fail", detail: `${found}${databaseHint}` });
    return;
  }
  record({ name: "virtual key: create", status: "pass", detail: `limited to ${alias}, expires in ${options.virtualKeyDuration ?? VIRTUAL_KEY_DURATION}` });

  try {
    record(await checkVirtualKeyModels(client, key, alias));
    if (options.completions === true) {
      record(await checkCompletion(client, `virtual key: completion ${alias}`, key, alias));
    }
    record(await checkVirtualKeyRefused(client, key, alias, otherAlias));
  } finally {
    record(await deleteVirtualKey(client, options.masterKey, key));
  }
}

async function checkVirtualKeyModels(client: GatewayClient, key: string, alias: string): Promise<CheckResult> {
  const name = "virtual key: sees only its alias";
  const listed = await listModels(client, key);
  if (!listed.ok) {
    return { name, status: "fail", detail: listed.error };
  }
  return listed.ids.length === 1 && listed.ids[0] === alias
    ? { name, status: "pass", detail: `/v1/models lists ${alias} only` }
    : { name, status: "fail", detail: `/v1/models lists ${listed.ids.join(", ") || "nothing"}, expected ${alias} only` };
}

async function checkVirtualKeyRefused(
  client: GatewayClient,
  key: string,
  alias: string,
  otherAlias: string | undefined,
): Promise<CheckResult> {
  const name = "virtual key: refused another alias";
  if (otherAlias === undefined) {
    return { name, status: "skip", detail: `the stack serves only ${alias}, so there is no other alias to be refused` };
  }
  const outcome = await client.send("POST", "/v1/chat/completions", key, completionRequest(otherAlias));
  if (!outcome.ok) {
    return { name, status: "fail", detail: outcome.error };
  }
  const { status, text } = outcome.exchange;
  return status === HTTP_UNAUTHORIZED || status === HTTP_FORBIDDEN
    ? { name, status: "pass", detail: `${otherAlias} refused with ${status}` }
    : { name, status: "fail", detail: `${otherAlias} answered ${status}, expected ${HTTP_UNAUTHORIZED} or ${HTTP_FORBIDDEN}: ${shorten(text)}` };
}

async function deleteVirtualKey(client: GatewayClient, masterKey: string, key: string): Promise<CheckResult> {
  const name = "virtual key: delete";
  const outcome = await client.send("POST", "/key/delete", masterKey, { keys: [key] });
  if (!outcome.ok) {
    return { name, status: "fail", detail: `${outcome.error} (the key expires on its own)` };
  }
  const { status, text } = outcome.exchange;
  return status === HTTP_OK
    ? { name, status: "pass", detail: "deleted" }
    : { name, status: "fail", detail: `POST /key/delete answered ${status}: ${shorten(text)} (the key expires on its own)` };
}

function completionRequest(alias: string): unknown {
  return { model: alias, messages: [{ role: "user", content: SMOKE_PROMPT }], max_tokens: COMPLETION_MAX_TOKENS };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}...` : oneLine || "(empty body)";
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
