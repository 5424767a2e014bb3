/**
 * Which request paths the load balancer forwards to LiteLLM from anywhere the security group lets
 * in (the client API), and which it forwards only from the `adminCidrs` ranges (everything else:
 * LiteLLM's admin plane). Pure values and functions: the LoadBalancer component turns them into
 * listener rules, and a table test holds them to LiteLLM's own route list and to the ELB limits.
 *
 * Deny by default: the listener's default action is a fixed 403, the client paths below are
 * allow-listed, and an admin rule (source-ip only) forwards every path from an admin range. A path
 * this table does not name never reaches LiteLLM from the internet, so a route LiteLLM adds in a
 * later release is admin-only until someone lists it here.
 *
 * Checked against LiteLLM 1.108.7: litellm/proxy/_types.py LiteLLMRoutes.openai_routes,
 * anthropic_routes and public_routes, and the routes the app registers (every lazy feature loaded).
 *
 * ELB matching rules this relies on (ELB API Reference, PathPatternConditionConfig; ALB User Guide,
 * "Condition types for listener rules", path conditions):
 * - a path pattern is compared with the path only, never the query string: `/health?model=x` is
 *   matched as `/health` (admin), `/v1/models?x=1` as `/v1/models` (client);
 * - the comparison is case-sensitive, like Starlette's routing in LiteLLM: `/V1/Models` matches no
 *   client pattern (403) and no LiteLLM route either, so case cannot smuggle a request past a rule;
 * - `*` matches zero or more characters (slashes included), `?` exactly one; a pattern is at most
 *   128 characters;
 * - AWS does not document whether the path is percent-decoded before matching. Either way is safe
 *   here: a client pattern matched on the raw path forwards only paths that begin with a client
 *   prefix, and LiteLLM (uvicorn decodes, Starlette does not resolve `..`) routes those only to
 *   client routes or 404 (test/e2e/admin-plane.test.ts sends such paths to the real LiteLLM);
 *   anything else, encoded or not, falls to the 403 unless it comes from an admin range.
 */

/** One allow-listed client path, and why it is on the list. */
export interface ClientApiPath {
  /** An ALB path pattern: case-sensitive, `*` and `?` wildcards, at most 128 characters. */
  readonly pattern: string;
  readonly reason: string;
}

/**
 * The client API. Deliberately left off (admin-only): the Azure-style
 * `/openai/deployments/{model}/chat/completions` (the whole `/openai/*` prefix is also LiteLLM's
 * OpenAI pass-through, which calls OpenAI with the gateway's own credentials), `/engines/*`, the
 * Gemini-native `/models/{model}:generateContent` (`/models/*` would expose it), `/responses/*`
 * (LiteLLM 1.108.7 routes POST /responses/mcp, /responses/token and /responses/register to its
 * MCP routes `/{mcp_server_name}/mcp|token|register`, whose first segment is a parameter; clients
 * that retrieve or cancel stored responses use the /v1 base URL), images, audio,
 * files, batches, fine-tuning, assistants, vector stores, realtime, MCP and the provider
 * pass-throughs: the catalog serves chat, completions, embeddings and responses only.
 */
