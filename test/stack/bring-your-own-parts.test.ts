/**
 * Bring your own parts (issue 15, item 2) under the real program: each part the stack would create
 * is left out when the stack file names an existing one, the task gets its values from it, and the
 * execution role may read exactly what the task is given.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { litellmContainer, ofType, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const MASTER_KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/litellm-master-key-AbCdEf";
const ECR_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:v1.108.7";
const MIRROR_IMAGE = `registry.example.com/mirror/litellm@sha256:${"0123456789abcdef".repeat(4)}`;

type Json = Record<string, unknown>;

let dev: StackRun;
let ownMasterKey: StackRun;
let ecrImage: StackRun;
let mirrorImage: StackRun;

beforeAll(async () => {
  [dev, ownMasterKey, ecrImage, mirrorImage] = await Promise.all([
    runStack("dev"),
    runStack("dev", { existingMasterKeySecretArn: MASTER_KEY_ARN }),
    runStack("dev", { image: ECR_IMAGE }),
    runStack("dev", { image: MIRROR_IMAGE }),
  ]);
});

function containerSecret(run: StackRun, name: string): string | undefined {
  return (litellmContainer(run).secrets as { name: string; valueFrom: string }[]).find((secret) => secret.name === name)?.valueFrom;
}

function readableSecrets(run: StackRun): string[] {
  const statement = rolePolicy(run, "execution").Statement.find((candidate) => candidate.Sid === "ReadInjectedSecrets");
  return [...((statement?.Resource as string[] | undefined) ?? [])];
}

describe("existingMasterKeySecretArn", () => {
  it("generates no master key and creates no secret for it", () => {
    const names = (run: StackRun, type: string) => ofType(run, type).map((resource) => resource.name);
    expect(names(dev, PASSWORD)).toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, PASSWORD)).not.toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, SECRET)).not.toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, SECRET)).toHaveLength(names(dev, SECRET).length - 1);
  });

  it("injects LITELLM_MASTER_KEY from the given secret, which the execution role may read", () => {
    expect(containerSecret(ownMasterKey, "LITELLM_MASTER_KEY")).toBe(MASTER_KEY_ARN);
    expect(readableSecrets(ownMasterKey)).toContain(MASTER_KEY_ARN);
    // Still exactly the injected secrets: the generated one's ARN is gone with it.
    const injected = (litellmContainer(ownMasterKey).secrets as Json[]).map((secret) => secret.valueFrom as string);
    expect(readableSecrets(ownMasterKey).sort()).toEqual([...injected].sort());
  });

  it("exports the given ARN as masterKeySecretArn, and no redeploy trigger for a value the stack does not write", () => {
    expect(ownMasterKey.outputs.masterKeySecretArn).toBe(MASTER_KEY_ARN);
    const service = ofType(ownMasterKey, "aws:ecs/service:Service")[0];
    expect(Object.keys(service.inputs.triggers as Json)).not.toContain("LITELLM_MASTER_KEY");
  });
});

describe("image", () => {
  it("runs the given image instead of the official one", () => {
    expect(litellmContainer(dev).image).toBe("ghcr.io/berriai/litellm:v1.108.7");
    expect(litellmContainer(ecrImage).image).toBe(ECR_IMAGE);
    expect(litellmContainer(mirrorImage).image).toBe(MIRROR_IMAGE);
  });

  it("an ECR image: the execution role logs in to ECR and pulls from that one repository only", () => {
    const statements = rolePolicy(ecrImage, "execution").Statement;
    expect(statements.find((statement) => statement.Sid === "EcrLogin")).toEqual({
      Sid: "EcrLogin",
      Effect: "Allow",
      Action: ["ecr:GetAuthorizationToken"],
      Resource: "*",
    });
    const pull = statements.find((statement) => statement.Sid === "PullLitellmImage");
    expect(pull?.Resource).toEqual(["arn:aws:ecr:us-east-1:123456789012:repository/ghcr/berriai/litellm"]);
    expect([...(pull?.Action as string[])].sort()).toEqual([
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:BatchImportUpstreamImage",
      "ecr:GetDownloadUrlForLayer",
    ]);
    // Nothing else changed in the role: the log and secret statements stay as they are.
    expect(statements).toHaveLength(rolePolicy(dev, "execution").Statement.length + 2);
  });

  it("another registry, and the official image: no ECR permission at all", () => {
    for (const run of [dev, mirrorImage]) {
      expect(JSON.stringify(rolePolicy(run, "execution"))).not.toContain("ecr:");
    }
  });
});
