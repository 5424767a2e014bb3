/**
 * How a script ends on an error that escaped its own handling (scripts/cli/run-cli.ts): the exit
 * code from the README's table and one line, never a stack trace unless DEBUG=1 asks for it.
 */
import { describe, expect, it } from "vitest";

import { InputFileError } from "../../config/settings/input-file-error";
import { StackFileNotFoundError } from "../../config/settings/stack-file";
import { REPO_ROOT } from "../../offline/run-stack-offline";
import { describeFailure, EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_USAGE, UsageError } from "../../scripts/cli/run-cli";

const STACK_FRAME = /\n\s+at /;

describe("describeFailure", () => {
  it("a bad input file: exit 1 and its own line", () => {
    const error = new InputFileError("try.yaml", "duplicate key aws:region", "keep one", { line: 3, column: 3 });
    expect(describeFailure(error, "plan", {})).toEqual({ code: EXIT_BAD_INPUT, message: "try.yaml:3:3: duplicate key aws:region. Fix: keep one" });
  });

  it("an unknown stack: exit 2, the known stacks", () => {
    const failure = describeFailure(new StackFileNotFoundError("staging"), "render", {});
    expect(failure.code).toBe(EXIT_USAGE);
    expect(failure.message).toContain("Available stacks: dev, prod");
  });

  it("a usage error: exit 2 and where the options are listed, on the same line", () => {
    expect(describeFailure(new UsageError("--lcu: found \"-1\"; pass a number of zero or more"), "plan", {})).toEqual({
      code: EXIT_USAGE,
      message: '--lcu: found "-1"; pass a number of zero or more. Options: npm run plan -- --help',
    });
  });

  it("anything else: exit 70, one line without the repository's absolute path, and how to see the trace", () => {
    const failure = describeFailure(new Error(`ENOENT: no such file, open '${REPO_ROOT}/out/x'\nsecond line`), "render", {});
    expect(failure.code).toBe(EXIT_INTERNAL_ERROR);
    expect(failure.message).toBe("render failed unexpectedly: ENOENT: no such file, open 'out/x'. Rerun with DEBUG=1 for the stack trace, and report it if it is not your machine.");
    expect(failure.message).not.toMatch(STACK_FRAME);
  });

  it("DEBUG=1 shows the stack trace of an unexpected error", () => {
    expect(describeFailure(new Error("boom"), "plan", { DEBUG: "1" }).message).toMatch(STACK_FRAME);
  });

  it("errors are told apart by name, as a module loaded twice gives another class", () => {
    const lookalike = Object.assign(new Error("x.yaml: no such file. Fix: pass one"), { name: "InputFileError" });
    expect(describeFailure(lookalike, "plan", {}).code).toBe(EXIT_BAD_INPUT);
  });
});
