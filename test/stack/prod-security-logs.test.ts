/**
 * The committed prod stack keeps logs for the day after: load balancer access logs in a bucket only
 * ELB can write to, WAF logs with every key-carrying header redacted, and flow logs of the VPC.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { REDACTED_LOG_HEADERS } from "../../config/access/log-delivery";
import { ACCOUNT_ID, oneChildOf, oneOf, REGION, runStack } from "./stack-harness";
import type { RecordedResource, StackRun } from "./stack-harness";

const ACCESS_LOGS = "litellm-gateway:index:AccessLogBucket";
const WAF = "litellm-gateway:index:WebApplicationFirewall";
const FLOW_LOGS = "litellm-gateway:index:VpcFlowLogs";
/** What the committed Pulumi.prod.yaml sets for securityLogRetentionDays. */
const RETENTION_DAYS = 365;
/** The mock cloud names a bucket `<logical name>-0a1b2c`. */
const BUCKET_NAME = "litellm-access-logs-bucket-0a1b2c";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET_NAME}`;
/** The Elastic Load Balancing account of us-east-1 in the ELB guide's bucket policy table. */
const ELB_ACCOUNT_US_EAST_1 = "127311923021";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function policyOf(resource: RecordedResource, key = "policy"): { Statement: Json[] } {
  return JSON.parse(resource.inputs[key] as string) as { Statement: Json[] };
}

function logGroupArn(name: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}`;
}

describe("prod stack: load balancer access logs", () => {
  it("keeps them in a private, versioned, SSE-S3 bucket that expires them (and deleted versions) after the retention", () => {
    const block = oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
    expect(block).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
    expect(oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status).toBe("Enabled");
    const encryption = oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    // SSE-S3: the only server-side encryption ALB access logs support.
    expect(encryption.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const lifecycle = oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    expect(lifecycle.inputs.rules).toEqual([
      {
        id: "expire-after-retention",
        status: "Enabled",
        filter: {},
        expiration: { days: RETENTION_DAYS },
        noncurrentVersionExpiration: { noncurrentDays: RETENTION_DAYS },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      },
    ]);
    expect(lifecycle.dependsOn).toContain(oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketVersioning:BucketVersioning").urn);
  });

  it("lets exactly ELB's us-east-1 account put objects under load-balancer/AWSLogs/<account>/, and refuses plain HTTP", () => {
    const policy = oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketPolicy:BucketPolicy");
    expect(policy.inputs.bucket).toBe(BUCKET_NAME);
    expect(policyOf(policy).Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "ElbWritesAccessLogs",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ELB_ACCOUNT_US_EAST_1}:root` },
        Action: "s3:PutObject",
        Resource: `${BUCKET_ARN}/load-balancer/AWSLogs/${ACCOUNT_ID}/*`,
      },
    ]);
    // S3 refuses a policy change while the public access block changes.
    expect(policy.dependsOn).toContain(oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn);
  });

  it("turns the load balancer's access_logs.s3 attributes on only after the bucket policy exists", () => {
    const loadBalancer = oneOf(run, "aws:lb/loadBalancer:LoadBalancer");
    expect(loadBalancer.inputs.accessLogs).toEqual({ enabled: true, bucket: BUCKET_NAME, prefix: "load-balancer" });
    expect(loadBalancer.dependsOn).toContain(oneChildOf(run, ACCESS_LOGS, "aws:s3/bucketPolicy:BucketPolicy").urn);
  });
});

describe("prod stack: WAF logs", () => {
  const groupName = "aws-waf-logs-litellm-waf-prod";

  it("logs every request to an aws-waf-logs- group kept a year", () => {
    const group = oneChildOf(run, WAF, "aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs).toMatchObject({ name: groupName, retentionInDays: RETENTION_DAYS });
    const logging = oneChildOf(run, WAF, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.inputs.resourceArn).toBe(oneOf(run, "aws:wafv2/webAclAssociation:WebAclAssociation").inputs.webAclArn);
    expect(logging.inputs.logDestinationConfigs).toEqual([logGroupArn(groupName)]);
    // No filter: allowed requests are logged too.
    expect(logging.inputs.loggingFilter).toBeUndefined();
  });

  it("redacts the authorization header and every other header LiteLLM takes a key from", () => {
    const logging = oneChildOf(run, WAF, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    const redacted = (logging.inputs.redactedFields as Json[]).map((field) => field.singleHeader?.name);
    expect(redacted).toContain("authorization");
    expect(redacted).toEqual([...REDACTED_LOG_HEADERS]);
    for (const header of ["api-key", "x-api-key", "x-goog-api-key", "ocp-apim-subscription-key", "x-litellm-api-key", "cookie"]) {
      expect(redacted, header).toContain(header);
    }
    // WAF's LoggingConfiguration.RedactedFields takes at most 100.
    expect(redacted.length).toBeLessThanOrEqual(100);
  });

  it("lets only this account's log deliveries write to the group, declared before logging starts", () => {
    const policy = oneChildOf(run, WAF, "aws:cloudwatch/logResourcePolicy:LogResourcePolicy");
    expect(policy.inputs.resourceArn).toBe(logGroupArn(groupName));
    expect(policy.inputs.policyName).toBeUndefined();
    expect(policyOf(policy, "policyDocument").Statement).toEqual([
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${logGroupArn(groupName)}:log-stream:*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
          ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT_ID}:*` },
        },
      },
    ]);
    const logging = oneChildOf(run, WAF, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.dependsOn).toContain(policy.urn);
  });
});

describe("prod stack: VPC flow logs", () => {
  it("logs all traffic of the new VPC to a CloudWatch Logs group kept a year", () => {
    const group = oneChildOf(run, FLOW_LOGS, "aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs.retentionInDays).toBe(RETENTION_DAYS);
    const flowLog = oneChildOf(run, FLOW_LOGS, "aws:ec2/flowLog:FlowLog");
    expect(flowLog.inputs).toMatchObject({
      vpcId: "vpc-0123456789abcdef0",
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroupArn(`/ecs/${group.name}`),
      maxAggregationInterval: 600,
    });
    expect(flowLog.inputs.iamRoleArn).toMatch(/\/litellm-flow-logs-role$/);
    expect(flowLog.dependsOn).toContain(oneChildOf(run, FLOW_LOGS, "aws:iam/rolePolicy:RolePolicy").urn);
  });

  it("delivers through a role only this account's flow logs can assume, writing only to that group", () => {
    const role = oneChildOf(run, FLOW_LOGS, "aws:iam/role:Role");
    expect(policyOf(role, "assumeRolePolicy").Statement).toEqual([
      {
        Sid: "FlowLogsOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
          ArnLike: { "aws:SourceArn": `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:vpc-flow-log/*` },
        },
      },
    ]);
    const group = oneChildOf(run, FLOW_LOGS, "aws:cloudwatch/logGroup:LogGroup");
    const groupArn = logGroupArn(`/ecs/${group.name}`);
    expect(policyOf(oneChildOf(run, FLOW_LOGS, "aws:iam/rolePolicy:RolePolicy")).Statement).toEqual([
      {
        Sid: "WriteFlowLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [groupArn, `${groupArn}:*`],
      },
      {
        Sid: "FindLogGroup",
        Effect: "Allow",
        Action: ["logs:DescribeLogGroups"],
        Resource: [`arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:*`],
      },
    ]);
  });
});
