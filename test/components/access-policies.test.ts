/**
 * The IAM and bucket policy documents the components send, built by pure functions in
 * config/access/: the task role's exact Bedrock models, the ECS roles' trust policy and the config
 * bucket's write lock. Table tests, so each AWS rule the documents rest on is one row.
 */
import { describe, expect, it } from "vitest";

import { BEDROCK_INVOKE_ACTIONS, bedrockInvokeStatements, bedrockInvokeTarget, bedrockModelProblem } from "../../config/access/bedrock-permissions";
import { CONFIG_OBJECT_WRITE_ACTIONS, configBucketPolicy, configWriterArns } from "../../config/access/config-bucket-policy";
import { ecsTasksTrustPolicy } from "../../config/access/ecs-trust-policy";

const ACCOUNT = "123456789012";

describe("Bedrock: which catalog models map to which IAM resources", () => {
  it.each([
    ["anthropic.claude-haiku-4-5-20251001-v1:0", { kind: "foundation-model", modelId: "anthropic.claude-haiku-4-5-20251001-v1:0" }],
    ["amazon.nova-lite-v1:0", { kind: "foundation-model", modelId: "amazon.nova-lite-v1:0" }],
    ["meta.llama3-3-70b-instruct-v1:0", { kind: "foundation-model", modelId: "meta.llama3-3-70b-instruct-v1:0" }],
    [
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      { kind: "inference-profile", profileId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0", global: false },
    ],
    ["eu.amazon.nova-pro-v1:0", { kind: "inference-profile", profileId: "eu.amazon.nova-pro-v1:0", modelId: "amazon.nova-pro-v1:0", global: false }],
    ["apac.amazon.nova-micro-v1:0", { kind: "inference-profile", profileId: "apac.amazon.nova-micro-v1:0", modelId: "amazon.nova-micro-v1:0", global: false }],
    ["us-gov.anthropic.claude-3-haiku-20240307-v1:0", { kind: "inference-profile", profileId: "us-gov.anthropic.claude-3-haiku-20240307-v1:0", modelId: "anthropic.claude-3-haiku-20240307-v1:0", global: false }],
    [
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      { kind: "inference-profile", profileId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0", modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0", global: true },
    ],
  ])("%s", (model, target) => {
    expect(bedrockModelProblem(model)).toBeUndefined();
    expect(bedrockInvokeTarget(model)).toEqual(target);
  });

  it.each([
    ["a LiteLLM route prefix", "converse/anthropic.claude-haiku-4-5-20251001-v1:0"],
    ["the invoke route prefix", "invoke/us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["a provisioned-throughput ARN", "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456"],
    ["an application inference profile ARN", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/p7aksl2pa6w7"],
    ["a profile prefix with no provider behind it", "us.claude"],
    ["no provider at all", "claude-sonnet"],
    ["an empty model", ""],
  ])("refuses %s with one line naming the fix", (_, model) => {
    const problem = bedrockModelProblem(model);
    expect(problem).toContain(`Bedrock model "${model}" cannot be turned into an exact IAM resource`);
    expect(problem).toContain("config/catalog.ts");
    expect(() => bedrockInvokeTarget(model)).toThrow(problem);
    expect(() => bedrockInvokeStatements([{ model, region: "us-east-1" }], ACCOUNT)).toThrow(problem);
  });
});

describe("Bedrock: the task role's statements", () => {
  it("grant nothing when the catalog has no Bedrock deployment", () => {
    expect(bedrockInvokeStatements([], ACCOUNT)).toEqual([]);
  });

  it("grant a foundation model in exactly the Region the catalog calls it in, never a wildcard", () => {
    const statements = bedrockInvokeStatements(
      [
        { model: "amazon.nova-lite-v1:0", region: "us-west-2" },
        { model: "amazon.nova-lite-v1:0", region: "eu-central-1" },
      ],
      ACCOUNT,
    );
    expect(statements).toEqual([
      {
        Sid: "InvokeCatalogFoundationModels",
        Effect: "Allow",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        Resource: ["arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-lite-v1:0", "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0"],
      },
    ]);
  });

  it("grant a geographic profile in the calling Region and its model anywhere, only through that profile", () => {
    const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
    const statements = bedrockInvokeStatements([{ model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1" }], ACCOUNT);
    expect(statements).toEqual([
      { Sid: "InvokeCatalogInferenceProfiles", Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: [profileArn] },
      {
        Sid: "InvokeModelBehindCatalogProfile1",
        Effect: "Allow",
        Action: [...BEDROCK_INVOKE_ACTIONS],
        Resource: ["arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn] } },
      },
    ]);
  });

  it("add the Region-less foundation-model ARN Bedrock checks for a global profile", () => {
    const [, behind] = bedrockInvokeStatements([{ model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "eu-west-1" }], ACCOUNT);
    expect(behind.Resource).toEqual([
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
      "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
    ]);
    expect(behind.Condition).toEqual({
      StringEquals: { "bedrock:InferenceProfileArn": [`arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0`] },
    });
  });

  it("keep each profile's model behind that profile only (no cross-product), in another partition too", () => {
    const statements = bedrockInvokeStatements(
      [
        { model: "us.amazon.nova-pro-v1:0", region: "us-east-1" },
        { model: "us.anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1" },
        { model: "us.amazon.nova-pro-v1:0", region: "us-east-1" },
      ],
      ACCOUNT,
      "aws-us-gov",
    );
    const behind = statements.filter((statement) => statement.Condition !== undefined);
    expect(behind.map((statement) => [statement.Sid, statement.Resource, statement.Condition?.StringEquals["bedrock:InferenceProfileArn"]])).toEqual([
      [
        "InvokeModelBehindCatalogProfile1",
        ["arn:aws-us-gov:bedrock:*::foundation-model/amazon.nova-pro-v1:0"],
        [`arn:aws-us-gov:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-pro-v1:0`],
      ],
      [
        "InvokeModelBehindCatalogProfile2",
        ["arn:aws-us-gov:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"],
        [`arn:aws-us-gov:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0`],
      ],
    ]);
    // IAM statement ids: ASCII letters and digits only, unique within the policy.
    const sids = statements.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.every((sid) => /^[A-Za-z0-9]+$/.test(sid))).toBe(true);
  });
});

describe("ECS roles' trust policy", () => {
  it("trusts ECS tasks of this account and Region only, as the ECS task IAM role guide shows", () => {
    expect(ecsTasksTrustPolicy({ accountId: ACCOUNT, partition: "aws", region: "eu-west-1" })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcsTasksOfThisAccountAndRegion",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            ArnLike: { "aws:SourceArn": `arn:aws:ecs:eu-west-1:${ACCOUNT}:*` },
            StringEquals: { "aws:SourceAccount": ACCOUNT },
          },
        },
      ],
    });
  });

  it("follows the partition (GovCloud, China)", () => {
    const policy = ecsTasksTrustPolicy({ accountId: ACCOUNT, partition: "aws-cn", region: "cn-north-1" }) as { Statement: { Condition: { ArnLike: Record<string, string> } }[] };
    expect(policy.Statement[0].Condition.ArnLike["aws:SourceArn"]).toBe(`arn:aws-cn:ecs:cn-north-1:${ACCOUNT}:*`);
  });
});

describe("config bucket policy", () => {
  const bucketArn = "arn:aws:s3:::litellm-config-bucket-0a1b2c";

  it.each([
    ["a deploy role (getSessionContext's issuerArn, path kept)", `arn:aws:iam::${ACCOUNT}:role/ci/litellm-deploy`],
    ["an IAM user", `arn:aws:iam::${ACCOUNT}:user/alice`],
  ])("lets only %s and the account root write config objects", (_, deployerArn) => {
    expect(configWriterArns({ deployerArn, accountId: ACCOUNT, partition: "aws" })).toEqual([deployerArn, `arn:aws:iam::${ACCOUNT}:root`].sort());
  });

  it("refuses an STS session ARN, which aws:PrincipalArn never equals (the deployer would lock itself out)", () => {
    expect(() =>
      configWriterArns({ deployerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/litellm-deploy/session`, accountId: ACCOUNT, partition: "aws" }),
    ).toThrow(/STS session ARN.*getSessionContext/);
  });

  it("keeps TLS-only and denies every object write to anyone else", () => {
    const policy = configBucketPolicy(bucketArn, { deployerArn: `arn:aws:iam::${ACCOUNT}:role/litellm-deploy`, accountId: ACCOUNT, partition: "aws" });
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "DenyConfigWritesExceptDeployer",
          Effect: "Deny",
          Principal: "*",
          Action: [...CONFIG_OBJECT_WRITE_ACTIONS],
          Resource: [`${bucketArn}/*`],
          Condition: { ArnNotEquals: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/litellm-deploy`, `arn:aws:iam::${ACCOUNT}:root`] } },
        },
      ],
    });
  });

  it("covers overwrite, delete, ACL, tags and object lock, but never reads", () => {
    expect(CONFIG_OBJECT_WRITE_ACTIONS).toEqual(
      expect.arrayContaining(["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectTagging", "s3:PutObjectRetention"]),
    );
    expect(CONFIG_OBJECT_WRITE_ACTIONS.filter((action) => /^s3:(Get|List)/.test(action))).toEqual([]);
  });
});
