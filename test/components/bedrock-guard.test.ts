/**
 * A catalog's Bedrock models reach the task role as exact IAM resources or stop the program: the
 * catalog's (model, region) pairs (catalogBedrockModels) and ProxyService's up-front refusal of a
 * model the mapping cannot turn into resources (LitellmGateway runs the same check right after
 * rendering, before any resource is declared).
 */
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type * as ProxyServiceModule from "../../components/proxy-service";
import { catalogBedrockModels } from "../../config/catalog/catalog-secrets";
import type { Catalog } from "../../config/catalog/catalog-types";
import { setGuardMocks } from "./guard-mocks";

let proxyService: typeof ProxyServiceModule;

beforeAll(async () => {
  await setGuardMocks();
  proxyService = await import("../../components/proxy-service");
});

const CATALOG: Catalog = {
  aliases: {
    sonnet: {
      deployments: [
        { provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" },
        { provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-west-2" },
      ],
    },
    nova: { deployments: [{ provider: "bedrock", model: "amazon.nova-lite-v1:0", region: "eu-central-1" }] },
    again: { deployments: [{ provider: "bedrock", model: "amazon.nova-lite-v1:0", region: "eu-central-1" }] },
    prodOnly: { deployments: [{ provider: "bedrock", model: "amazon.nova-pro-v1:0", region: "us-east-1" }], stacks: ["prod"] },
    openai: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }] },
  },
};

describe("catalogBedrockModels", () => {
  it("lists each served Bedrock (model, Region) pair once, sorted, and nothing else", () => {
    expect(catalogBedrockModels(CATALOG, "dev")).toEqual([
      { model: "amazon.nova-lite-v1:0", region: "eu-central-1" },
      { model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" },
      { model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-west-2" },
    ]);
    expect(catalogBedrockModels(CATALOG, "prod")).toContainEqual({ model: "amazon.nova-pro-v1:0", region: "us-east-1" });
  });
});

describe("ProxyService", () => {
  const args = {
    subnetIds: ["subnet-0000000000000000a"],
    securityGroupId: "sg-service",
    targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
    // The guard throws before the listener is read.
    listener: undefined as unknown as pulumi.Resource,
    desiredCount: 1,
    cpu: 1024,
    memoryMib: 2048,
    configBucketName: "bucket",
    configObjectKey: "config/abc.yaml",
    configObjectsArn: "arn:aws:s3:::bucket/config/*",
    containerSecrets: [],
    secretArns: [],
    logRetentionDays: 7,
  };

  it("refuses a Bedrock model it cannot map to exact IAM resources, naming the model and the fix", () => {
    expect(
      () =>
        new proxyService.ProxyService("guard-proxy", {
          ...args,
          bedrockModels: [{ model: "converse/anthropic.claude-haiku-4-5-20251001-v1:0", region: "us-east-1" }],
        }),
    ).toThrow(/^ProxyService: Bedrock model "converse\/anthropic\.claude-haiku-4-5-20251001-v1:0" cannot be turned into an exact IAM resource.*config\/catalog\.ts/);
  });
});
