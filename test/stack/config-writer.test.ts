/**
 * Who may write the config objects LiteLLM loads: the principal running Pulumi by default, or the
 * one configWriterArn names; and the object waits for the policy, so a new writer's first deploy
 * never puts the object before the policy lets it.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { ACCOUNT_ID, DEPLOYER_ROLE_ARN, oneChildOf } from "./stack-harness";
import type { StackRun } from "./stack-harness";
import { runStacksInChildren } from "./stack-runs-in-children";

const CONFIG_BUCKET = "litellm-gateway:index:ConfigBucket";
const CI_DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/litellm-gateway-deploy-prod`;

interface Statement {
  readonly Sid: string;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

function writers(run: StackRun): unknown {
  const policy = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketPolicy:BucketPolicy");
  const statements = (JSON.parse(policy.inputs.policy as string) as { Statement: Statement[] }).Statement;
  return statements.find((statement) => statement.Sid === "DenyConfigWritesExceptDeployer")?.Condition?.ArnNotEquals?.["aws:PrincipalArn"];
}

describe("the config bucket's writer", () => {
  let byCaller: StackRun;
  let named: StackRun;

  beforeAll(async () => {
    [byCaller, named] = await runStacksInChildren([{ stack: "prod" }, { stack: "prod", extraConfig: { configWriterArn: CI_DEPLOY_ROLE } }]);
  });

  it("is the principal running Pulumi when configWriterArn is absent", () => {
    expect(writers(byCaller)).toEqual([DEPLOYER_ROLE_ARN, `arn:aws:iam::${ACCOUNT_ID}:root`].sort());
  });

  it("is configWriterArn when set, whoever runs the preview or deploy", () => {
    expect(DEPLOYER_ROLE_ARN).not.toBe(CI_DEPLOY_ROLE);
    expect(writers(named)).toEqual([CI_DEPLOY_ROLE, `arn:aws:iam::${ACCOUNT_ID}:root`].sort());
  });

  it("puts the config object only after the policy", () => {
    for (const run of [byCaller, named]) {
      const policy = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketPolicy:BucketPolicy");
      const object = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketObjectv2:BucketObjectv2");
      expect(object.dependsOn).toContain(policy.urn);
    }
  });
});
