/**
 * The client-API allow-list against LiteLLM 1.108.7's own routes and the ELB limits: every client
 * path is a real LiteLLM route, no admin route matches a client pattern, and the rules the
 * listener gets fit AWS's limits.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  ADMIN_RULE_FIRST_PRIORITY,
  chunkConditionValues,
  CLIENT_API_PATHS,
  DENIED_RESPONSE,
  FIXED_RESPONSE_CONTENT_TYPES,
  FREE_RULE_EVALUATIONS_PER_REQUEST,
  isClientApiPath,
  listenerRuleSpecs,
  matchesPathPattern,
  MAX_ADMIN_CIDRS,
  MAX_FIXED_RESPONSE_BODY_LENGTH,
  MAX_RULE_PRIORITY,
  MAX_RULES_PER_LOAD_BALANCER,
  MAX_VALUES_PER_CONDITION,
  MAX_VALUES_PER_RULE,
  MAX_WILDCARDS_PER_RULE,
  MIN_RULE_PRIORITY,
  pathPatternProblem,
  wildcardCount,
} from "../../config/access/client-api-paths";

/** LiteLLM's registered routes (test/components/fixtures/litellm-routes.txt says how it was made). */
const LITELLM_ROUTES = readFileSync(path.join(__dirname, "fixtures", "litellm-routes.txt"), "utf8")
  .split("\n")
  .filter((line) => line !== "" && !line.startsWith("#"));

/** A concrete request path for a route template: each `{param}` (or `{param:path}`) becomes `x`. */
function samplePath(route: string): string {
  return route.replace(/\{[^}]+\}/g, "x");
}

/**
 * Exactly the LiteLLM routes the client rules forward. A new entry here is a deliberate widening of
 * what the internet reaches: review it against LiteLLM's source before accepting it.
 */
const EXPECTED_CLIENT_ROUTES = [
  "/chat/completions",
  "/completions",
  "/embeddings",
  "/health/liveliness",
  "/health/readiness",
  "/models",
  "/responses",
  "/v1/chat/completions",
  "/v1/completions",
  "/v1/embeddings",
  "/v1/messages",
  "/v1/messages/count_tokens",
  "/v1/models",
  "/v1/models/{model_id}",
  "/v1/responses",
  "/v1/responses/compact",
  "/v1/responses/input_tokens",
  "/v1/responses/{response_id}",
  "/v1/responses/{response_id}/cancel",
  "/v1/responses/{response_id}/input_items",
];

/** Admin routes from LiteLLM's list that must never be reachable through a client rule. */
const ADMIN_SAMPLES = [
  "/ui",
  "/sso/key/generate",
  "/sso/callback",
  "/login",
  "/v2/login",
  "/key/generate",
  "/key/list",
  "/user/new",
  "/team/new",
  "/model/new",
  "/model/info",
  "/spend/logs",
  "/config/update",
  "/config/yaml",
  "/global/spend",
  "/health",
  "/health/services",
  "/redoc",
  "/openapi.json",
  "/swagger",
  "/debug/asyncio-tasks",
  "/openai/deployments/{model:path}/chat/completions",
  "/engines/{model:path}/chat/completions",
  "/models/{model_name:path}:generateContent",
  "/v1/mcp/server",
  "/routes",
  "/",
];

