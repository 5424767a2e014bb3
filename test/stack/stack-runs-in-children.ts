/**
 * Several runs of the real program, started together: how a test compares one `pulumi up` with
 * the next after the config changed. Each run is a child process of its own, made once per test
 * run (stack-run-client.ts).
 */
export type { StackRunRequest as ChildRunRequest } from "./stack-run-client";
export { runStacks as runStacksInChildren } from "./stack-run-client";
