/**
 * The stack outputs the smoke test reads (see index.ts), validated so a stack deployed from an
 * older program, or a file of the wrong stack, is reported by name instead of failing later.
 */
import { z } from "zod";

import { SmokeUsageError } from "./smoke-arguments";

export interface SmokeStackOutputs {
  /** The gateway's origin (index.ts `url`). */
  readonly url?: string;
  /** Where the master key lives (index.ts `masterKeySecretArn`). */
  readonly masterKeySecretArn?: string;
  /** The aliases the deployed program rendered (index.ts `models`). */
  readonly models?: readonly string[];
}

const outputsSchema = z.looseObject({
  url: z.string().min(1).optional(),
  masterKeySecretArn: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/).optional(),
  models: z.array(z.string()).optional(),
});

/** @throws SmokeUsageError naming the output and what was found. */
export function parseStackOutputs(json: unknown, source: string): SmokeStackOutputs {
  const result = outputsSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
    throw new SmokeUsageError(
      `The stack outputs from ${source} are not what index.ts exports (${problems.join("; ")}). Expected a JSON object like {"url": "https://...", "masterKeySecretArn": "arn:aws:secretsmanager:...", "models": ["..."]}.`,
    );
  }
  const { url, masterKeySecretArn, models } = result.data;
  return {
    ...(url === undefined ? {} : { url }),
    ...(masterKeySecretArn === undefined ? {} : { masterKeySecretArn }),
    ...(models === undefined ? {} : { models }),
  };
}

/** `arn:aws:secretsmanager:eu-west-1:...` → `eu-west-1`: the SDK client must call that region. */
export function regionFromSecretArn(secretArn: string): string {
  const region = secretArn.split(":")[3];
  if (region === undefined || region === "") {
    throw new SmokeUsageError(`masterKeySecretArn "${secretArn}" has no region; expected arn:aws:secretsmanager:<region>:<account>:secret:<name>.`);
  }
  return region;
}
