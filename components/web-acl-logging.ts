import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { LOG_DELIVERY_SERVICE, MAX_WAF_REDACTED_FIELDS, REDACTED_LOG_HEADERS, WAF_LOG_GROUP_PREFIX } from "../config/access/log-delivery";
import { stackNameSegment } from "../config/settings/stack-name-segment";

export interface WafLoggingArgs {
  readonly webAclArn: pulumi.Input<string>;
  /** CloudWatch Logs retention of the WAF log group. @example 365 */
  readonly retentionDays: number;
}

/** What wafLogging declares, for the component that owns them. */
export interface WafLoggingResources {
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly logGroupPolicy: aws.cloudwatch.LogResourcePolicy;
  readonly loggingConfiguration: aws.wafv2.WebAclLoggingConfiguration;
}

/**
 * The WAF log group's name: WAF delivers only to groups named `aws-waf-logs-...`; the stack
 * segment keeps dev and prod in one account apart.
 * @example wafLogGroupName("litellm-waf", "prod") === "aws-waf-logs-litellm-waf-prod"
 */
export function wafLogGroupName(name: string, stack: string): string {
  return `${WAF_LOG_GROUP_PREFIX}${name}-${stackNameSegment(stack)}`;
}

/**
 * Logging of a web ACL (Security Hub WAF.11), declared under `parent` (the WebApplicationFirewall):
 *
 * - a log group named `aws-waf-logs-<name>-<stack>`, kept `retentionDays`;
 * - its resource policy, scoped to the log group, letting the log-delivery service (and only for
 *   this account's deliveries) create streams and put events. WAF creates or extends such a policy
 *   itself when the caller may (CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs": "AWS
 *   creates or changes the resource policies associated with the log group ... if needed"), which
 *   would leave a policy Pulumi does not know and needs logs:PutResourcePolicy on the deploy role;
 *   declared here with the statement that page documents, it exists first and WAF has nothing to add;
 * - the logging configuration, every request (no filter: the day after, the allowed requests are
 *   the ones to read), with each header that carries a LiteLLM key redacted.
 */
export function wafLogging(name: string, args: WafLoggingArgs, parent: pulumi.Resource): WafLoggingResources {
  if (REDACTED_LOG_HEADERS.length > MAX_WAF_REDACTED_FIELDS) {
    throw new Error(`WebApplicationFirewall: ${REDACTED_LOG_HEADERS.length} redacted headers, above WAF's ${MAX_WAF_REDACTED_FIELDS}. Redact fewer headers.`);
  }
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: wafLogGroupName(name, pulumi.getStack()), retentionInDays: args.retentionDays },
    { parent },
  );
  const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
  const region = aws.getRegionOutput({}, { parent }).region;
  const partition = aws.getPartitionOutput({}, { parent }).partition;
  const logGroupPolicy = new aws.cloudwatch.LogResourcePolicy(
    `${name}-logs-policy`,
    {
      resourceArn: logGroup.arn,
      policyDocument: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AWSLogDeliveryWrite",
            Effect: "Allow",
            Principal: { Service: LOG_DELIVERY_SERVICE },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": accountId },
              ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:*` },
            },
          },
        ],
      }),
    },
    { parent },
  );
  const loggingConfiguration = new aws.wafv2.WebAclLoggingConfiguration(
    `${name}-logging`,
    {
      resourceArn: args.webAclArn,
      logDestinationConfigs: [logGroup.arn],
      redactedFields: REDACTED_LOG_HEADERS.map((header) => ({ singleHeader: { name: header } })),
    },
    { parent, dependsOn: [logGroupPolicy] },
  );
  return { logGroup, logGroupPolicy, loggingConfiguration };
}
