/** What the stack tests, the stack-run server and its workers say to each other. */
import type { StackRun } from "../../offline/run-stack-offline";

/** Marks a worker's answer line on its stdout; any other line is the program talking. */
export const RESPONSE_PREFIX = "@@stack-run@@ ";

export interface StackRunRequest {
  readonly stack: string;
  /** As `pulumi config set` stores them: keys without the project prefix (or with their own namespace). */
  readonly extraConfig?: Readonly<Record<string, string>>;
  /** A stack file to read instead of the committed Pulumi.<stack>.yaml. */
  readonly stackFile?: string;
}

export interface WorkerAnswer {
  readonly id: number;
  readonly run?: StackRun;
  /** The program's error message, when it refused the stack. */
  readonly error?: string;
}
