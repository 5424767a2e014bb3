/**
 * Custom LiteLLM settings under the real program (dev): the uploaded config.yaml carries the merged
 * sections, the task has the extra environment and the extra secrets (by reference), and the
 * execution role may read exactly the extra secrets besides the stack's own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { litellmContainer, oneOf, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const EXTRA_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:langfuse-AbCdEf";

let plain: StackRun;
let custom: StackRun;

beforeAll(async () => {
  [plain, custom] = await Promise.all([
    runStack("dev"),
    runStack("dev", {
      routerSettings: JSON.stringify({ model_group_alias: { "gpt-4": "gpt-4o" } }),
      litellmSettings: JSON.stringify({ success_callback: ["langfuse"], callback_settings: { langfuse: { secret_key: "os.environ/LANGFUSE_SECRET_KEY" } } }),
      extraEnvironment: JSON.stringify({ LANGFUSE_HOST: "https://cloud.langfuse.com" }),
      extraSecrets: JSON.stringify({ LANGFUSE_SECRET_KEY: EXTRA_SECRET_ARN }),
    }),
  ]);
});

function configOf(run: StackRun): Record<string, Record<string, unknown>> {
  return parse(String(oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content)) as Record<string, Record<string, unknown>>;
}

describe("custom LiteLLM settings", () => {
  it("the uploaded config.yaml has the custom keys merged over the rendered sections, which are unchanged", () => {
    const before = configOf(plain);
    const after = configOf(custom);
    expect(after.router_settings).toEqual({ ...before.router_settings, model_group_alias: { "gpt-4": "gpt-4o" } });
    expect(after.litellm_settings).toEqual({
      ...before.litellm_settings,
      success_callback: ["langfuse"],
      callback_settings: { langfuse: { secret_key: "os.environ/LANGFUSE_SECRET_KEY" } },
    });
    expect(after.general_settings).toEqual(before.general_settings);
    expect(after.model_list).toEqual(before.model_list);
  });

  it("the task gets the extra environment as plain variables and the extra secret by reference", () => {
    const container = litellmContainer(custom);
    expect(container.environment).toContainEqual({ name: "LANGFUSE_HOST", value: "https://cloud.langfuse.com" });
    expect(container.secrets).toContainEqual({ name: "LANGFUSE_SECRET_KEY", valueFrom: EXTRA_SECRET_ARN });
    expect(container.secrets).toHaveLength(litellmContainer(plain).secrets.length + 1);
  });

  it("the execution role may read the extra secret, and the stack's own ones as before", () => {
    const readable = (run: StackRun) => rolePolicy(run, "execution").Statement.find((statement) => statement.Sid === "ReadInjectedSecrets")?.Resource as string[];
    expect(readable(custom)).toEqual([...readable(plain), EXTRA_SECRET_ARN]);
  });

  it("no provider-key secret is created for the extra secret's name", () => {
    expect(Object.keys(custom.outputs.providerKeySecretArns as Record<string, string>)).toEqual(Object.keys(plain.outputs.providerKeySecretArns as Record<string, string>));
  });
});
