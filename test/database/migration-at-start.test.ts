/**
 * The deployed task keeps what makes start-up migrations safe (docs/database-migrations.md): schema
 * updates on, LiteLLM's default v2 resolver (the one that holds the migration lock), no flag that
 * skips or replaces `prisma migrate deploy`, and a container whose exit stops the task so that
 * ECS's circuit breaker rolls a failed migration back.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { litellmContainer, oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

/** Variables that turn migrations off at start or pick the lock-less legacy resolver. */
const MIGRATION_SWITCH_VARIABLES = ["DISABLE_SCHEMA_UPDATE", "USE_V2_MIGRATION_RESOLVER"];
/** CLI flags that do the same, or run `prisma db push` instead of the shipped migrations. */
const MIGRATION_SWITCH_FLAGS = ["--use_legacy_migration_resolver", "--use_prisma_db_push", "--skip_server_startup"];

describe("prod stack: migrations at task start", () => {
  it("sets no variable, plain or secret, that turns start-up migrations or the v2 resolver off", () => {
    const container = litellmContainer(run);
    const names = [
      ...(container.environment as { name: string }[]).map((variable) => variable.name),
      ...((container.secrets ?? []) as { name: string }[]).map((secret) => secret.name),
    ];
    for (const variable of MIGRATION_SWITCH_VARIABLES) {
      expect(names).not.toContain(variable);
    }
  });

  it("passes no flag that skips, replaces or downgrades the migration run", () => {
    const command = litellmContainer(run).command as string[];
    expect(command.length).toBeGreaterThan(0);
    for (const flag of MIGRATION_SWITCH_FLAGS) {
      expect(command).not.toContain(flag);
    }
  });

  it("stops the task when LiteLLM exits on a failed migration, and rolls the deployment back", () => {
    expect(litellmContainer(run).essential).toBe(true);
    const service = oneOf(run, "aws:ecs/service:Service").inputs;
    expect(service.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
  });
});
