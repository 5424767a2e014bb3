/**
 * The ECS container runs with a read-only root filesystem and only WRITABLE_PATHS writable
 * (config/litellm/container-filesystem.ts, the list the task definition's volumes and mountPoints
 * are built from). Here the pinned LiteLLM starts with the task's own command and environment
 * (startLitellm) inside a mount namespace where / is read-only and exactly those paths are empty
 * tmpfs mounts, serves a chat completion through the fake provider, and fails to start without
 * them, so a writable path lost from the list would fail this suite.
 *
 * What this proves, and what not: LiteLLM here is the release installed from PyPI into .venv, not
 * the image. It proves what the release's own Python code writes on the way to serving (the
 * proxy, its workers, config loading, routing, the packaged UI), which is the same code the image
 * runs. It does not prove the image's own additions: its entrypoint script (which only execs
 * `litellm`), and above all the database start-up (Prisma's `migrate deploy` with the engines
 * baked into the image), which no test here can run because Prisma's engines cannot be downloaded
 * on these machines. A first deployment would show a missing path there as a task that never turns
 * healthy, and the deployment circuit breaker rolls back to the previous task definition.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { WRITABLE_PATHS } from "../../config/litellm/container-filesystem";
import { MASTER_KEY_ENV, READINESS_PATH, SALT_KEY_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { REPO_ROOT } from "./e2e-prerequisites";
import { FAKE_REPLY_TEXT, startFakeProvider } from "./fake-provider";
import type { FakeProvider } from "./fake-provider";
import { startLitellm } from "./litellm-launcher";
import type { LaunchOptions, RunningProxy } from "./litellm-launcher";
import { canWriteInSandbox, readOnlyRootPrefix } from "./read-only-root-sandbox";
import { buildTestCatalog, PROVIDER_KEY_ENVS } from "./test-catalog";

const DECLARED = WRITABLE_PATHS.map((writable) => writable.containerPath);

function secretKey(): string {
  return `sk-${randomBytes(24).toString("hex")}`;
}

describe("LiteLLM on the container's read-only root filesystem", () => {
  // Outside every declared path (a tmpfs hides what is below it), read-only inside the sandbox
  // like the image's /app; the task itself reads its config from S3 into memory.
  const configParent = path.join(REPO_ROOT, ".cache", "read-only-root");
  const masterKey = secretKey();
  let fake: FakeProvider;
  let launch: Omit<LaunchOptions, "commandPrefix">;
  let configDirectory: string;

  beforeAll(async () => {
    mkdirSync(configParent, { recursive: true });
    configDirectory = mkdtempSync(path.join(configParent, "run-"));
    fake = await startFakeProvider();
    const rendered = renderLitellmConfig(buildTestCatalog(fake.origin), { stack: "e2e" });
    const providerKeys = Object.fromEntries(Object.values(PROVIDER_KEY_ENVS).map((name) => [name, `${name.toLowerCase()}-${randomBytes(8).toString("hex")}`]));
    launch = {
      configYaml: rendered.yaml,
      secretEnvNames: rendered.secretEnvNames,
      secrets: { [MASTER_KEY_ENV]: masterKey, [SALT_KEY_ENV]: secretKey(), ...providerKeys },
      configParentDirectory: configDirectory,
    };
  });

  afterAll(async () => {
    await fake?.close();
    rmSync(configDirectory, { recursive: true, force: true });
  });

  it("builds the container's filesystem: the root read-only, each declared path writable", () => {
    expect(DECLARED).toContain("/tmp");
    for (const declared of DECLARED) {
      expect(canWriteInSandbox(DECLARED, path.join(declared, "probe")), declared).toBe(true);
    }
    expect(canWriteInSandbox(DECLARED, path.join(configDirectory, "probe"))).toBe(false);
    expect(canWriteInSandbox(DECLARED, "/root/probe")).toBe(false);
    expect(canWriteInSandbox([], "/tmp/probe")).toBe(false);
  });

  it("starts with the task's command and environment and serves a chat completion through the provider", async () => {
    let proxy: RunningProxy | undefined;
    try {
      proxy = await startLitellm({ ...launch, commandPrefix: readOnlyRootPrefix(DECLARED) });
      expect((await fetch(`${proxy.origin}${READINESS_PATH}`)).status).toBe(200);
      const client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: masterKey, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: "openai-chat", messages: [{ role: "user", content: "Say hello." }] });
      expect(completion.choices[0]?.message.content).toBe(FAKE_REPLY_TEXT);
      expect(fake.requests.length).toBeGreaterThan(0);
      // It wrote where it was allowed to and nowhere else, or it would have failed.
      expect(proxy.output()).not.toMatch(/Read-only file system/);
    } finally {
      await proxy?.stop();
    }
  });

  it("does not start at all when /tmp is not writable: a path lost from the list fails this suite", async () => {
    const withoutTmp = DECLARED.filter((declared) => declared !== "/tmp");
    await expect(startLitellm({ ...launch, commandPrefix: readOnlyRootPrefix(withoutTmp) })).rejects.toThrow(
      /exited during start-up[\s\S]*No usable temporary directory found/,
    );
  });
});
