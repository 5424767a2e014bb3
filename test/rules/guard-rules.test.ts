/**
 * The rules that both the stack settings and the components' argument guards hold to, each one
 * pure function: a table of valid and invalid cases per rule. A component that takes a wrong arg
 * directly (without the settings) is refused by the same function that refuses the setting.
 */
import { describe, expect, it } from "vitest";

import { isWafRateLimit } from "../../config/access/web-acl-rules";
import { namesAreUnique } from "../../config/catalog/catalog-secrets";
import { isReservedEnvName } from "../../config/litellm/reserved-env-names";
import { isStorableConfig } from "../../config/render/config-object-key";
import { isEmailAddress } from "../../config/settings/alarm-email";
import { areAllowedCidrs, isIpv4Cidr } from "../../config/settings/allowed-cidrs";
import { isBackupRetentionDays, storageCanGrow } from "../../config/settings/database-storage";
import { fitsAcmDomainName, isAcmCertificateArn, isDnsName, missingIngressInput } from "../../config/settings/ingress-tls";
import type { IngressInputs } from "../../config/settings/ingress-tls";
import { isRedisNodeCount, isRedisNodeType } from "../../config/settings/redis-nodes";
import { isAutoscalingRange, isTaskCount } from "../../config/settings/service-task-counts";

describe.each([
  [20, 100, true],
  [20, 21, true],
  [100, 100, false],
  [100, 20, false],
])("storageCanGrow(%d GiB, ceiling %d GiB)", (allocated, ceiling, expected) => {
  it(`is ${expected}: storage autoscaling needs a ceiling above the initial size`, () => {
    expect(storageCanGrow(allocated, ceiling)).toBe(expected);
  });
});

describe("isBackupRetentionDays: backups stay on, within RDS's 35 days", () => {
  it.each([1, 7, 35])("accepts %d", (days) => expect(isBackupRetentionDays(days)).toBe(true));
  it.each([0, -1, 36, 7.5, Number.NaN])("refuses %d", (days) => expect(isBackupRetentionDays(days)).toBe(false));
});

describe("Redis: a primary plus up to five replicas, of an ElastiCache node type", () => {
  it.each([1, 2, 6])("accepts %d nodes", (nodes) => expect(isRedisNodeCount(nodes)).toBe(true));
  it.each([0, 7, 2.5, -2])("refuses %d nodes", (nodes) => expect(isRedisNodeCount(nodes)).toBe(false));
  it.each(["cache.t4g.micro", "cache.t4g.small", "cache.r7g.large", "cache.m7g.12xlarge"])("accepts node type %s", (nodeType) =>
    expect(isRedisNodeType(nodeType)).toBe(true),
  );
  it.each(["t4g.small", "cache.t4g", "Cache.T4G.SMALL", "db.t4g.small", "cache.t4g.small "])("refuses node type %j", (nodeType) =>
    expect(isRedisNodeType(nodeType)).toBe(false),
  );
});

describe("isWafRateLimit: 100 to AWS's 2,000,000,000 requests per 5 minutes", () => {
  it.each([100, 2000, 2_000_000_000])("accepts %d", (limit) => expect(isWafRateLimit(limit)).toBe(true));
  it.each([99, 10, 0, 2_000_000_001, 150.5])("refuses %d", (limit) => expect(isWafRateLimit(limit)).toBe(false));
});

describe("task counts and the autoscaling range", () => {
  it.each([1, 2, 50])("a task count of %d is allowed", (count) => expect(isTaskCount(count)).toBe(true));
  it.each([0, 51, 300, 1.5])("a task count of %d is refused", (count) => expect(isTaskCount(count)).toBe(false));
  it.each([
    [1, 2, true],
    [2, 6, true],
    [2, 50, true],
    [2, 2, false],
    [6, 2, false],
    [0, 2, false],
    [2, 51, false],
    [2, 3.5, false],
  ])("autoscaling from %d to %d: %s", (minCount, maxCount, expected) => expect(isAutoscalingRange(minCount, maxCount)).toBe(expected));
});

