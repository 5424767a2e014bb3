/**
 * Who may write the gateway's forensic logs, and where, as plain values: the Elastic Load Balancing
 * principal that delivers access logs in each region, the access-log prefix, the WAF log group's
 * required name prefix, the headers WAF must redact, and the principal that delivers VPC flow logs.
 * The AccessLogBucket, WebApplicationFirewall and Network components turn them into bucket, log
 * group and role policies; the settings refuse a region that has no documented principal.
 */

/**
 * The Elastic Load Balancing account that writes access logs, per Region available before August
 * 2022 (Elastic Load Balancing User Guide for Application Load Balancers, "Enable access logs",
 * Step 2 "Attach a policy to your S3 bucket": the bucket policy names `arn:aws:iam::<elb-account-id>:root`
 * in these Regions; the same table is terraform-provider-aws internal/service/elb/service_account_data_source.go).
 * Commercial partition only: China and GovCloud use other partitions and are refused below.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
};

/**
 * The service principal that writes access logs in Regions available as of August 2022 or later
 * (same page, Step 2): every commercial Region not in the table above.
 */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** A commercial AWS Region name, e.g. us-east-1, ap-southeast-5. */
const COMMERCIAL_REGION = /^(?!cn-|us-gov-|us-iso|eusc-)[a-z]{2}(-[a-z]+)+-\d$/;

/** The bucket policy's principal for ELB log delivery: an account in older Regions, a service principal in newer ones. */
export type ElbLogDeliveryPrincipal = { readonly AWS: string } | { readonly Service: string };

/** Why `region` has no documented ELB log-delivery principal this stack can write; undefined when it has one. */
export function elbLogDeliveryProblem(region: string): string | undefined {
  if (Object.hasOwn(ELB_LOG_DELIVERY_ACCOUNTS, region) || COMMERCIAL_REGION.test(region)) {
    return undefined;
  }
  return `"${region}" is not a commercial AWS Region, and the access-log bucket policy is written for the aws partition only (China and GovCloud Regions use their own ELB accounts and ARNs)`;
}

/** The principal ELB writes access logs as in `region`; throws for a Region elbLogDeliveryProblem refuses. */
export function elbLogDeliveryPrincipal(region: string): ElbLogDeliveryPrincipal {
  const problem = elbLogDeliveryProblem(region);
  if (problem !== undefined) {
    throw new Error(problem);
  }
  const account = ELB_LOG_DELIVERY_ACCOUNTS[region];
  return account === undefined ? { Service: ELB_LOG_DELIVERY_SERVICE } : { AWS: `arn:aws:iam::${account}:root` };
}

/**
 * Where the load balancer writes in the bucket: ELB appends `/AWSLogs/<account>/elasticloadbalancing/...`
 * to it. The prefix must not contain `AWSLogs` (same page, Step 1 requirements) nor start or end with `/`.
 */
export const ACCESS_LOG_PREFIX = "load-balancer";

/** The objects ELB writes: `<bucket ARN>/<prefix>/AWSLogs/<account>/*`, exactly what the bucket policy lets it put. */
export function accessLogObjectsArn(bucketArn: string, accountId: string, prefix = ACCESS_LOG_PREFIX): string {
  return `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`;
}

/**
 * A WAF log group's name must start with this (AWS WAF Developer Guide, "Sending web ACL traffic
 * logs to an Amazon CloudWatch Logs log group", Log group naming).
 */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

/**
 * Request headers that carry a LiteLLM key, redacted from WAF logs so the logs never hold one.
 * LiteLLM 1.108.7 reads a key from each (litellm/types/proxy/auth/special_headers.py, SpecialHeaders:
 * Authorization, API-Key, x-api-key, x-goog-api-key, Ocp-Apim-Subscription-Key, x-litellm-api-key;
 * used by proxy/auth/user_api_key_auth.py's APIKeyHeader dependencies), plus the cookie that carries
 * the admin UI's session token. WAF matches header names case-insensitively (SingleHeader.Name).
 */
export const REDACTED_LOG_HEADERS = [
  "authorization",
  "api-key",
  "x-api-key",
  "x-goog-api-key",
  "ocp-apim-subscription-key",
  "x-litellm-api-key",
  "cookie",
] as const;

/** AWS WAF API Reference, LoggingConfiguration.RedactedFields: "Maximum number of 100 items". */
export const MAX_WAF_REDACTED_FIELDS = 100;

/** The principal that delivers vended logs (WAF logs) into a CloudWatch Logs log group. */
export const LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

/** The principal that assumes a flow log's role to publish to CloudWatch Logs (Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs"). */
export const FLOW_LOGS_SERVICE = "vpc-flow-logs.amazonaws.com";

/**
 * Every packet the VPC accepts or rejects, not only rejections: the day after, the question is
 * what an accepted connection did (a task talking to an address it never should), which REJECT
 * alone never records.
 */
export const FLOW_LOG_TRAFFIC_TYPE = "ALL";

/** EC2 CreateFlowLogs MaxAggregationInterval: 60 or 600 seconds; 600 (the default) writes fewer, larger records. */
export const FLOW_LOG_AGGREGATION_SECONDS = 600;
