/**
 * The program under `pulumi up` reads Pulumi.<stack>.yaml beside it (for the plain-text provider
 * key check): a broken file stops it with the same one-line InputFileError as the scripts, not a
 * YAML library trace. In-process: the check runs before any resource, so no stack run is needed.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { afterAll, expect, it } from "vitest";

import { readProviderKeyValues } from "../../config/settings/load-stack-settings";
import { REPO_ROOT } from "../../offline/run-stack-offline";

const STACK = "broken";
const directory = mkdtempSync(path.join(tmpdir(), "program-stack-file-"));
const originalCwd = process.cwd();
afterAll(() => {
  process.chdir(originalCwd);
  rmSync(directory, { recursive: true, force: true });
});

it("a stack file with a duplicate key stops the program with file:line:col and the fix", async () => {
  copyFileSync(path.join(REPO_ROOT, "test", "cli", "fixtures", "duplicate-key.yaml"), path.join(directory, `Pulumi.${STACK}.yaml`));
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: () => ({}) }, "litellm-gateway", STACK, false);
  // `pulumi up` runs the program in the project directory, where the stack file is.
  process.chdir(directory);
  expect(() => readProviderKeyValues()).toThrow(
    expect.objectContaining({
      name: "InputFileError",
      message: `Pulumi.${STACK}.yaml:5:3: duplicate key aws:region. Fix: keep one \`aws:region:\` line and delete the other`,
    }),
  );
});
