/**
 * One run of the real program in a process of its own, for tests that compare runs with different
 * config: the mocks are process-global, so a process runs the program once (see runStacksInChildren).
 *
 * Usage: tsx test/stack/stack-run-child.ts <stack> '<extra config as JSON>'; prints the StackRun as
 * one JSON line, or the program's error on stderr with exit code 1.
 */
import { runStack } from "./stack-harness";

const [stack = "dev", extraConfig = "{}"] = process.argv.slice(2);

runStack(stack, JSON.parse(extraConfig) as Record<string, string>).then(
  (run) => {
    process.stdout.write(`${JSON.stringify(run)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