export const CLIENT_API_PATHS: readonly ClientApiPath[] = [
  { pattern: "/chat/completions", reason: "OpenAI chat completions, for clients whose base URL has no /v1" },
  { pattern: "/v1/chat/completions", reason: "OpenAI chat completions (the OpenAI SDKs with base URL <gateway>/v1)" },
  { pattern: "/completions", reason: "OpenAI legacy text completions, base URL without /v1" },
  { pattern: "/v1/completions", reason: "OpenAI legacy text completions" },
  { pattern: "/embeddings", reason: "OpenAI embeddings, base URL without /v1" },
  { pattern: "/v1/embeddings", reason: "OpenAI embeddings" },
  { pattern: "/models", reason: "the model list a client may use, base URL without /v1" },
  { pattern: "/v1/models", reason: "the model list a client may use (client.models.list())" },
  { pattern: "/v1/models/*", reason: "one model's entry (client.models.retrieve(id)); LiteLLM's /v1/models/{model_id}" },
  { pattern: "/responses", reason: "OpenAI Responses API, base URL without /v1" },
  { pattern: "/v1/responses", reason: "OpenAI Responses API" },
  { pattern: "/v1/responses/*", reason: "a stored response, its input items, cancel, input_tokens, compact" },
  { pattern: "/v1/messages", reason: "Anthropic Messages API for Anthropic-format clients (Claude Code, the Anthropic SDKs)" },
  { pattern: "/v1/messages/count_tokens", reason: "Anthropic token counting, which Anthropic-format clients call before a request" },
  { pattern: "/health/liveliness", reason: "LiteLLM's public liveness answer, for client-side probes (the target group's own check bypasses listener rules)" },
  { pattern: "/health/readiness", reason: "LiteLLM's public readiness answer, for uptime monitors; /health itself (it calls every model) stays admin" },
];

/**
 * ALB limits on listener rules (ALB User Guide, "Condition types for listener rules" and "Quotas
 * for your Application Load Balancers"): up to three match evaluations (values) per condition,
 * up to five per rule, up to five wildcards per rule, at most 128 characters per path pattern.
 * Older pages give "condition values per rule: 5" only; three per rule satisfies both.
 */
export const MAX_VALUES_PER_CONDITION = 3;
export const MAX_VALUES_PER_RULE = 5;
export const MAX_WILDCARDS_PER_RULE = 5;
export const MAX_PATH_PATTERN_LENGTH = 128;
/** ELB API Reference, CreateRule: Priority is 1 to 50000, unique per listener. */
export const MIN_RULE_PRIORITY = 1;
export const MAX_RULE_PRIORITY = 50_000;
/** "Rules per Application Load Balancer (excluding default rules)": 100 by default (adjustable). */
export const MAX_RULES_PER_LOAD_BALANCER = 100;

/** Client rules first: they forward from anywhere the security group allows. */
export const CLIENT_RULE_FIRST_PRIORITY = 100;
/** Admin rules after them: they forward any path, but only from an admin range. */
export const ADMIN_RULE_FIRST_PRIORITY = 1000;
/**
 * ALB pricing (LCU "rule evaluations"): the first 10 rules processed per request are free. The
 * client rules come first and number fewer than this, so client traffic adds nothing to the bill;
 * only admin requests, evaluated past them, can (and they are few).
 */
export const FREE_RULE_EVALUATIONS_PER_REQUEST = 10;
/** At most this many admin CIDRs: with three per rule, 10 rules, well inside the 100-rule quota. */
export const MAX_ADMIN_CIDRS = 30;

/** The values of one rule condition: path patterns or source CIDRs. */
export type ConditionChunk = readonly string[];

/** Wildcard characters in a pattern (`*` and `?`), which the per-rule wildcard limit counts. */
export function wildcardCount(pattern: string): number {
  return [...pattern].filter((character) => character === "*" || character === "?").length;
}

/**
 * Splits values into consecutive chunks that each fit one rule condition: at most
 * MAX_VALUES_PER_CONDITION values and MAX_WILDCARDS_PER_RULE wildcards. Order is kept.
 * @throws when a single value alone breaks a limit (it could never fit any rule)
 */
export function chunkConditionValues(values: readonly string[]): ConditionChunk[] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let wildcards = 0;
  for (const value of values) {
    const valueWildcards = wildcardCount(value);
    if (valueWildcards > MAX_WILDCARDS_PER_RULE) {
      throw new Error(`"${value}" has ${valueWildcards} wildcards; an ALB rule allows at most ${MAX_WILDCARDS_PER_RULE}.`);
    }
    if (current.length === MAX_VALUES_PER_CONDITION || wildcards + valueWildcards > MAX_WILDCARDS_PER_RULE) {
      chunks.push(current);
      current = [];
      wildcards = 0;
    }
    current.push(value);
    wildcards += valueWildcards;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return chunks;
}