describe("ingress TLS", () => {
  it.each(["arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012", "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0f0e"])(
    "accepts the ACM certificate ARN %s",
    (arn) => expect(isAcmCertificateArn(arn)).toBe(true),
  );
  it.each(["my-cert", "arn:aws:iam::123456789012:server-certificate/x", "arn:aws:acm:us-east-1:1234:certificate/abc", "arn:aws:acm:us-east-1:123456789012:certificate/X"])(
    "refuses %s as an ACM certificate ARN",
    (arn) => expect(isAcmCertificateArn(arn)).toBe(false),
  );
  it.each(["gateway.example.com", "example.com", "a-b.c.example.org"])("accepts %s as one host name", (name) => expect(isDnsName(name)).toBe(true));
  it.each(["*.example.com", "Gateway.example.com", "gateway.example.com.", "gateway", ""])("refuses %j as one host name", (name) =>
    expect(isDnsName(name)).toBe(false),
  );
  it.each([
    ["a 64-character name", `${"a".repeat(52)}.example.com`, true],
    ["a 65-character name", `${"a".repeat(53)}.example.com`, false],
  ])("ACM issues a certificate for %s: %s", (_label, name, expected) => expect(fitsAcmDomainName(name)).toBe(expected));

  const none: IngressInputs = { certificate: false, domainName: false, aliasZone: false };
  it.each<[string, IngressInputs, ReturnType<typeof missingIngressInput>]>([
    ["plain HTTP (nothing)", none, undefined],
    ["a certificate alone", { ...none, certificate: true }, undefined],
    ["a certificate and its name", { ...none, certificate: true, domainName: true }, undefined],
    ["a certificate, its name and the alias zone", { certificate: true, domainName: true, aliasZone: true }, undefined],
    ["a name without a certificate", { ...none, domainName: true }, "certificate"],
    ["an alias zone without a name", { ...none, certificate: true, aliasZone: true }, "domainName"],
  ])("%s: missing %s", (_label, inputs, expected) => expect(missingIngressInput(inputs)).toBe(expected));
});

describe("allowed CIDRs: at least one IPv4 block", () => {
  it.each(["0.0.0.0/0", "203.0.113.0/24", "10.0.0.1/32"])("%s is an IPv4 CIDR", (cidr) => expect(isIpv4Cidr(cidr)).toBe(true));
  it.each(["256.0.0.0/8", "10.0.0.0/33", "10.0.0.0", "::/0", "10.0.0/8", "010.0.0.0/8"])("%s is not", (cidr) => expect(isIpv4Cidr(cidr)).toBe(false));
  it.each<[readonly string[], boolean]>([
    [["0.0.0.0/0"], true],
    [["203.0.113.0/24", "198.51.100.0/24"], true],
    [[], false],
    [["203.0.113.0/24", "office"], false],
    // Host bits set: not the block it looks like (the AWS provider refuses it in a rule).
    [["10.0.0.1/16"], false],
  ])("%j: %s", (cidrs, expected) => expect(areAllowedCidrs(cidrs)).toBe(expected));
});

describe("isEmailAddress: the alarm topic's subscriber", () => {
  it.each(["oncall@example.com", "first.last+alerts@sub.example.org"])("accepts %s", (email) => expect(isEmailAddress(email)).toBe(true));
  it.each(["oncall", "oncall@", "@example.com", "on call@example.com", "oncall@example"])("refuses %j", (email) => expect(isEmailAddress(email)).toBe(false));
});

describe("provider key names the secrets hold", () => {
  it.each(["LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "DATABASE_PASSWORD", "DATABASE_URL", "REDIS_PASSWORD", "LITELLM_LOG", "AWS_SECRET_ACCESS_KEY"])(
    "%s is reserved for the gateway, LiteLLM or the AWS SDK",
    (name) => expect(isReservedEnvName(name)).toBe(true),
  );
  it.each(["PATH", "HOME", "LD_PRELOAD", "PYTHONPATH", "HTTPS_PROXY", "SSL_CERT_FILE", "ECS_CONTAINER_METADATA_URI_V4", "PRISMA_QUERY_ENGINE_BINARY", "UI_PASSWORD", "NO_DOCS", "REDIS_SSL"])(
    "%s is reserved for the OS, the runtime or the task",
    (name) => expect(isReservedEnvName(name)).toBe(true),
  );
  it.each(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "MY_AWS_KEY", "DATABASE_HOST_X"])("%s is free", (name) => expect(isReservedEnvName(name)).toBe(false));
  it.each<[readonly string[], boolean]>([
    [[], true],
    [["OPENAI_API_KEY", "ANTHROPIC_API_KEY"], true],
    [["OPENAI_API_KEY", "OPENAI_API_KEY"], false],
  ])("%j has each name once: %s", (names, expected) => expect(namesAreUnique(names)).toBe(expected));
});

describe("isStorableConfig: a rendered config.yaml worth uploading", () => {
  it.each(["model_list: []\n", "litellm_settings: {}\n"])("accepts %j", (yaml) => expect(isStorableConfig(yaml)).toBe(true));
  it.each(["", "   ", "\n\n"])("refuses %j", (yaml) => expect(isStorableConfig(yaml)).toBe(false));
});
