/**
 * Stack files (Pulumi.<stack>.yaml): which stacks exist, and the `config:` map of one, read the way
 * every entry point reads it (the program under `pulumi up`, render, plan, the offline runner), so a
 * broken file fails the same way everywhere: one InputFileError naming the file, line, column and fix.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

import { isMap, isScalar } from "yaml";
import type { Node } from "yaml";

import { displayPath, InputFileError } from "./input-file-error";
import type { FilePosition } from "./input-file-error";
import { describeNode, readYamlFile } from "./read-yaml-file";

/** Where the committed stack files live: the Pulumi project directory. */
const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const STACK_FILE_PATTERN = /^Pulumi\.(.+)\.yaml$/;
/** What a stack file should be, for the fix of every error about one. */
export const STACK_FILE_EXPECTED = "a stack file shaped like Pulumi.dev.yaml";
const CONFIG_KEY = "config";

export interface StackFile {
  readonly file: string;
  /** The `config:` map as YAML types it (`{}` when the file has none). */
  readonly config: Record<string, unknown>;
  /** Where the `config:` entry `key` (with its namespace) is written; undefined when it is not. */
  positionOfKey(key: string): FilePosition | undefined;
}

/** The committed file of a stack name. */
export function committedStackFile(stack: string): string {
  return path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
}

/** Stacks with a committed Pulumi.<stack>.yaml, sorted. */
export function availableStacks(): string[] {
  return readdirSync(PROJECT_DIR)
    .map((file) => STACK_FILE_PATTERN.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** Thrown when there is no stack file for the stack asked for: a typo, not a stack. */
export class StackFileNotFoundError extends Error {
  constructor(readonly stack: string, readonly available: readonly string[] = availableStacks()) {
    super(
      `No stack "${stack}": Pulumi.${stack}.yaml does not exist. ` +
        `Available stacks: ${available.length === 0 ? "none" : available.join(", ")}. Fix: pass one of them, e.g. --stack ${available[0] ?? "dev"}.`,
    );
    this.name = "StackFileNotFoundError";
  }
}

function wrongType(file: string, what: string, node: Node | null | undefined, positionOf: (node: Node | null | undefined) => FilePosition | undefined, fix: string): InputFileError {
  return new InputFileError(file, `${what} is ${describeNode(node)}, not a mapping of keys to values`, fix, positionOf(node) ?? { line: 1, column: 1 });
}

/** Reads a stack file; throws InputFileError for a file that cannot be read, parsed or is the wrong shape. */
export function readStackFile(file: string): StackFile {
  const { document, positionOf } = readYamlFile(file, STACK_FILE_EXPECTED);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return { file, config: {}, positionOfKey: () => undefined };
  }
  if (!isMap(root)) {
    throw wrongType(file, "the file", root, positionOf, "write it as a mapping with a `config:` key, like Pulumi.dev.yaml");
  }
  const configNode = root.get(CONFIG_KEY, true) as Node | undefined;
  if (configNode === undefined || (isScalar(configNode) && configNode.value === null)) {
    return { file, config: {}, positionOfKey: () => undefined };
  }
  if (!isMap(configNode)) {
    throw wrongType(file, "`config:`", configNode, positionOf, "write one `namespace:key: value` per line under `config:`, like Pulumi.dev.yaml");
  }
  const config = (configNode.toJS(document) ?? {}) as Record<string, unknown>;
  return {
    file,
    config,
    positionOfKey(key) {
      const pair = configNode.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      return pair === undefined ? undefined : positionOf(pair.key as Node);
    },
  };
}

/**
 * A settings problem (`litellm-gateway:cpu: found 3. Allowed: ...`) prefixed with where the file
 * sets that key, compiler style; with the file alone when the key is not written (a missing one).
 */
export function locateSettingProblem(stackFile: StackFile, problem: string): string {
  const key = /^([^\s:]+:[^\s:]+):/.exec(problem)?.[1];
  const position = key === undefined ? undefined : stackFile.positionOfKey(key);
  const where = position === undefined ? displayPath(stackFile.file) : `${displayPath(stackFile.file)}:${position.line}:${position.column}`;
  return `${where}: ${problem}`;
}
