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

type Json = Record<string, unknown>;

let dev: StackRun;
let ownMasterKey: StackRun;

beforeAll(async () => {
  [dev, ownMasterKey] = await Promise.all([runStack("dev"), runStack("dev", { existingMasterKeySecretArn: MASTER_KEY_ARN })]);
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
