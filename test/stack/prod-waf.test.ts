/** The committed prod stack puts a WAF web ACL in front of its load balancer. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { BODY_SIZE_RULE, DEFAULT_WAF_RATE_LIMIT_PER_5_MIN, WAF_RATE_WINDOW_SECONDS } from "../../config/access/web-acl-rules";
import { ACCOUNT_ID, oneOf, REGION, REPO_ROOT, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rule = Record<string, any>;

function rules(): Rule[] {
  return oneOf(run, "aws:wafv2/webAcl:WebAcl").inputs.rules as Rule[];
}

function managedGroup(groupName: string): Rule {
  const found = rules().filter((rule) => rule.statement?.managedRuleGroupStatement?.name === groupName);
  expect(found.map((rule) => rule.name), groupName).toHaveLength(1);
  return found[0];
}

describe("prod stack: WAF", () => {
  it("associates one regional web ACL, allowing by default, with the gateway's load balancer", () => {
    const acl = oneOf(run, "aws:wafv2/webAcl:WebAcl");
    expect(acl.inputs.scope).toBe("REGIONAL");
    expect(acl.inputs.defaultAction).toEqual({ allow: {} });
    const association = oneOf(run, "aws:wafv2/webAclAssociation:WebAclAssociation").inputs;
    const loadBalancerArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/litellm-ingress-alb/0123456789abcdef`;
    expect(association.resourceArn).toBe(loadBalancerArn);
    expect(association.webAclArn).toMatch(new RegExp(`^arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/litellm-waf-acl/`));
    expect(run.outputs.webAclArn).toBe(association.webAclArn);
  });

  it("parents the ACL and its association to the WebApplicationFirewall component inside the gateway", () => {
    const component = oneOf(run, "litellm-gateway:index:WebApplicationFirewall");
    expect(component.parent).toBe(oneOf(run, "litellm-gateway:index:LitellmGateway").urn);
    expect(oneOf(run, "aws:wafv2/webAcl:WebAcl").parent).toBe(component.urn);
    expect(oneOf(run, "aws:wafv2/webAclAssociation:WebAclAssociation").parent).toBe(component.urn);
  });

  it("runs AWS's IP reputation, common and known-bad-inputs groups with their own actions", () => {
    for (const group of ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]) {
      const rule = managedGroup(group);
      expect(rule.statement.managedRuleGroupStatement.vendorName, group).toBe("AWS");
      expect(rule.overrideAction, group).toEqual({ none: {} });
      expect(rule.action, group).toBeUndefined();
    }
  });

  it("counts, never blocks, large bodies and markup or paths in prompts; SSRF in a body still blocks", () => {
    expect(managedGroup("AWSManagedRulesCommonRuleSet").statement.managedRuleGroupStatement.ruleActionOverrides).toEqual([
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
      { name: "CrossSiteScripting_BODY", actionToUse: { count: {} } },
      { name: "GenericLFI_BODY", actionToUse: { count: {} } },
    ]);
    expect(BODY_SIZE_RULE).toBe("SizeRestrictions_BODY");
    // No other group has a rule switched off.
    for (const group of ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"]) {
      expect(managedGroup(group).statement.managedRuleGroupStatement.ruleActionOverrides, group).toBeUndefined();
    }
  });

  it("blocks a content-length above the default 32 MiB on the content-length header, untransformed", () => {
    const rule = rules().find((candidate) => candidate.name === "body-too-large") as Rule;
    expect(rule.action).toEqual({ block: {} });
    const statement = rule.statement.regexMatchStatement;
    expect(statement.fieldToMatch).toEqual({ singleHeader: { name: "content-length" } });
    expect(statement.textTransformations).toEqual([{ priority: 0, type: "NONE" }]);
    const regex = new RegExp(statement.regexString as string);
    expect(regex.test(String(32 * 1024 * 1024))).toBe(false);
    expect(regex.test(String(32 * 1024 * 1024 + 1))).toBe(true);
  });

  it("blocks any transfer-encoding, and POST/PUT/PATCH without a numeric content-length", () => {
    const rule = rules().find((candidate) => candidate.name === "body-without-length") as Rule;
    expect(rule.action).toEqual({ block: {} });
    const none = [{ priority: 0, type: "NONE" }];
    expect(rule.statement).toEqual({
      orStatement: {
        statements: [
          { sizeConstraintStatement: { comparisonOperator: "GT", size: 0, fieldToMatch: { singleHeader: { name: "transfer-encoding" } }, textTransformations: none } },
          {
            andStatement: {
              statements: [
                { regexMatchStatement: { regexString: "^POST$|^PUT$|^PATCH$", fieldToMatch: { method: {} }, textTransformations: none } },
                {
                  notStatement: {
                    statement: { regexMatchStatement: { regexString: "^[0-9]+$", fieldToMatch: { singleHeader: { name: "content-length" } }, textTransformations: none } },
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it("blocks a client IP above the default rate limit of 2000 requests per 5 minutes", () => {
    const rateRules = rules().filter((rule) => rule.statement?.rateBasedStatement !== undefined);
    expect(rateRules).toHaveLength(1);
    expect(rateRules[0].action).toEqual({ block: {} });
    expect(rateRules[0].statement.rateBasedStatement).toEqual({
      limit: DEFAULT_WAF_RATE_LIMIT_PER_5_MIN,
      aggregateKeyType: "IP",
      evaluationWindowSec: WAF_RATE_WINDOW_SECONDS,
    });
    expect(DEFAULT_WAF_RATE_LIMIT_PER_5_MIN).toBe(2000);
    expect(WAF_RATE_WINDOW_SECONDS).toBe(300);
  });

  it("evaluates the rules in a fixed, distinct order: reputation, rate limit, body size, unsized body, common, known bad inputs", () => {
    const ordered = [...rules()].sort((left, right) => left.priority - right.priority);
    expect(ordered.map((rule) => rule.name)).toEqual([
      "aws-ip-reputation",
      "rate-limit-per-ip",
      "body-too-large",
      "body-without-length",
      "aws-common-rule-set",
      "aws-known-bad-inputs",
    ]);
    expect(new Set(ordered.map((rule) => rule.priority)).size).toBe(ordered.length);
  });

  it("publishes CloudWatch metrics and sampled requests for the ACL and each rule, under distinct metric names", () => {
    const acl = oneOf(run, "aws:wafv2/webAcl:WebAcl").inputs;
    const configs = [acl.visibilityConfig, ...rules().map((rule) => rule.visibilityConfig)] as Rule[];
    for (const config of configs) {
      expect(config).toMatchObject({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true });
      // WAF's metric names: letters, digits, hyphen and underscore only.
      expect(config.metricName).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
    }
    expect(new Set(configs.map((config) => config.metricName)).size).toBe(configs.length);
  });

  it("names each rule's metric as docs/runbooks.md looks its sampled requests up", () => {
    const runbook = readFileSync(path.join(REPO_ROOT, "docs", "runbooks.md"), "utf8");
    for (const rule of rules()) {
      expect(rule.visibilityConfig.metricName).toBe(`litellm-waf-${rule.name}`);
      expect(runbook, rule.name).toContain(`\`litellm-waf-${rule.name}\``);
    }
  });
});
