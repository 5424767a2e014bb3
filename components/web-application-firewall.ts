import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { isMaxRequestBodyMib, MAX_MAX_REQUEST_BODY_MIB, MIN_MAX_REQUEST_BODY_MIB } from "../config/access/request-body-rules";
import type { FieldSpec, StatementSpec } from "../config/access/request-body-rules";
import {
  AWS_MANAGED_RULES_VENDOR,
  isWafRateLimit,
  MAX_WAF_RATE_LIMIT_PER_5_MIN,
  MIN_WAF_RATE_LIMIT_PER_5_MIN,
  WAF_RATE_WINDOW_SECONDS,
  webAclRuleSpecs,
} from "../config/access/web-acl-rules";
import type { WebAclRuleSpec } from "../config/access/web-acl-rules";
import { wafLogging } from "./web-acl-logging";

export interface WebApplicationFirewallArgs {
  /** The Application Load Balancer the web ACL protects. */
  readonly loadBalancerArn: pulumi.Input<string>;
  /**
   * Requests per 5 minutes from one client IP before WAF blocks further ones.
   * @example 2000
   */
  readonly rateLimitPer5Min: number;
  /**
   * Requests whose content-length exceeds this many MiB are blocked, and so are bodies without a
   * numeric content-length (config/access/request-body-rules.ts).
   * @example 32
   */
  readonly maxRequestBodyMib: number;
  /**
   * Every request the ACL inspects logged to a CloudWatch Logs group kept this many days, with the
   * headers that carry keys redacted (see web-acl-logging.ts). Without it, no WAF logs.
   * @example { retentionDays: 365 }
   */
  readonly logging?: { readonly retentionDays: number };
}

/** A web ACL in front of a load balancer (not CloudFront). */
const SCOPE = "REGIONAL";

/** Metrics and sampled requests for the ACL and each rule: the runbook finds a blocking rule with them. */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** No transformation: a header value or a method needs no decoding, and each other one costs 10 WCUs. */
const NO_TRANSFORMATION = [{ priority: 0, type: "NONE" }];

function fieldToMatch(field: FieldSpec): aws.types.input.wafv2.WebAclRuleStatementRegexMatchStatementFieldToMatch {
  return field.kind === "method" ? { method: {} } : { singleHeader: { name: field.name } };
}

/**
 * A statement spec as the provider's statement block. Nesting stays within the provider's three
 * levels of logical statements (pulumi-aws WebAcl: `ruleJson` exists only "to allow more than
 * three nested statements"); test/rules holds the depth.
 */
function statementInput(spec: StatementSpec): aws.types.input.wafv2.WebAclRuleStatement {
  switch (spec.kind) {
    case "regex":
      return { regexMatchStatement: { regexString: spec.regex, fieldToMatch: fieldToMatch(spec.field), textTransformations: NO_TRANSFORMATION } };
    case "size-greater-than":
      return {
        sizeConstraintStatement: { comparisonOperator: "GT", size: spec.size, fieldToMatch: fieldToMatch(spec.field), textTransformations: NO_TRANSFORMATION },
      };
    case "and":
      return { andStatement: { statements: spec.statements.map(statementInput) } };
    case "or":
      return { orStatement: { statements: spec.statements.map(statementInput) } };
    case "not":
      return { notStatement: { statement: statementInput(spec.statement) } };
  }
}

/** One rule spec as the web ACL's rule block. */
function webAclRule(spec: WebAclRuleSpec, metricPrefix: string): aws.types.input.wafv2.WebAclRule {
  const visibilityConfig = visibility(`${metricPrefix}-${spec.name}`);
  if (spec.kind === "custom") {
    return { name: spec.name, priority: spec.priority, action: { block: {} }, statement: statementInput(spec.statement), visibilityConfig };
  }
  if (spec.kind === "rate-limit") {
    return {
      name: spec.name,
      priority: spec.priority,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: spec.limitPer5Min, aggregateKeyType: "IP", evaluationWindowSec: WAF_RATE_WINDOW_SECONDS },
      },
      visibilityConfig,
    };
  }
  return {
    name: spec.name,
    priority: spec.priority,
    // The group's own actions apply, except the rules overridden to COUNT below.
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: AWS_MANAGED_RULES_VENDOR,
        name: spec.groupName,
        ...(spec.countedRules.length === 0
          ? {}
          : { ruleActionOverrides: spec.countedRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
      },
    },
    visibilityConfig,
  };
}

/**
 * A WAF web ACL on the public load balancer: AWS's IP reputation list, a per-IP rate limit, a
 * request-body limit on content-length (and no body without one), the core rule set (its 8 KB
 * body-size rule counted, not blocking: prompts are larger) and known bad inputs; everything else
 * is allowed. The load balancer is the gateway's only ingress (the tasks
 * accept traffic from its security group alone), so nothing reaches LiteLLM around the ACL.
 */
export class WebApplicationFirewall extends pulumi.ComponentResource {
  public readonly webAclArn: pulumi.Output<string>;

  constructor(name: string, args: WebApplicationFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:WebApplicationFirewall", name, {}, opts);
    const limit = args.rateLimitPer5Min;
    if (!isWafRateLimit(limit)) {
      throw new Error(
        `WebApplicationFirewall: rateLimitPer5Min ${limit} is not an integer from ${MIN_WAF_RATE_LIMIT_PER_5_MIN} to ${MAX_WAF_RATE_LIMIT_PER_5_MIN}. Pass requests per 5 minutes per client IP, e.g. 2000.`,
      );
    }

    const maxBody = args.maxRequestBodyMib;
    if (!isMaxRequestBodyMib(maxBody)) {
      throw new Error(
        `WebApplicationFirewall: maxRequestBodyMib ${maxBody} is not an integer from ${MIN_MAX_REQUEST_BODY_MIB} to ${MAX_MAX_REQUEST_BODY_MIB}. Pass the largest request body in MiB, e.g. 32.`,
      );
    }

    const webAcl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        description: "LiteLLM gateway: AWS managed rules, a per-IP rate limit and a request-body limit in front of the load balancer",
        scope: SCOPE,
        defaultAction: { allow: {} },
        rules: webAclRuleSpecs(limit, maxBody).map((spec) => webAclRule(spec, name)),
        visibilityConfig: visibility(name),
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(
      `${name}-alb`,
      { resourceArn: args.loadBalancerArn, webAclArn: webAcl.arn },
      { parent: this },
    );

    if (args.logging !== undefined) {
      wafLogging(name, { webAclArn: webAcl.arn, retentionDays: args.logging.retentionDays }, this);
    }

    this.webAclArn = webAcl.arn;
    this.registerOutputs({ webAclArn: this.webAclArn });
  }
}
