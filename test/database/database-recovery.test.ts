/**
 * The database's last ways back after a deletion, on the stack most likely to be deleted (dev:
 * no deletion protection, no final snapshot). Found missing by mutation testing: nothing else
 * fails when the automated backups would be dropped with the instance.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev");
});

describe("dev stack: database recovery", () => {
  it("keeps the automated backups when the instance is deleted, and tags its snapshots", () => {
    const instance = oneOf(run, "aws:rds/instance:Instance").inputs;
    expect(instance.deleteAutomatedBackups).toBe(false);
    expect(instance.copyTagsToSnapshot).toBe(true);
    expect(instance.backupRetentionPeriod).toBeGreaterThanOrEqual(1);
  });
});
