/**
 * `pulumi up` does not run the program through vitest: Pulumi's Node.js host registers ts-node
 * itself and requires index.ts. A child process per stack does exactly that (see
 * run-like-pulumi.cjs), so a tsconfig setting or syntax ts-node rejects fails here, not at deploy.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

const SCRIPT = path.join(__dirname, "run-like-pulumi.cjs");
/** ts-node type-checks the whole program on the way in. */
const CHILD_TIMEOUT_MS = 150_000;

const EXPECTED_TYPES = [
  "awsx:ec2:Vpc",
  "aws:ecs/service:Service",
  "aws:ecs/taskDefinition:TaskDefinition",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:rds/instance:Instance",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:secretsmanager/secret:Secret",
  "litellm-gateway:index:LitellmGateway",
];

describe.each(["dev", "prod"])("the %s stack under Pulumi's own ts-node registration", (stack) => {
  it(
    "type-checks, runs index.ts and registers the gateway",
    () => {
      const child = spawnSync(process.execPath, [SCRIPT, stack], {
        encoding: "utf8",
        timeout: CHILD_TIMEOUT_MS,
        // As a user's `pulumi up` with no overrides: no transpile-only switch, the default tsconfig.
        env: Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !["PULUMI_NODEJS_TRANSPILE_ONLY", "PULUMI_NODEJS_TSCONFIG_PATH"].includes(name)),
        ),
      });
      expect(child.status, child.stderr).toBe(0);
      const summary = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}");
      expect(summary.typeChecked).toBe(true);
      // The stack program, not the library package.json's exports name (Pulumi.yaml `main`).
      expect(summary.program).toBe("index.ts");
      expect(summary.types).toEqual(expect.arrayContaining(EXPECTED_TYPES));
      expect(summary.outputs.url).toMatch(/^https?:\/\//);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );
});