/** Why a path pattern cannot be an ALB path-pattern value, or undefined when it can. */
export function pathPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0 || pattern.length > MAX_PATH_PATTERN_LENGTH) {
    return `"${pattern}" must be 1 to ${MAX_PATH_PATTERN_LENGTH} characters`;
  }
  if (!pattern.startsWith("/")) {
    return `"${pattern}" must start with /`;
  }
  // Rules apply to visible ASCII only (ALB User Guide, condition basics): no space or control character.
  if (!/^[\x21-\x7e]+$/.test(pattern)) {
    return `"${pattern}" must be visible ASCII`;
  }
  return undefined;
}

/** One listener rule as plain values: its priority, and either path patterns or source CIDRs. */
export interface ListenerRuleSpec {
  readonly priority: number;
  readonly kind: "client-paths" | "admin-sources";
  readonly values: ConditionChunk;
}

/**
 * Every listener rule the forwarding listener gets, in priority order: the client paths (from
 * anywhere), then one source-ip rule per chunk of admin CIDRs (any path). No admin CIDRs: no
 * admin rules, so the admin plane answers 403 to everyone.
 */
export function listenerRuleSpecs(adminCidrs: readonly string[]): ListenerRuleSpec[] {
  const client = chunkConditionValues(CLIENT_API_PATHS.map((path) => path.pattern)).map(
    (values, index): ListenerRuleSpec => ({ priority: CLIENT_RULE_FIRST_PRIORITY + index, kind: "client-paths", values }),
  );
  const admin = chunkConditionValues(adminCidrs).map(
    (values, index): ListenerRuleSpec => ({ priority: ADMIN_RULE_FIRST_PRIORITY + index, kind: "admin-sources", values }),
  );
  return [...client, ...admin];
}

/**
 * ALB path-pattern matching as the ELB documentation describes it: the whole path, case-sensitive,
 * `*` any run of characters, `?` exactly one; the query string is not part of the path. For tests
 * and the plan; the load balancer does the real matching.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  const pathOnly = path.split("?")[0] ?? "";
  const expression = pattern
    .split("")
    .map((character) => {
      if (character === "*") {
        return ".*";
      }
      if (character === "?") {
        return ".";
      }
      return character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${expression}$`).test(pathOnly);
}

/** Whether the client rules forward this path (its query string ignored). */
export function isClientApiPath(path: string): boolean {
  return CLIENT_API_PATHS.some((clientPath) => matchesPathPattern(clientPath.pattern, path));
}

/** Content types a fixed-response action accepts (ELB API Reference, FixedResponseActionConfig). */
export const FIXED_RESPONSE_CONTENT_TYPES = ["text/plain", "text/css", "text/html", "application/javascript", "application/json"] as const;
/** FixedResponseActionConfig.MessageBody: at most 1024 characters. */
export const MAX_FIXED_RESPONSE_BODY_LENGTH = 1024;

/**
 * What the listener answers to a path that is not the client API, from an address that is not an
 * admin range: 403 with an OpenAI-style error body (SDKs print `error.message`). It names the
 * reason and nothing about LiteLLM, its routes or the ranges.
 */
/** The `error.code` of the listener's own 403, which tells it apart from LiteLLM's errors. */
export const LISTENER_DENIED_CODE = "path_not_allowed";

export const DENIED_RESPONSE = {
  statusCode: "403",
  contentType: "application/json",
  messageBody: JSON.stringify({
    error: {
      message:
        "Forbidden: this path is not part of the gateway's client API, or it is an administrative path and your address is not allowed to reach it.",
      type: "forbidden",
      code: LISTENER_DENIED_CODE,
    },
  }),
} as const;
