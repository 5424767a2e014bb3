/**
 * Reads and parses a YAML file a user hands in. Every way it can be wrong (missing, a directory,
 * unreadable, a syntax error, a duplicate key) throws one InputFileError with the file, the line and
 * column where YAML knows them, and the fix; nothing else escapes.
 */
import { readFileSync } from "node:fs";

import { isMap, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";

import { InputFileError } from "./input-file-error";
import type { FilePosition } from "./input-file-error";

/** A parsed file that can say where each of its nodes is. */
export interface YamlFile {
  readonly file: string;
  readonly document: Document;
  /** The line and column where `node` starts, or undefined for a node not from the file. */
  positionOf(node: Node | null | undefined): FilePosition | undefined;
}

/**
 * The text of `file`. `expected` says what the file should be, for the fix (e.g. "a stack file
 * shaped like Pulumi.dev.yaml").
 */
export function readInputText(file: string, expected: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new InputFileError(file, "no such file", `pass the path of ${expected}`);
    }
    if (code === "EISDIR") {
      throw new InputFileError(file, "is a directory, not a file", `pass the path of ${expected}, not a folder`);
    }
    if (code === "EACCES" || code === "EPERM") {
      throw new InputFileError(file, "cannot be read (permission denied)", `make it readable: chmod u+r ${file}`);
    }
    throw new InputFileError(file, `cannot be read (${code ?? (error as Error).message})`, `pass the path of ${expected}`);
  }
}

/** YAML's own words, minus the position (the error says it first) and the library's API advice. */
function yamlProblem(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS") {
    return "more than one YAML document (a second `---`)";
  }
  const firstLine = message.split("\n")[0] ?? message;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`;
}

/** The key written at a position, e.g. `aws:region` in `  aws:region: us-east-1`. */
function keyAt(text: string, position: FilePosition): string | undefined {
  const line = text.split(/\r?\n/)[position.line - 1] ?? "";
  return /^("[^"]*"|'[^']*'|[^\s#][^#]*?)\s*:(?:\s|$)/.exec(line.slice(position.column - 1))?.[1];
}

/** Reads `file` and parses it as one YAML document; see the module comment for what it throws. */
export function readYamlFile(file: string, expected: string): YamlFile {
  const text = readInputText(file, expected);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, lineCounter, prettyErrors: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const start = error.linePos?.[0];
    const position = start === undefined ? undefined : { line: start.line, column: start.col };
    if (error.code === "DUPLICATE_KEY") {
      const key = position === undefined ? undefined : keyAt(text, position);
      throw new InputFileError(
        file,
        key === undefined ? "a key appears twice in one mapping" : `duplicate key ${key}`,
        key === undefined ? "keep one entry for the key and delete the other" : `keep one \`${key}:\` line and delete the other`,
        position,
      );
    }
    throw new InputFileError(file, yamlProblem(error.code, error.message), "correct the YAML at that line and column", position);
  }
  return {
    file,
    document,
    positionOf(node) {
      const offset = node?.range?.[0];
      if (offset === undefined) {
        return undefined;
      }
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

/** What a node is, in a reader's words: for "found a list" in a wrong-type error. */
export function describeNode(node: unknown): string {
  if (isMap(node)) {
    return "a mapping";
  }
  const json: unknown = (node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? node;
  if (Array.isArray(json)) {
    return "a list";
  }
  return json === null || json === undefined ? "empty" : `the ${typeof json} ${JSON.stringify(json)}`;
}
