/**
 * A provider key in plain text in a stack file is refused, before anything is created, by the
 * offline runner (so `npm run plan`) and by the program itself under `pulumi up`; the message names
 * the key, the file and the fix, and never repeats the value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { plainTextProviderKeyProblem, plainTextProviderKeys } from "../../config/settings/plain-text-provider-keys";
import { REPO_ROOT } from "../../offline/run-stack-offline";
import { runTsx } from "../tsx-child";

const PLAIN_VALUE = "sk-proj-PLAINTEXTVALUE0123456789abcdef";
const ENCRYPTED = { secure: "v1:AAAABBBBCCCC" };

describe("plainTextProviderKeys", () => {
  it.each([
    ["a key set without --secret", { "litellm-gateway:OPENAI_API_KEY": PLAIN_VALUE }, ["OPENAI_API_KEY"]],
    ["a key set with --secret", { "litellm-gateway:OPENAI_API_KEY": ENCRYPTED }, []],
    ["an empty plain value", { "litellm-gateway:ANTHROPIC_API_KEY": "" }, ["ANTHROPIC_API_KEY"]],
    ["a plain object without secure", { "litellm-gateway:OPENAI_API_KEY": { value: PLAIN_VALUE } }, ["OPENAI_API_KEY"]],
    ["settings (lower case) in plain text", { "litellm-gateway:desiredCount": 1, "litellm-gateway:hostedZone": "example.com" }, []],
    ["another namespace's upper-case key", { "aws:ACCESS_KEY": PLAIN_VALUE }, []],
    [
      "several, reported sorted",
      { "litellm-gateway:OPENAI_API_KEY": PLAIN_VALUE, "litellm-gateway:ANTHROPIC_API_KEY": PLAIN_VALUE, "litellm-gateway:AZURE_API_KEY": ENCRYPTED },
      ["ANTHROPIC_API_KEY", "OPENAI_API_KEY"],
    ],
  ])("%s", (_case, config, expected) => {
    expect(plainTextProviderKeys(config)).toEqual(expected);
  });

  it("names the key, the file and the fix command", () => {
    expect(plainTextProviderKeyProblem("OPENAI_API_KEY", "dev", "Pulumi.dev.yaml")).toMatch(
      /^litellm-gateway:OPENAI_API_KEY is written in plain text in Pulumi\.dev\.yaml.*Fix: pulumi config set --stack dev --secret OPENAI_API_KEY .*revoke/,
    );
  });
});

/** dev's committed stack file with OPENAI_API_KEY appended in plain text, in a fresh directory. */
function devWithPlainKey(): { directory: string; file: string } {
  const directory = mkdtempSync(path.join(tmpdir(), "plain-key-"));
  const file = path.join(directory, "Pulumi.dev.yaml");
  writeFileSync(file, `${readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8")}  litellm-gateway:OPENAI_API_KEY: ${PLAIN_VALUE}\n`);
  return { directory, file };
}

describe("a plain-text provider key in the stack file", () => {
  it("stops npm run plan with one explained refusal, exit 1, without the value", async () => {
    const { file } = devWithPlainKey();
    const result = await runTsx(path.join(REPO_ROOT, "scripts", "plan.ts"), ["--stack", "dev", "--stack-file", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("litellm-gateway:OPENAI_API_KEY is written in plain text in Pulumi.dev.yaml");
    expect(result.stderr).toContain("pulumi config set --stack dev --secret OPENAI_API_KEY");
    expect(result.stderr).not.toContain(PLAIN_VALUE);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops the program itself, as pulumi up runs it (the stack file beside the program), before any resource", async () => {
    const { directory } = devWithPlainKey();
    // The runner reads the clean committed file; the program reads the one in its working directory.
    const script = path.join(directory, "run-in-project-directory.ts");
    writeFileSync(
      script,
      [
        `import { runStack } from ${JSON.stringify(path.join(REPO_ROOT, "offline", "run-stack-offline"))};`,
        `process.chdir(${JSON.stringify(directory)});`,
        `runStack("dev", {}, { stackFile: ${JSON.stringify(path.join(REPO_ROOT, "Pulumi.dev.yaml"))} }).then(`,
        `  (run) => { process.stdout.write(String(run.resources.length)); process.exit(0); },`,
        `  (error: unknown) => { process.stderr.write(error instanceof Error ? error.message : String(error)); process.exit(1); },`,
        `);`,
      ].join("\n"),
    );
    const result = await runTsx(script, []);
    expect(result.stderr).toContain("litellm-gateway:OPENAI_API_KEY is written in plain text in Pulumi.dev.yaml");
    expect(result.stderr).not.toContain(PLAIN_VALUE);
    expect(result.code).toBe(1);
  });
});
