/**
 * A problem with a file the user hands in (a stack file, a baseline, an outputs file), reported the
 * way a compiler reports one: `file:line:col: what is wrong. Fix: what to do`, on one line. The CLIs
 * print the message as it is and exit 1; they never show a stack trace for it.
 */
import path from "node:path";

/** The repository: paths inside it are shown relative to it, as a reader of the repo names them. */
const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Where in the file, 1-based, as editors count. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

export class InputFileError extends Error {
  constructor(
    /** The file as the user gave it (or the program named it). */
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
    readonly position?: FilePosition,
  ) {
    const where = position === undefined ? displayPath(file) : `${displayPath(file)}:${position.line}:${position.column}`;
    super(`${where}: ${problem}. Fix: ${fix}`);
    this.name = "InputFileError";
  }
}

/**
 * A path fit to print: relative to the repository when it is inside it (a reader's `Pulumi.dev.yaml`,
 * not this machine's absolute path), otherwise as it was given, since the user typed it.
 */
export function displayPath(file: string): string {
  if (!path.isAbsolute(file)) {
    return file;
  }
  const relative = path.relative(REPO_ROOT, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** Replaces the repository's absolute path in a message (from a library or Node) with repo-relative paths. */
export function withoutRepoRoot(message: string): string {
  return message.split(`${REPO_ROOT}${path.sep}`).join("").split(REPO_ROOT).join(".");
}
