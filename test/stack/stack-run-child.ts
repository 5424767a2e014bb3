/**
 * One run of the real program in a process of its own: the mocks are process-global, so a process
 * runs the program once (test/stack/stack-run-client.ts starts one when no stack-run server is running).
 *
 * Usage: tsx test/stack/stack-run-child.ts <stack> '<extra config as JSON>' [stack file]; prints
 * the StackRun as one JSON line, or the program's error on stderr with exit code 1.
 */
import { runStack } from "../../offline/run-stack-offline";

const [stack = "dev", extraConfig = "{}", stackFile] = process.argv.slice(2);

runStack(stack, JSON.parse(extraConfig) as Record<string, string>, { stackFile }).then(
  (run) => {
    process.stdout.write(`${JSON.stringify(run)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
