/**
 * The rules of the gateway's web ACL, as plain values: which AWS managed rule groups it runs,
 * which of their rules only count, the per-IP rate limit and the request-body limit
 * (request-body-rules.ts). The WebApplicationFirewall
 * component turns them into a WAF web ACL; the bill of materials counts them; the plan prints
 * them. Pure, so the rule list and its billing are testable without Pulumi.
 *
 * Only AWS's free managed rule groups are used: Bot Control, account takeover prevention (ATP)
 * and account creation fraud prevention (ACFP) carry subscription and per-request fees on top of
 * the $1/rule charge, and an API gateway has no logins or bots to tell apart anyway.
 */

import { bodyTooLargeStatement, bodyWithoutLengthStatement, statementCapacityUnits } from "./request-body-rules";
import type { StatementSpec } from "./request-body-rules";

/** The rate-based rule's window: AWS's default, and the unit of the `wafRateLimitPer5Min` setting. */
export const WAF_RATE_WINDOW_SECONDS = 300;

/**
 * Requests per 5 minutes from one client IP before WAF blocks it: about 6.7 per second sustained.
 * LLM clients are bursty, but at 2-20 s per completion that is 13-130 requests in flight from one
 * address, more than any single application runs; above it one IP is a retry loop or abuse. Fair
 * shares per client belong to LiteLLM's per-key rpm limits; this is the coarse backstop that
 * stops a flood before it reaches the tasks and the key lookups in the database.
 */
export const DEFAULT_WAF_RATE_LIMIT_PER_5_MIN = 2000;

/** AWS accepts 10; below 100 one interactive chat session trips the limit, so it is a typo. */
export const MIN_WAF_RATE_LIMIT_PER_5_MIN = 100;

/** AWS's maximum for a rate-based rule. */
export const MAX_WAF_RATE_LIMIT_PER_5_MIN = 2_000_000_000;

/** The wafRateLimitPer5Min setting and the WebApplicationFirewall component's rateLimitPer5Min both hold to this. */
export function isWafRateLimit(limitPer5Min: number): boolean {
  return Number.isInteger(limitPer5Min) && limitPer5Min >= MIN_WAF_RATE_LIMIT_PER_5_MIN && limitPer5Min <= MAX_WAF_RATE_LIMIT_PER_5_MIN;
}

/** The managed rule group vendor of AWS's own groups. */
export const AWS_MANAGED_RULES_VENDOR = "AWS";

/**
 * The core rule set's rule that blocks request bodies over 8 KB. A chat completion with a system
 * prompt, a few turns of history or a pasted document is routinely larger, so blocking would
 * reject ordinary prompts with a 403. It counts instead, deliberately, also now that the body has
 * a limit: that limit is the `body-too-large` rule on content-length (megabytes, sized to prompts
 * with images), which this 8 KB rule could never express. Counting keeps 8 KB+ bodies visible in
 * the rule's metric. (WAF inspects only the first 8 KB of a body behind an ALB; the other body
 * rules still see that part.)
 */
export const BODY_SIZE_RULE = "SizeRestrictions_BODY";

/**
 * Core rule set rules that read the body as if it were markup or a file path. A gateway's body is
 * a prompt: users paste HTML, JavaScript and paths into it all the time, and LiteLLM neither
 * renders nor opens them, so these count instead of turning code questions into 403s. The SSRF
 * and remote-file-inclusion body rules keep blocking: LiteLLM does fetch URLs found in messages
 * (image_url), so an instance-metadata address in a body is a real attack on this service.
 */
export const PROMPT_CONTENT_RULES = ["CrossSiteScripting_BODY", "GenericLFI_BODY"] as const;

export interface ManagedRuleGroupSpec {
  readonly kind: "managed-rule-group";
  /** The web ACL rule's name, also the suffix of its CloudWatch metric. */
  readonly name: string;
  /** Lower runs first. */
  readonly priority: number;
  /** The AWS managed rule group, e.g. `AWSManagedRulesCommonRuleSet`. */
  readonly groupName: string;
  /** Rules of the group overridden to COUNT (matched and measured, never blocked). */
  readonly countedRules: readonly string[];
  /** Why the group is here, for the plan and the reader. */
  readonly purpose: string;
}

export interface RateLimitSpec {
  readonly kind: "rate-limit";
  readonly name: string;
  readonly priority: number;
  /** Requests per WAF_RATE_WINDOW_SECONDS per client IP before further requests are blocked. */
  readonly limitPer5Min: number;
  readonly purpose: string;
}

/** A rule of our own: one statement, blocking what it matches. */
export interface CustomRuleSpec {
  readonly kind: "custom";
  readonly name: string;
  readonly priority: number;
  readonly statement: StatementSpec;
  readonly purpose: string;
}

