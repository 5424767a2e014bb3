/**
 * `@default` in the TSDoc of components/ and config/ means one thing: the arg is optional and the
 * code uses this literal value when it is left out (a number, a quoted string, true, false, {} or
 * []). What happens without a required arg, or without an optional one that has no default, is
 * said in prose; a constant's name would let the doc and the value drift apart unseen.
 * Folders are read recursively, so the check survives a move into subfolders.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "./stack-harness";

const FOLDERS = ["components", "config"];
/** A literal: a number, a double-quoted string, a boolean, an empty object or an empty array. */
const LITERAL = /^(-?\d+(\.\d+)?|"[^"]*"|true|false|\{\}|\[\])$/;
/** An optional property declaration: `readonly name?:` or `name?:`. */
const OPTIONAL_PROPERTY = /^\s*(readonly\s+)?\w+\?:/;

interface DefaultTag {
  readonly where: string;
  readonly value: string;
  /** The first code line after the comment that holds the tag. */
  readonly declaration: string;
}

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => path.join(folder, file)),
  );
}

function defaultTags(file: string): DefaultTag[] {
  const lines = readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n");
  const tags: DefaultTag[] = [];
  lines.forEach((line, index) => {
    const match = /@default\s+(.*?)\s*(\*\/)?\s*$/.exec(line);
    if (match === null) {
      return;
    }
    const closing = lines.findIndex((candidate, at) => at >= index && candidate.includes("*/"));
    const declaration = lines.slice(closing + 1).find((candidate) => candidate.trim() !== "") ?? "";
    tags.push({ where: `${file}:${index + 1}`, value: match[1], declaration: declaration.trim() });
  });
  return tags;
}

const TAGS = sourceFiles().flatMap(defaultTags);

describe("@default tags in components/ and config/", () => {
  it("finds the tags it checks", () => {
    expect(TAGS.length).toBeGreaterThan(0);
  });

  it("gives each a literal value", () => {
    expect(TAGS.filter((tag) => !LITERAL.test(tag.value)).map((tag) => `${tag.where}: @default ${tag.value}`)).toEqual([]);
  });

  it("puts each on an optional property", () => {
    expect(TAGS.filter((tag) => !OPTIONAL_PROPERTY.test(tag.declaration)).map((tag) => `${tag.where}: ${tag.declaration}`)).toEqual([]);
  });
});
