/**
 * `team.prod` is a valid Pulumi stack name (letters, digits, `-`, `_` and `.`), and the committed
 * prod settings under that name must deploy: every AWS name the program builds from the stack
 * name, and every other name, description and tag, follows AWS's rules.
 */
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { checkAwsFields, formatFieldViolation } from "../../config/aws-rules/check-aws-fields";
import { stackNameSegment } from "../../config/settings/stack-name-segment";
import { oneOf, REPO_ROOT, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const DOTTED_STACK = "team.prod";

let run: StackRun;

beforeAll(async () => {
  // The prod file's stack tag says prod: a stack of another name sets its own (the program refuses a mismatch).
  const defaultTags = JSON.stringify({ tags: { project: "litellm-gateway", stack: DOTTED_STACK } });
  run = await runStack(DOTTED_STACK, { "aws:defaultTags": defaultTags }, { stackFile: path.join(REPO_ROOT, "Pulumi.prod.yaml") });
});

describe("a stack named team.prod with the prod settings", () => {
  it("passes the AWS field rules, with no resource type left unchecked", () => {
    const result = checkAwsFields(run.resources);
    expect(result.violations.map(formatFieldViolation)).toEqual([]);
    expect(result.uncoveredTypes).toEqual([]);
  });

  it("builds the task family, the final snapshot name and the WAF log group from a dot-free segment of the stack name", () => {
    const segment = stackNameSegment(DOTTED_STACK);
    expect(segment).toMatch(/^team-prod-[0-9a-f]{6}$/);
    expect(oneOf(run, "aws:ecs/taskDefinition:TaskDefinition").inputs.family).toBe(`litellm-proxy-${segment}`);
    expect(oneOf(run, "aws:rds/instance:Instance").inputs.finalSnapshotIdentifier).toBe(`litellm-database-${segment}-final-snapshot`);
    const wafLogGroup = run.resources.find((resource) => resource.name === "litellm-waf-logs");
    expect(wafLogGroup?.inputs.name).toBe(`aws-waf-logs-litellm-waf-${segment}`);
  });

  it("sends no name, identifier or alias that carries the stack name's dot", () => {
    for (const resource of run.resources) {
      for (const key of ["family", "finalSnapshotIdentifier", "name", "identifier", "bucket", "replicationGroupId"]) {
        const value = resource.inputs[key];
        if (typeof value === "string") {
          expect(value, `${resource.name}.${key}`).not.toContain(DOTTED_STACK);
        }
      }
    }
  });
});