describe("the client API allow-list", () => {
  it("names only routes LiteLLM 1.108.7 serves: every exact client path is a registered route", () => {
    for (const { pattern } of CLIENT_API_PATHS.filter((entry) => wildcardCount(entry.pattern) === 0)) {
      expect(LITELLM_ROUTES, pattern).toContain(pattern);
    }
  });

  it("forwards exactly the expected LiteLLM routes and no other registered route", () => {
    const forwarded = LITELLM_ROUTES.filter((route) => isClientApiPath(samplePath(route)));
    expect(forwarded.sort()).toEqual([...EXPECTED_CLIENT_ROUTES].sort());
  });

  it("cannot reach a route whose first segment is a parameter (/{mcp_server_name}/mcp...) through a wildcard", () => {
    // Such a route matches any first segment, so a wildcard client pattern could forward a path it
    // serves: e.g. /responses/* would forward POST /responses/mcp to LiteLLM's MCP route.
    const leading = LITELLM_ROUTES.filter((route) => route.startsWith("/{"));
    expect(leading.length).toBeGreaterThan(0);
    const toExpression = (route: string) => new RegExp(`^${route.replace(/\{[^}]+:path\}/g, ".+").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const { pattern } of CLIENT_API_PATHS.filter((entry) => entry.pattern.endsWith("/*"))) {
      const prefix = pattern.slice(0, -1);
      for (const route of leading) {
        const tail = route.split("/").slice(2).join("/");
        const candidate = `${prefix}${tail.replace(/\{[^}]+\}/g, "x")}`;
        expect(toExpression(route).test(candidate), `${pattern} would forward ${candidate} to ${route}`).toBe(false);
      }
    }
  });

  it.each(ADMIN_SAMPLES)("keeps the admin route %s off the client rules", (route) => {
    expect(LITELLM_ROUTES).toContain(route);
    expect(isClientApiPath(samplePath(route))).toBe(false);
  });

  it("gives every entry a reason, a valid ALB path pattern and no duplicate", () => {
    const patterns = CLIENT_API_PATHS.map((entry) => entry.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const entry of CLIENT_API_PATHS) {
      expect(pathPatternProblem(entry.pattern), entry.pattern).toBeUndefined();
      expect(entry.reason.length, entry.pattern).toBeGreaterThan(10);
    }
  });
});

describe("ALB path matching as documented", () => {
  it.each([
    ["/v1/models", "/v1/models", true],
    ["/v1/models", "/v1/models?limit=1", true],
    ["/v1/models", "/V1/Models", false],
    ["/v1/models", "/v1/models/", false],
    ["/v1/models/*", "/v1/models/openai-chat", true],
    ["/v1/models/*", "/v1/models/", true],
    ["/v1/models/*", "/v1/models", false],
    ["/responses/*", "/responses/a/b", true],
    ["/health/readiness", "/health?model=x", false],
    ["/v1/model?", "/v1/models", true],
    ["/v1/model?", "/v1/model", false],
    ["/a.b", "/axb", false],
  ])("pattern %s against %s: %s", (pattern, requestPath, expected) => {
    expect(matchesPathPattern(pattern, requestPath)).toBe(expected);
  });

  it("matches the query-stripped path: /health with model parameters stays admin, /v1/models with parameters stays client", () => {
    expect(isClientApiPath("/health?model=openai-chat")).toBe(false);
    expect(isClientApiPath("/v1/models?return_wildcard_routes=true")).toBe(true);
  });

  it("is case-sensitive, so an upper-case variant is not forwarded", () => {
    expect(isClientApiPath("/V1/CHAT/COMPLETIONS")).toBe(false);
    expect(isClientApiPath("/v1/Chat/completions")).toBe(false);
  });
});

describe("chunkConditionValues", () => {
  it.each([
    { values: [], chunks: [] },
    { values: ["/a"], chunks: [["/a"]] },
    { values: ["/a", "/b", "/c"], chunks: [["/a", "/b", "/c"]] },
    { values: ["/a", "/b", "/c", "/d"], chunks: [["/a", "/b", "/c"], ["/d"]] },
    { values: ["/a/**", "/b/**", "/c/**"], chunks: [["/a/**", "/b/**"], ["/c/**"]] },
    { values: ["/*****", "/b"], chunks: [["/*****", "/b"]] },
    { values: ["/*****", "/b*"], chunks: [["/*****"], ["/b*"]] },
  ])("$values -> $chunks", ({ values, chunks }) => {
    expect(chunkConditionValues(values)).toEqual(chunks);
  });

  it("refuses a value that alone has more wildcards than a rule allows", () => {
    expect(() => chunkConditionValues(["/******"])).toThrow(/at most 5/);
  });

  it("keeps every value exactly once, in order", () => {
    const values = CLIENT_API_PATHS.map((entry) => entry.pattern);
    expect(chunkConditionValues(values).flat()).toEqual(values);
  });
});

describe("the listener rules", () => {
  const cidrs = Array.from({ length: MAX_ADMIN_CIDRS }, (_, index) => `198.51.100.${index}/32`);

  it.each([[[]], [["203.0.113.0/24"]], [cidrs]])("fit the ELB limits with admin CIDRs %j", (adminCidrs) => {
    const rules = listenerRuleSpecs(adminCidrs);
    const priorities = rules.map((rule) => rule.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(rules.length).toBeLessThanOrEqual(MAX_RULES_PER_LOAD_BALANCER);
    for (const rule of rules) {
      expect(rule.priority).toBeGreaterThanOrEqual(MIN_RULE_PRIORITY);
      expect(rule.priority).toBeLessThanOrEqual(MAX_RULE_PRIORITY);
      expect(rule.values.length).toBeGreaterThan(0);
      expect(rule.values.length).toBeLessThanOrEqual(Math.min(MAX_VALUES_PER_CONDITION, MAX_VALUES_PER_RULE));
      expect(rule.values.reduce((sum, value) => sum + wildcardCount(value), 0)).toBeLessThanOrEqual(MAX_WILDCARDS_PER_RULE);
    }
    // Client rules come first, so a client path from an admin range still goes the client way.
    const lastClient = Math.max(...rules.filter((rule) => rule.kind === "client-paths").map((rule) => rule.priority));
    for (const rule of rules.filter((candidate) => candidate.kind === "admin-sources")) {
      expect(rule.priority).toBeGreaterThan(lastClient);
    }
    expect(rules.filter((rule) => rule.kind === "admin-sources").flatMap((rule) => rule.values)).toEqual(adminCidrs);
  });

  it("matches every client path within the rule evaluations ALB does not bill (the first 10 per request)", () => {
    expect(listenerRuleSpecs(cidrs).filter((rule) => rule.kind === "client-paths").length).toBeLessThanOrEqual(FREE_RULE_EVALUATIONS_PER_REQUEST);
  });

  it("has no admin rule without admin CIDRs", () => {
    expect(listenerRuleSpecs([]).every((rule) => rule.kind === "client-paths")).toBe(true);
    expect(listenerRuleSpecs([])[0]?.priority).toBe(100);
    expect(listenerRuleSpecs(["203.0.113.0/24"]).at(-1)).toEqual({ priority: ADMIN_RULE_FIRST_PRIORITY, kind: "admin-sources", values: ["203.0.113.0/24"] });
  });
});

describe("the denied response", () => {
  it("is a 403 fixed response ELB accepts, with a JSON body that names the reason and nothing internal", () => {
    expect(DENIED_RESPONSE.statusCode).toBe("403");
    expect(FIXED_RESPONSE_CONTENT_TYPES).toContain(DENIED_RESPONSE.contentType);
    expect(DENIED_RESPONSE.messageBody.length).toBeLessThanOrEqual(MAX_FIXED_RESPONSE_BODY_LENGTH);
    const body = JSON.parse(DENIED_RESPONSE.messageBody) as { error: { message: string } };
    expect(body.error.message).toMatch(/^Forbidden/);
    expect(DENIED_RESPONSE.messageBody).not.toMatch(/litellm|adminCidrs|\/ui|\d+\.\d+\.\d+\.\d+/i);
  });
});
