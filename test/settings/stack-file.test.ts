/**
 * Stack files fail like a compiler: every way a file can be wrong is one InputFileError whose one
 * line names the file (repo-relative), the line and column where YAML knows them, and the fix.
 * In-process and cheap; test/cli/bad-input-files.test.ts checks the same through each script.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type * as NodeFs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";

import { displayPath, InputFileError, withoutRepoRoot } from "../../config/settings/input-file-error";
import { readInputText } from "../../config/settings/read-yaml-file";
import { availableStacks, locateSettingProblem, readStackFile, StackFileNotFoundError } from "../../config/settings/stack-file";
import { REPO_ROOT } from "../../offline/run-stack-offline";

/** A file name that reads as permission denied: root (as in CI containers) can read any file. */
const UNREADABLE = "unreadable.yaml";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const readFileSync = ((file: string, ...rest: unknown[]) => {
    if (String(file).endsWith(UNREADABLE)) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES" });
    }
    return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof NodeFs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const FIXTURES = path.join(REPO_ROOT, "test", "cli", "fixtures");
const directory = mkdtempSync(path.join(tmpdir(), "stack-file-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function fileWith(name: string, text: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
}

/** The error readStackFile throws for `file`; fails the test when it throws nothing or something else. */
function failureOf(file: string): InputFileError {
  try {
    readStackFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return error as InputFileError;
  }
  throw new Error(`${file} was read without an error`);
}

describe("readStackFile refuses a broken file with one line: file:line:col, the problem, the fix", () => {
  it.each([
    ["duplicate-key.yaml", { line: 5, column: 3 }, /duplicate key aws:region\. Fix: keep one `aws:region:` line and delete the other$/],
    ["yaml-syntax-error.yaml", { line: 5, column: 1 }, /YAML syntax error: Flow sequence .* end with a \]\. Fix: correct the YAML at that line and column$/],
    ["config-not-a-mapping.yaml", { line: 3, column: 3 }, /`config:` is a list, not a mapping of keys to values\. Fix: write one `namespace:key: value` per line/],
  ])("%s", (name, position, problem) => {
    const error = failureOf(path.join(FIXTURES, name));
    expect(error.position).toEqual(position);
    // Repo-relative: a reader's path, not this machine's.
    expect(error.message.startsWith(`test/cli/fixtures/${name}:${position.line}:${position.column}: `)).toBe(true);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain("\n");
  });

  it("a missing file: no position, the path as given, and what to pass instead", () => {
    const error = failureOf("no-such-dir/Pulumi.try.yaml");
    expect(error.message).toBe("no-such-dir/Pulumi.try.yaml: no such file. Fix: pass the path of a stack file shaped like Pulumi.dev.yaml");
  });

  it("a directory", () => {
    const folder = path.join(directory, "a-folder");
    mkdirSync(folder);
    expect(failureOf(folder).message).toBe(`${folder}: is a directory, not a file. Fix: pass the path of a stack file shaped like Pulumi.dev.yaml, not a folder`);
  });

  it("an unreadable file", () => {
    const file = fileWith(UNREADABLE, "config: {}\n");
    expect(failureOf(file).message).toBe(`${file}: cannot be read (permission denied). Fix: make it readable: chmod u+r ${file}`);
  });

  it("more than one document, in words that do not name the YAML library's API", () => {
    const error = failureOf(fileWith("two-docs.yaml", "config: {}\n---\nconfig: {}\n"));
    expect(error.message).toContain("more than one YAML document");
    expect(error.message).not.toContain("parseAllDocuments");
  });

  it.each([
    ["a list at the top", "- config\n", "the file is a list", { line: 1, column: 1 }],
    ["a scalar at the top", "just text\n", 'the file is the string "just text"', { line: 1, column: 1 }],
    ["config: as text", "config: dev\n", '`config:` is the string "dev"', { line: 1, column: 9 }],
  ])("the wrong shape: %s", (_, text, problem, position) => {
    const error = failureOf(fileWith("shape.yaml", text));
    expect(error.message).toContain(`${problem}, not a mapping of keys to values`);
    expect(error.position).toEqual(position);
  });

  it("an empty file, or one without config:, has an empty config (the settings then say what is missing)", () => {
    expect(readStackFile(fileWith("empty.yaml", "")).config).toEqual({});
    expect(readStackFile(fileWith("no-config.yaml", "encryptionsalt: abc\n")).config).toEqual({});
  });
});

describe("readStackFile on a good file", () => {
  const file = path.join(REPO_ROOT, "Pulumi.prod.yaml");
  const text = readFileSync(file, "utf8");

  it("reads the config: map as YAML types it", () => {
    expect(readStackFile(file).config).toEqual((parse(text) as { config: unknown }).config);
  });

  it("knows where each key is written", () => {
    const lines = text.split("\n");
    const line = lines.findIndex((entry) => entry.startsWith("  litellm-gateway:desiredCount:")) + 1;
    expect(line).toBeGreaterThan(0);
    expect(readStackFile(file).positionOfKey("litellm-gateway:desiredCount")).toEqual({ line, column: 3 });
    expect(readStackFile(file).positionOfKey("litellm-gateway:noSuchKey")).toBeUndefined();
  });

  it("puts file:line:col before a settings problem about a key it sets, the file alone otherwise", () => {
    const stackFile = readStackFile(file);
    const { line } = stackFile.positionOfKey("litellm-gateway:cpu") ?? { line: 0 };
    expect(locateSettingProblem(stackFile, "litellm-gateway:cpu: found 3.")).toBe(`Pulumi.prod.yaml:${line}:3: litellm-gateway:cpu: found 3.`);
    expect(locateSettingProblem(stackFile, "litellm-gateway:typo: unknown setting.")).toBe("Pulumi.prod.yaml: litellm-gateway:typo: unknown setting.");
  });
});

describe("paths fit to print", () => {
  it("inside the repository relative to it, elsewhere as given", () => {
    expect(displayPath(path.join(REPO_ROOT, "out", "dev", "config.yaml"))).toBe("out/dev/config.yaml");
    expect(displayPath("/elsewhere/try.yaml")).toBe("/elsewhere/try.yaml");
    expect(displayPath("try.yaml")).toBe("try.yaml");
    expect(withoutRepoRoot(`Cannot find module '${REPO_ROOT}/config/nope.ts'`)).toBe("Cannot find module 'config/nope.ts'");
  });

  it("an unknown stack lists the known ones and names no absolute path", () => {
    const message = new StackFileNotFoundError("staging").message;
    expect(availableStacks()).toEqual(["dev", "prod"]);
    expect(message).toBe('No stack "staging": Pulumi.staging.yaml does not exist. Available stacks: dev, prod. Fix: pass one of them, e.g. --stack dev.');
  });

  it("readInputText says what the file should be", () => {
    expect(() => readInputText("missing.json", "a JSON plan")).toThrow("missing.json: no such file. Fix: pass the path of a JSON plan");
  });
});
