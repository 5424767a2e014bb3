/**
 * Redis, as every stack that has it must build it (and every stack without it must not), checked
 * against the real index.ts run with a committed stack file.
 */
import { expect, it } from "vitest";
import { parse } from "yaml";

import { litellmContainer, ofType, oneOf, rolePolicy } from "./stack-harness";
import type { StackRun } from "./stack-harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const REDIS_GROUP_ID = "sg-litellm-security-redis";
const SERVICE_GROUP_ID = "sg-litellm-security-service";
/** What the mock cloud answers for the group's primary endpoint (offline/run-stack-offline.ts). */
const MOCK_PRIMARY_ENDPOINT = "master.litellm-redis-group.c0ffee.use1.cache.amazonaws.com";

export interface RedisExpectations {
  readonly nodeType: string;
  readonly nodes: number;
}

function plainEnvironment(run: StackRun): Record<string, string> {
  return Object.fromEntries(litellmContainer(run).environment.map((variable: Json) => [variable.name, variable.value]));
}

function renderedConfig(run: StackRun): Json {
  return parse(oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content as string);
}

function rulesOn(run: StackRun, groupId: string, type: string): Json[] {
  return run.resources.filter((resource) => resource.type === type && resource.inputs.securityGroupId === groupId).map((rule) => rule.inputs);
}

export function declareRedisInvariants(getRun: () => StackRun, expected: RedisExpectations): void {
  it("runs a non-cluster Valkey 8.0 replication group of the configured size, with failover across zones from two nodes", () => {
    const group = oneOf(getRun(), REPLICATION_GROUP).inputs;
    expect(group).toMatchObject({ engine: "valkey", nodeType: expected.nodeType, numCacheClusters: expected.nodes, port: 6379 });
    // The version the end-to-end tests run (Debian's valkey-server 8.0), with its parameter family:
    // a Redis OSS group of an earlier deploy is upgraded to it in place (components/redis.ts).
    expect(group).toMatchObject({ engineVersion: "8.0", parameterGroupName: "default.valkey8", applyImmediately: true });
    // Cluster mode (CROSSSLOT errors with LiteLLM's multi-key commands) is never turned on.
    expect(group.numNodeGroups).toBeUndefined();
    expect(group.clusterMode).toBeUndefined();
    const failover = expected.nodes >= 2;
    expect(group.automaticFailoverEnabled).toBe(failover);
    expect(group.multiAzEnabled).toBe(failover);
  });

  it("encrypts Redis in transit (TLS required) and at rest, behind an AUTH token", () => {
    const group = oneOf(getRun(), REPLICATION_GROUP).inputs;
    expect(group).toMatchObject({ transitEncryptionEnabled: true, transitEncryptionMode: "required", atRestEncryptionEnabled: true });
    expect(group.authToken).toBeDefined();
  });

  it("keeps Redis in the private subnets, reachable on 6379 from the tasks only", () => {
    const run = getRun();
    const group = oneOf(run, REPLICATION_GROUP).inputs;
    expect(group.securityGroupIds).toEqual([REDIS_GROUP_ID]);
    const subnetGroup = oneOf(run, "aws:elasticache/subnetGroup:SubnetGroup");
    expect(subnetGroup.inputs.subnetIds).toEqual(["subnet-0000000000000000a", "subnet-0000000000000000b"]);
    expect(group.subnetGroupName).toBe(subnetGroup.name);
    const ingress = rulesOn(run, REDIS_GROUP_ID, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress).toEqual([expect.objectContaining({ ipProtocol: "tcp", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: SERVICE_GROUP_ID })]);
    expect(ingress[0].cidrIpv4).toBeUndefined();
    // Nothing leaves the Redis group: a group declared without rules has no egress at all.
    expect(rulesOn(run, REDIS_GROUP_ID, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
  });

  it("hands the AUTH token to the task only as an ECS secret the execution role may read, generated as letters and digits", () => {
    const run = getRun();
    const container = litellmContainer(run);
    const secret = container.secrets.find((entry: Json) => entry.name === "REDIS_PASSWORD");
    expect(secret?.valueFrom).toMatch(/^arn:aws:secretsmanager:.*:secret:litellm-secrets-redis-auth-token-/);
    expect(Object.keys(plainEnvironment(run))).not.toContain("REDIS_PASSWORD");
    const readable = rolePolicy(run, "execution").Statement.find((statement) => statement.Sid === "ReadInjectedSecrets");
    expect(readable?.Resource).toContain(secret.valueFrom);
    const token = ofType(run, "random:index/randomPassword:RandomPassword").find((password) => password.name === "litellm-secrets-redis-auth-token");
    // ElastiCache: 16 to 128 printable characters, none of @ " /; letters and digits only.
    expect(token?.inputs).toMatchObject({ special: false });
    expect(token?.inputs.length).toBeGreaterThanOrEqual(16);
    expect(token?.inputs.length).toBeLessThanOrEqual(128);
    // The group's token and the injected secret hold the same generated value.
    const version = ofType(run, "aws:secretsmanager/secretVersion:SecretVersion").find((entry) => entry.name === "litellm-secrets-redis-auth-token");
    expect(oneOf(run, REPLICATION_GROUP).inputs.authToken.value).toBe(version?.inputs.secretString.value);
  });

  it("points LiteLLM at the primary endpoint over TLS, and the router at Redis through those variables", () => {
    const run = getRun();
    expect(plainEnvironment(run)).toMatchObject({ REDIS_HOST: MOCK_PRIMARY_ENDPOINT, REDIS_PORT: "6379", REDIS_SSL: "true" });
    expect(renderedConfig(run).router_settings).toMatchObject({
      redis_host: "os.environ/REDIS_HOST",
      redis_port: "os.environ/REDIS_PORT",
      redis_password: "os.environ/REDIS_PASSWORD",
    });
  });

  it("creates no provider-key secret for the Redis variables", () => {
    const providerKeys = Object.keys(getRun().outputs.providerKeySecretArns as Record<string, string>);
    expect(providerKeys.filter((name) => name.startsWith("REDIS_"))).toEqual([]);
  });
}

export function declareNoRedis(getRun: () => StackRun): void {
  it("has no Redis at all: no replication group, no Redis security group or rule, no REDIS_ variable, no redis_ router setting", () => {
    const run = getRun();
    expect(run.resources.filter((resource) => resource.type.startsWith("aws:elasticache/"))).toEqual([]);
    expect(run.resources.filter((resource) => resource.name.includes("redis"))).toEqual([]);
    const container = litellmContainer(run);
    const names = [...container.environment, ...container.secrets].map((entry: Json) => String(entry.name));
    expect(names.filter((name) => name.startsWith("REDIS_"))).toEqual([]);
    expect(Object.keys(renderedConfig(run).router_settings).filter((key) => key.startsWith("redis_"))).toEqual([]);
  });
}
