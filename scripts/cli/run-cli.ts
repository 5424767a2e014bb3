/**
 * How every npm script ends: an exit code from the table in the README, and for a failure one line
 * on stderr that names the file or flag and the fix. A stack trace is for bugs only, and only when
 * asked for (DEBUG=1): a user with a typo in a stack file never needs one.
 */
import { withoutRepoRoot } from "../../config/settings/input-file-error";

/** The exit codes the scripts share (README, "Exit codes"). */
export const EXIT_OK = 0;
/** An input is wrong: a stack file, a setting, the catalog; smoke: a check failed. */
export const EXIT_BAD_INPUT = 1;
/** The command is wrong: an unknown flag or stack, a missing option. */
export const EXIT_USAGE = 2;
/** An unexpected failure: a bug, or the machine (EX_SOFTWARE in sysexits.h); DEBUG=1 shows the trace. */
export const EXIT_INTERNAL_ERROR = 70;
/** Set to 1 to see the stack trace of an internal error. */
export const DEBUG_ENV = "DEBUG";

/** A wrong command line: one line, with the script's --help as the way out. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** By name, not `instanceof`: a module loaded with `import()` may carry its own copy of the class. */
export function errorNamed(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name;
}

/** A usage error's line, ending with where the options are listed. */
export function withHelpHint(message: string, script: string): string {
  return `${message}${/[.!?]$/.test(message) ? "" : "."} Options: npm run ${script} -- --help`;
}

export interface Failure {
  readonly code: number;
  /** What to print on stderr, without the final newline. */
  readonly message: string;
}

/** The exit code and the line for an error that escaped a script's own handling. */
export function describeFailure(error: unknown, script: string, env: NodeJS.ProcessEnv = process.env): Failure {
  if (errorNamed(error, "InputFileError")) {
    return { code: EXIT_BAD_INPUT, message: withoutRepoRoot(error.message) };
  }
  if (errorNamed(error, "StackFileNotFoundError")) {
    return { code: EXIT_USAGE, message: withoutRepoRoot(error.message) };
  }
  if (errorNamed(error, "UsageError")) {
    return { code: EXIT_USAGE, message: withHelpHint(withoutRepoRoot(error.message), script) };
  }
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = withoutRepoRoot(text.split("\n")[0] ?? text);
  if (env[DEBUG_ENV] === "1" && error instanceof Error && error.stack !== undefined) {
    return { code: EXIT_INTERNAL_ERROR, message: `${script} failed unexpectedly:\n${error.stack}` };
  }
  return {
    code: EXIT_INTERNAL_ERROR,
    message: `${script} failed unexpectedly: ${firstLine.replace(/[.:]$/, "")}. Rerun with ${DEBUG_ENV}=1 for the stack trace, and report it if it is not your machine.`,
  };
}

export interface RunCliOptions {
  /**
   * Exit as soon as main settles: a Pulumi program that failed half-way can leave mocked RPCs
   * pending forever. @default false (the process ends when its work does)
   */
  readonly exitWhenDone?: boolean;
}

/** Runs a script's main and ends the process with its exit code; see the module comment. */
export function runCli(script: string, main: (argv: readonly string[]) => Promise<number> | number, options: RunCliOptions = {}): void {
  const finish = (code: number) => {
    if (options.exitWhenDone === true) {
      process.exit(code);
    }
    process.exitCode = code;
  };
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(finish, (error: unknown) => {
      const failure = describeFailure(error, script);
      process.stderr.write(`${failure.message}\n`);
      finish(failure.code);
    });
}
