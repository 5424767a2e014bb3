/**
 * The rules of the gateway's web ACL, as plain values: which AWS managed rule groups it runs,
 * which of their rules only count, and the per-IP rate limit. The WebApplicationFirewall
 * component turns them into a WAF web ACL; the bill of materials counts them; the plan prints
 * them. Pure, so the rule list and its billing are testable without Pulumi.
 *
 * Only AWS's free managed rule groups are used: Bot Control, account takeover prevention (ATP)
 * and account creation fraud prevention (ACFP) carry subscription and per-request fees on top of
 * the $1/rule charge, and an API gateway has no logins or bots to tell apart anyway.
 */

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
 * reject ordinary prompts with a 403. It counts instead: oversized bodies stay visible in the
 * rule's metric and sampled requests. (WAF inspects only the first 8 KB of a body behind an ALB;
 * the other body rules still see that part.)
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

export type WebAclRuleSpec = ManagedRuleGroupSpec | RateLimitSpec;

/**
 * The web ACL's rules in evaluation order. Requests no rule blocks are allowed (the ACL's default
 * action). Known-bad addresses are dropped first, then floods, then the request inspections.
 * Together about 930 web ACL capacity units (25 + 2 + 700 + 200), under the 1,500 included in the
 * base price, above which AWS bills per request.
 */
export function webAclRuleSpecs(rateLimitPer5Min: number): WebAclRuleSpec[] {
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
      kind: "managed-rule-group",
      name: "aws-common-rule-set",
      priority: 2,
      groupName: "AWSManagedRulesCommonRuleSet",
      countedRules: [BODY_SIZE_RULE, ...PROMPT_CONTENT_RULES],
      purpose: "OWASP-style exploits in headers, URI, query string and the first 8 KB of the body",
    },
    {
      kind: "managed-rule-group",
      name: "aws-known-bad-inputs",
      priority: 3,
      groupName: "AWSManagedRulesKnownBadInputsRuleSet",
      countedRules: [],
      purpose: "request patterns of known exploits (Log4j, Java deserialization, localhost Host headers)",
    },
  ];
}

/**
 * Rules as AWS bills them ($1 per rule per month): each managed rule group counts as one rule,
 * however many rules it holds, and so does the rate-based rule.
 */
export function billedWafRuleCount(rules: readonly WebAclRuleSpec[]): number {
  return rules.length;
}