export type WebAclRuleSpec = ManagedRuleGroupSpec | RateLimitSpec | CustomRuleSpec;

/**
 * Web ACL capacity units of each managed rule group and of a rate-based rule without scope-down,
 * as AWS documents them (WAF Developer Guide, "AWS Managed Rules rule groups list": Core rule set
 * 700, Known bad inputs 200, Amazon IP reputation list 25; "Rate-based rule statement": 2 WCUs).
 */
export const MANAGED_GROUP_CAPACITY_UNITS: Readonly<Record<string, number>> = {
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
};
export const RATE_BASED_RULE_CAPACITY_UNITS = 2;

/**
 * The capacity a web ACL may use at the base price: "1,500 WCUs" per web ACL, above which AWS
 * bills extra per request (WAF Developer Guide, "Web ACL capacity units (WCUs) in AWS WAF").
 */
export const WEB_ACL_BASE_CAPACITY_UNITS = 1500;

/** The web ACL's capacity units: the sum of its rules'. */
export function webAclCapacityUnits(rules: readonly WebAclRuleSpec[]): number {
  return rules.reduce((sum, rule) => {
    switch (rule.kind) {
      case "managed-rule-group": {
        const units = MANAGED_GROUP_CAPACITY_UNITS[rule.groupName];
        if (units === undefined) {
          throw new Error(`webAclCapacityUnits: no documented capacity for managed rule group ${rule.groupName}; add it to MANAGED_GROUP_CAPACITY_UNITS.`);
        }
        return sum + units;
      }
      case "rate-limit":
        return sum + RATE_BASED_RULE_CAPACITY_UNITS;
      case "custom":
        return sum + statementCapacityUnits(rule.statement);
    }
  }, 0);
}

/**
 * The web ACL's rules in evaluation order. WAF evaluates "from the lowest numeric priority setting
 * on up until it either finds a match that terminates the evaluation or exhausts all of the rules",
 * and each rule needs "a unique priority setting within that protection pack (web ACL)" (WAF
 * Developer Guide, "Setting rule priority"). Requests no rule blocks are allowed (the ACL's default
 * action). Known-bad addresses are dropped first; then floods, so oversized requests still count
 * toward their client's rate; then the two header-only body checks, so a body too large (or of
 * unknown size) is refused for that, under its own metric, before the content inspections of the
 * core rule set look at its first 8 KB. Together 937 web ACL capacity units
 * (25 + 2 + 3 + 7 + 700 + 200, webAclCapacityUnits), under the 1,500 of the base price.
 */
export function webAclRuleSpecs(rateLimitPer5Min: number, maxRequestBodyMib: number): WebAclRuleSpec[] {
  return [
    {
      kind: "managed-rule-group",
      name: "aws-ip-reputation",
      priority: 0,
      groupName: "AWSManagedRulesAmazonIpReputationList",
      countedRules: [],
      purpose: "addresses Amazon threat intelligence lists as bots, scanners or DDoS sources",
    },
    {
      kind: "rate-limit",
      name: "rate-limit-per-ip",
      priority: 1,
      limitPer5Min: rateLimitPer5Min,
      purpose: "one client IP flooding the gateway (a retry loop or abuse)",
    },
    {
      kind: "custom",
      name: "body-too-large",
      priority: 2,
      statement: bodyTooLargeStatement(maxRequestBodyMib),
      purpose: `a content-length above ${maxRequestBodyMib} MiB (maxRequestBodyMib), before the body reaches a task`,
    },
    {
      kind: "custom",
      name: "body-without-length",
      priority: 3,
      statement: bodyWithoutLengthStatement(),
      purpose: "a body the size limit cannot see: any Transfer-Encoding, or POST/PUT/PATCH without a numeric content-length",
    },
    {
      kind: "managed-rule-group",
      name: "aws-common-rule-set",
      priority: 4,
      groupName: "AWSManagedRulesCommonRuleSet",
      countedRules: [BODY_SIZE_RULE, ...PROMPT_CONTENT_RULES],
      purpose: "OWASP-style exploits in headers, URI, query string and the first 8 KB of the body",
    },
    {
      kind: "managed-rule-group",
      name: "aws-known-bad-inputs",
      priority: 5,
      groupName: "AWSManagedRulesKnownBadInputsRuleSet",
      countedRules: [],
      purpose: "request patterns of known exploits (Log4j, Java deserialization, localhost Host headers)",
    },
  ];
}

/**
 * Rules as AWS bills them ($1 per rule per month): each managed rule group counts as one rule,
 * however many rules it holds, and so do the rate-based rule and each custom rule.
 */
export function billedWafRuleCount(rules: readonly WebAclRuleSpec[]): number {
  return rules.length;
}
