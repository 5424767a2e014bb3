/**
 * The post-deploy smoke checks, run against a live gateway with the master key. Every check is
 * one HTTP exchange (or a few) through the `fetch` it is given, so the same code runs against a
 * deployed stack (`npm run smoke`) and against a LiteLLM on loopback in the tests.
 *
 * Two rules from the gateway's trust boundaries (issue 12):
 * - a key is sent only over TLS or to loopback (key-transport.ts): against a plain-HTTP gateway
 *   only the keyless checks (liveness, readiness) run, and one skipped line says why;
 * - by default only client API paths are called (health, /v1/models, /v1/chat/completions), which
 *   the load balancer serves to allowedCidrs; LiteLLM's admin paths (`/health?model=`, `/key/*`),
 *   which it serves only to adminCidrs, are called only with `adminPlane` (`--admin`).
 *
 * A check never throws: a refused connection, a timeout or an unexpected body is a failed check
 * with a detail that says what came back. The virtual-key checks clean up after themselves: a key
 * that was created is deleted in a `finally`, and the deletion is reported as a check of its own.
 */
import { LIVENESS_PATH, READINESS_PATH } from "../../config/litellm/proxy-runtime";
import { CHAT_COMPLETIONS_PATH, checkDeploymentsThroughClientApi } from "./client-deployment-probe";
import { adminPathForbiddenHint, checkDeployments, DEPLOYMENT_HEALTH_TIMEOUT_MS, HTTP_FORBIDDEN, HTTP_OK, isLitellmError } from "./deployment-health";
import type { DeploymentTargets } from "./deployment-targets";
import { keysMayTravelTo, plainHttpSkipDetail } from "./key-transport";

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
  /**
   * The master key (`sk-...`): the checks list models, call them and manage a virtual key. Absent,
   * or with a plain-HTTP `baseUrl` that is not loopback, only the keyless checks run.
   */
  readonly masterKey?: string;
  /** The aliases the stack must serve: `servedAliasNames(catalog, stack)`. */
  readonly expectedAliases: readonly string[];
  /**
   * Make one small completion per alias (costs a few tokens each; proves the provider keys work),
   * then probe every deployment behind each alias (one more small completion per deployment):
   * through the client API (client-deployment-probe.ts, needs `deployments`), or with
   * `adminPlane` through LiteLLM's `/health` (deployment-health.ts).
   * @default false
   */
  readonly completions?: boolean;
  /**
   * The caller is in the gateway's adminCidrs: also run the checks that need LiteLLM's admin
   * paths (the virtual-key lifecycle on `/key/*`, the deployments through `/health?model=`).
   * @default false
   */
  readonly adminPlane?: boolean;
  /** Every deployment behind every alias (deploymentTargets of the rendered config), for the client-path probe. */
  readonly deployments?: DeploymentTargets;
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
/** Keep error bodies readable on one line. */
const MAX_DETAIL_CHARS = 300;

/** The prompt of every smoke completion. */
const SMOKE_PROMPT = "Reply with the single word: ok";

interface Exchange {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
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
  const masterKey = options.masterKey;
  if (!keysMayTravelTo(options.baseUrl)) {
    record({ name: "keyed checks", status: "skip", detail: plainHttpSkipDetail(client.origin) });
    return results;
  }
  if (masterKey === undefined) {
    record({ name: "keyed checks", status: "skip", detail: "skipped: no master key given, so only the keyless checks ran" });
    return results;
  }
  const { result: modelsResult, served } = await checkModels(client, masterKey, options.expectedAliases);
  record(modelsResult);

  const completionAliases = [...options.expectedAliases].sort();
  if (options.completions === true) {
    for (const alias of completionAliases) {
      record(await checkCompletion(client, `completion ${alias}`, masterKey, alias));
    }
    // A completion passes whichever deployment answers; a broken one behind a working one (or
    // behind the alias's fallback) shows only when each deployment is called on its own.
    for (const result of await deploymentChecks(client, options, masterKey, completionAliases)) {
      record(result);
    }
  } else {
    record({ name: "completions", status: "skip", detail: "not requested (pass --completions to call each alias and each deployment once)" });
  }

  if (options.adminPlane === true) {
    await checkVirtualKey(client, { ...options, masterKey }, served, readiness, record);
  } else {
    record({
      name: "virtual key",
      status: "skip",
      detail:
        "not requested: it needs LiteLLM's admin paths (/key/generate, /key/delete), which the load balancer serves only to adminCidrs; pass --admin from an address in adminCidrs",
    });
  }
  return results;
}

/** Each alias's deployments, through `/health?model=` (admin) or the client API. */
async function deploymentChecks(
  client: GatewayClient,
  options: SmokeCheckOptions,
  masterKey: string,
  aliases: readonly string[],
): Promise<CheckResult[]> {
  if (options.adminPlane === true) {
    const getHealth = (path: string) => client.send("GET", path, masterKey, undefined, DEPLOYMENT_HEALTH_TIMEOUT_MS);
    return checkDeployments(getHealth, aliases, [masterKey]);
  }
  if (options.deployments === undefined) {
    return [{ name: "deployments", status: "skip", detail: "not probed: no deployment list was given (the CLI renders it from the catalog)" }];
  }
  const post = (body: unknown) => client.send("POST", CHAT_COMPLETIONS_PATH, masterKey, body);
  return checkDeploymentsThroughClientApi(post, aliases, options.deployments, {
    prompt: SMOKE_PROMPT,
    maxTokens: COMPLETION_MAX_TOKENS,
    knownSecrets: [masterKey],
  });
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

/** Sends requests to the gateway with a timeout; never throws, and never sends a key over plain HTTP. */
class GatewayClient {
  readonly origin: string;
  private readonly fetchFunction: SmokeFetch;
  private readonly timeoutMs: number;
  private readonly keysAllowed: boolean;

  constructor(options: SmokeCheckOptions) {
    this.origin = options.baseUrl.replace(/\/+$/, "");
    this.fetchFunction = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.keysAllowed = keysMayTravelTo(this.origin);
  }

  async send(method: "GET" | "POST", path: string, key?: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<ExchangeOutcome> {
    const headers: Record<string, string> = {};
    if (key !== undefined && !this.keysAllowed) {
      // The last line of defence: runSmokeChecks already stops before any keyed check here.
      return { ok: false, error: `${method} ${path} not sent: ${this.origin} is plain HTTP and a key never travels without TLS` };
    }
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
      return { ok: true, exchange: { status: response.status, body: parseJson(text), text, headers: response.headers, elapsedMs: Date.now() - started } };
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
  const outcome = await client.send("POST", CHAT_COMPLETIONS_PATH, key, completionRequest(alias));
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
  options: SmokeCheckOptions & { readonly masterKey: string },
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
  if (created.ok && created.exchange.status === HTTP_FORBIDDEN && !isLitellmError(created.exchange.body)) {
    record({ name: "virtual key: create", status: "fail", detail: adminPathForbiddenHint("POST /key/generate") });
    return;
  }
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
  const outcome = await client.send("POST", CHAT_COMPLETIONS_PATH, key, completionRequest(otherAlias));
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
  if (status === HTTP_FORBIDDEN && !isLitellmError(outcome.exchange.body)) {
    return { name, status: "fail", detail: `${adminPathForbiddenHint("POST /key/delete")} (the key expires on its own)` };
  }
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
