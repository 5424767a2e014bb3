/**
 * The AWS field check bites: each value below is one AWS refuses (the apostrophe that blocked
 * prod's first `pulumi up` among them), and the check names the resource, the field and the
 * rule's source for each. Its valid twin passes, so the check is not refusing everything.
 */
import { describe, expect, it } from "vitest";

import { AWS_FIELD_RULES, TYPES_WITHOUT_NAMED_FIELDS } from "../../config/aws-rules/aws-field-rules";
import type { DeclaredResource } from "../../config/aws-rules/aws-field-rules";
import { checkAwsFields, formatFieldViolation } from "../../config/aws-rules/check-aws-fields";

const SG_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function resource(type: string, name: string, inputs: Record<string, unknown>): DeclaredResource {
  return { type, name, inputs };
}

function problems(resources: DeclaredResource[]): string[] {
  return checkAwsFields(resources).violations.map(formatFieldViolation);
}

const policy = (sid: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
const container = (name: string, streamPrefix: string) =>
  JSON.stringify([{ name, logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": streamPrefix } } }]);
const webAcl = (ruleNames: string[], metric: string, description = "LiteLLM gateway") => ({
  description,
  visibilityConfig: { metricName: metric },
  rules: ruleNames.map((ruleName) => ({ name: ruleName, visibilityConfig: { metricName: `m-${ruleName}` } })),
});

interface Case {
  readonly what: string;
  readonly bad: DeclaredResource[];
  readonly good: DeclaredResource[];
  /** A fragment of the expected problem. */
  readonly says: string;
}

const CASES: Case[] = [
  {
    what: "an apostrophe in a security group rule description (the prod blocker)",
    bad: [resource(SG_RULE, "r", { description: "Redis (LiteLLM's shared router state)" })],
    good: [resource(SG_RULE, "r", { description: "Redis: shared router state of LiteLLM" })],
    says: `contains "'"`,
  },
  {
    what: "a security group named like a group id",
    bad: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { name: "sg-gateway", description: "x" })],
    good: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { name: "gateway", description: "x" })],
    says: 'must not start with "sg-"',
  },
  {
    what: "a security group description with a non-ASCII dash",
    bad: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { description: "LiteLLM – tasks" })],
    good: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { description: "LiteLLM - tasks" })],
    says: "contains",
  },
  {
    what: "a task family with a dot (a raw dotted stack name)",
    bad: [resource("aws:ecs/taskDefinition:TaskDefinition", "t", { family: "litellm-proxy-team.prod", containerDefinitions: container("litellm", "litellm") })],
    good: [resource("aws:ecs/taskDefinition:TaskDefinition", "t", { family: "litellm-proxy-team-prod", containerDefinitions: container("litellm", "litellm") })],
    says: 'contains "."',
  },
  {
    what: "a container name with a space and a log stream prefix with a colon",
    bad: [resource("aws:ecs/taskDefinition:TaskDefinition", "t", { family: "f", containerDefinitions: container("lite llm", "a:b") })],
    good: [resource("aws:ecs/taskDefinition:TaskDefinition", "t", { family: "f", containerDefinitions: container("litellm", "a-b") })],
    says: 'contains " "',
  },
  {
    what: "a target group whose logical name is too long for the generated name (32)",
    bad: [resource("aws:lb/targetGroup:TargetGroup", "litellm-ingress-target-group", {})],
    good: [resource("aws:lb/targetGroup:TargetGroup", "litellm-ingress-targets", {})],
    says: "above the provider's maximum of 32",
  },
  {
    what: "a load balancer named internal-",
    bad: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { name: "internal-gateway" })],
    good: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { name: "gateway" })],
    says: 'must not start with "internal-"',
  },
  {
    what: "an RDS identifier starting with a digit and holding two hyphens in a row",
    bad: [resource("aws:rds/instance:Instance", "db", { identifier: "1litellm--db" })],
    good: [resource("aws:rds/instance:Instance", "db", { identifier: "litellm-db" })],
    says: "must start with a letter",
  },
  {
    what: "a final snapshot identifier with an underscore",
    bad: [resource("aws:rds/instance:Instance", "db", { finalSnapshotIdentifier: "litellm-eu_west-final" })],
    good: [resource("aws:rds/instance:Instance", "db", { finalSnapshotIdentifier: "litellm-eu-west-final" })],
    says: 'contains "_"',
  },
  {
    what: "a parameter group name ending in a hyphen",
    bad: [resource("aws:rds/parameterGroup:ParameterGroup", "p", { name: "litellm-", description: "x" })],
    good: [resource("aws:rds/parameterGroup:ParameterGroup", "p", { name: "litellm", description: "x" })],
    says: "must end with a letter or digit",
  },
  {
    what: "an ElastiCache replication group id over 40 characters",
    bad: [resource("aws:elasticache/replicationGroup:ReplicationGroup", "r", { replicationGroupId: "a".repeat(41), description: "x" })],
    good: [resource("aws:elasticache/replicationGroup:ReplicationGroup", "r", { replicationGroupId: "a".repeat(40), description: "x" })],
    says: "AWS allows 1 to 40",
  },
  {
    what: "a secret name ending like an ARN suffix",
    bad: [resource("aws:secretsmanager/secret:Secret", "s", { name: "litellm-master-AbCdEf" })],
    good: [resource("aws:secretsmanager/secret:Secret", "s", { name: "litellm/master" })],
    says: "hyphen followed by six characters",
  },
  {
    what: "an IAM role name with a space",
    bad: [resource("aws:iam/role:Role", "r", { name: "litellm task" })],
    good: [resource("aws:iam/role:Role", "r", { name: "litellm-task" })],
    says: 'contains " "',
  },
  {
    what: "a policy statement id with a hyphen",
    bad: [resource("aws:iam/rolePolicy:RolePolicy", "p", { policy: policy("Read-Config") })],
    good: [resource("aws:iam/rolePolicy:RolePolicy", "p", { policy: policy("ReadConfig") })],
    says: 'contains "-"',
  },
  {
    what: "a log group in AWS's reserved aws/ namespace",
    bad: [resource("aws:cloudwatch/logGroup:LogGroup", "l", { name: "aws/litellm" })],
    good: [resource("aws:cloudwatch/logGroup:LogGroup", "l", { name: "/ecs/litellm" })],
    says: 'must not start with "aws/"',
  },
  {
    what: "a metric query id starting with a capital",
    bad: [resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { metricQueries: [{ id: "Result" }] })],
    good: [resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { metricQueries: [{ id: "result" }] })],
    says: "must start with a lowercase letter",
  },
  {
    what: "an SNS topic name with a dot",
    bad: [resource("aws:sns/topic:Topic", "t", { name: "litellm.alarms" })],
    good: [resource("aws:sns/topic:Topic", "t", { name: "litellm-alarms" })],
    says: 'contains "."',
  },
  {
    what: "a KMS alias in AWS's reserved alias/aws/ namespace",
    bad: [resource("aws:kms/alias:Alias", "k", { name: "alias/aws/litellm" })],
    good: [resource("aws:kms/alias:Alias", "k", { name: "alias/litellm-prod-alarms" })],
    says: 'must not start with "alias/aws/"',
  },
  {
    what: "a KMS alias with a dotted stack name",
    bad: [resource("aws:kms/alias:Alias", "k", { name: "alias/litellm-team.prod" })],
    good: [resource("aws:kms/alias:Alias", "k", { name: "alias/litellm-team-prod" })],
    says: 'contains "."',
  },
  {
    what: "two WAF rules with one name, and a reserved metric name",
    bad: [resource("aws:wafv2/webAcl:WebAcl", "w", webAcl(["rate", "rate"], "All"))],
    good: [resource("aws:wafv2/webAcl:WebAcl", "w", webAcl(["rate", "reputation"], "litellm-waf"))],
    says: "unique within it",
  },
  {
    what: "a WAF description with an apostrophe",
    bad: [resource("aws:wafv2/webAcl:WebAcl", "w", webAcl(["rate"], "m", "LiteLLM's gateway"))],
    good: [resource("aws:wafv2/webAcl:WebAcl", "w", webAcl(["rate"], "m", "LiteLLM gateway"))],
    says: `contains "'"`,
  },
  {
    what: "an S3 bucket name with capitals and two periods",
    bad: [resource("aws:s3/bucket:Bucket", "b", { bucket: "LiteLLM..config" })],
    good: [resource("aws:s3/bucket:Bucket", "b", { bucket: "litellm.config" })],
    says: "two adjacent periods",
  },
  {
    what: "a tag key in the reserved aws: namespace and a tag value with an apostrophe",
    bad: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { description: "x", tags: { "aws:owner": "team's" } })],
    good: [resource("aws:ec2/securityGroup:SecurityGroup", "g", { description: "x", tags: { owner: "team-a" } })],
    says: 'must not start with "aws:"',
  },
  {
    what: "a DNS name with a label over 63 characters",
    bad: [resource("aws:route53/record:Record", "r", { name: `${"a".repeat(64)}.example.com` })],
    good: [resource("aws:route53/record:Record", "r", { name: "gateway.example.com" })],
    says: "label longer than 63",
  },
  {
    what: "a certificate domain name with an empty label",
    bad: [resource("aws:acm/certificate:Certificate", "c", { domainName: "gateway..example.com" })],
    good: [resource("aws:acm/certificate:Certificate", "c", { domainName: "gateway.example.com" })],
    says: "empty label",
  },
  {
    what: "a certificate domain name with a * inside a label",
    bad: [resource("aws:acm/certificate:Certificate", "c", { domainName: "gate*.example.com" })],
    good: [resource("aws:acm/certificate:Certificate", "c", { domainName: "*.example.com" })],
    says: "not the whole first label",
  },
  {
    what: "a WAF logging destination whose log group lacks the aws-waf-logs- prefix",
    bad: [resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "l", { logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:/waf/litellm"] })],
    good: [resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "l", { logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-litellm"] })],
    says: 'must start with "aws-waf-logs-"',
  },
  {
    what: "the same header redacted twice in WAF logs",
    bad: [resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "l", { redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "authorization" } }] })],
    good: [resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "l", { redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "x-api-key" } }] })],
    says: "unique within it",
  },
  {
    what: "a load balancer access-log prefix holding AWSLogs",
    bad: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { enabled: true, bucket: "b", prefix: "alb/AWSLogs" } })],
    good: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { enabled: true, bucket: "b", prefix: "load-balancer" } })],
    says: 'must not include "AWSLogs"',
  },
  {
    what: "a load balancer access-log prefix ending in a slash",
    bad: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { enabled: true, bucket: "b", prefix: "load-balancer/" } })],
    good: [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { enabled: true, bucket: "b", prefix: "load-balancer" } })],
    says: "must end with a character other than /",
  },
  {
    what: "a lifecycle rule id over 255 characters",
    bad: [resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "c", { rules: [{ id: "x".repeat(256) }] })],
    good: [resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "c", { rules: [{ id: "expire-after-retention" }] })],
    says: "AWS allows 1 to 255",
  },
  {
    what: "a log group resource policy statement id with a hyphen",
    bad: [resource("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "p", { policyDocument: policy("Log-Delivery") })],
    good: [resource("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "p", { policyDocument: policy("AWSLogDeliveryWrite") })],
    says: 'contains "-"',
  },
  {
    what: "two security groups with one name",
    bad: [
      resource("aws:ec2/securityGroup:SecurityGroup", "a", { name: "gateway", description: "x" }),
      resource("aws:ec2/securityGroup:SecurityGroup", "b", { name: "gateway", description: "x" }),
    ],
    good: [
      resource("aws:ec2/securityGroup:SecurityGroup", "a", { name: "gateway-a", description: "x" }),
      resource("aws:ec2/securityGroup:SecurityGroup", "b", { name: "gateway-b", description: "x" }),
    ],
    says: "unique",
  },
  {
    what: "the same permission twice in one security group",
    bad: [
      resource(SG_RULE, "a", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      resource(SG_RULE, "b", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
    ],
    good: [
      resource(SG_RULE, "a", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      resource(SG_RULE, "b", { securityGroupId: "sg-2", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
    ],
    says: "EC2 refuses the second one",
  },
];

describe("the AWS field check", () => {
  it.each(CASES)("refuses $what, and accepts its valid twin", ({ bad, good, says }) => {
    const found = problems(bad);
    expect(found.some((line) => line.includes(says)), found.join("\n")).toBe(true);
    // The message names the resource and cites where the rule comes from.
    expect(found[0]).toMatch(new RegExp(`^${bad.at(-1)?.name ?? ""} \\(aws:|^${bad[0].name} \\(aws:`));
    expect(found[0]).toMatch(/Source: https:\/\/docs\.aws\.amazon\.com\//);
    expect(problems(good)).toEqual([]);
  });

  it("holds a generated name to the rule: upper-case logical names are lowercased where the provider does", () => {
    expect(problems([resource("aws:s3/bucket:Bucket", "LiteLLM-Config", {})])).toEqual([]);
    // ...and refused where it does not (RDS subnet groups are generated as given, and RDS wants lower case).
    expect(problems([resource("aws:rds/subnetGroup:SubnetGroup", "LiteLLM-Subnets", { description: "x" })]).join("\n")).toContain('contains "L"');
  });

  it("reports an AWS type with no row, so a new resource type cannot skip the check", () => {
    const result = checkAwsFields([resource("aws:ec2/instance:Instance", "i", { tags: { Name: "x" } })]);
    expect(result.uncoveredTypes).toEqual(["aws:ec2/instance:Instance"]);
  });

  it("cites an AWS documentation page on every row, and lists each type once as either checked or name-free", () => {
    for (const rule of AWS_FIELD_RULES) {
      expect(rule.source, `${rule.resourceType} ${rule.field}`).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
    const checkedTypes = new Set(AWS_FIELD_RULES.map((rule) => rule.resourceType));
    expect(TYPES_WITHOUT_NAMED_FIELDS.filter((type) => checkedTypes.has(type))).toEqual([]);
  });
});
