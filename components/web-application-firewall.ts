import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

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

/** One rule spec as the web ACL's rule block. */
function webAclRule(spec: WebAclRuleSpec, metricPrefix: string): aws.types.input.wafv2.WebAclRule {
  const visibilityConfig = visibility(`${metricPrefix}-${spec.name}`);
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
 * A WAF web ACL on the public load balancer: AWS's IP reputation list, a per-IP rate limit, the
 * core rule set (its 8 KB body-size rule counted, not blocking: prompts are larger) and known bad
 * inputs; everything else is allowed. The load balancer is the gateway's only ingress (the tasks
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

    const webAcl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        description: "LiteLLM gateway: AWS managed rules and a per-IP rate limit in front of the load balancer",
        scope: SCOPE,
        defaultAction: { allow: {} },
        rules: webAclRuleSpecs(limit).map((spec) => webAclRule(spec, name)),
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
