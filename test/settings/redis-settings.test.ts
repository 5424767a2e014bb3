/** The Redis settings and the rule that more than one LiteLLM process needs Redis, without Pulumi. */
import { describe, expect, it } from "vitest";

import { litellmProcessCount, redisRequirementProblem } from "../../config/settings/redis-requirement";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { settingsProblems, VALID_SETTINGS } from "./settings-fixtures";

const DEV = VALID_SETTINGS;

const problemsOf = settingsProblems;

describe("how many LiteLLM processes a stack runs", () => {
  it("multiplies tasks by workers (one per whole vCPU) and counts autoscaling's ceiling", () => {
    expect(litellmProcessCount({ desiredCount: 1 }, 512)).toBe(1);
    expect(litellmProcessCount({ desiredCount: 3 }, 1024)).toBe(3);
    expect(litellmProcessCount({ desiredCount: 1 }, 2048)).toBe(2);
    expect(litellmProcessCount({ desiredCount: 2, maxCount: 6 }, 4096)).toBe(24);
  });

  it("needs no Redis for exactly one process, and always accepts Redis", () => {
    expect(redisRequirementProblem({ desiredCount: 1, maxCount: 1 }, 1024, false)).toBeUndefined();
    expect(redisRequirementProblem({ desiredCount: 3 }, 1024, true)).toBeUndefined();
  });
});

describe("Redis in the stack settings", () => {
  it("keeps a one-task, one-worker stack Redis-free (the committed dev shape)", () => {
    expect(parseStackSettings(DEV).redis).toBeUndefined();
  });

  it("refuses several tasks without Redis, naming redisNodeType, the process count and the command that fixes it", () => {
    expect(problemsOf({ ...DEV, desiredCount: 3 })).toEqual([
      expect.stringMatching(
        /^litellm-gateway:redisNodeType: missing, but desiredCount 3 x 1 worker\(s\) per task \(cpu 512\) = 3 LiteLLM processes.*rate limits.*Fix: pulumi config set redisNodeType cache\.t4g\.small/,
      ),
    ]);
  });

  it("refuses one task with several workers without Redis: the workers would split the state too", () => {
    expect(problemsOf({ ...DEV, cpu: 2048, memory: 4096 })).toEqual([
      expect.stringContaining("redisNodeType: missing, but desiredCount 1 x 2 worker(s) per task (cpu 2048) = 2 LiteLLM processes"),
    ]);
  });

  it("refuses an autoscaling ceiling above one task without Redis, naming maxCount", () => {
    expect(problemsOf({ ...DEV, maxCount: 4 })).toEqual([expect.stringContaining("redisNodeType: missing, but maxCount 4 x 1 worker(s)")]);
  });

  it("accepts several tasks with Redis and defaults to two nodes (a primary and a replica)", () => {
    expect(parseStackSettings({ ...DEV, desiredCount: 3, redisNodeType: "cache.t4g.small" }).redis).toEqual({ nodeType: "cache.t4g.small", nodes: 2 });
    expect(parseStackSettings({ ...DEV, redisNodeType: "cache.t4g.micro", redisNodes: 1 }).redis).toEqual({ nodeType: "cache.t4g.micro", nodes: 1 });
  });

  it("rejects a malformed node type and a node count ElastiCache cannot make, with what is allowed", () => {
    const problems = problemsOf({ ...DEV, redisNodeType: "t4g.small", redisNodes: 7 });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^litellm-gateway:redisNodeType: found "t4g\.small"\. Allowed: an ElastiCache node type such as cache\.t4g\.micro.*Example: pulumi config set redisNodeType cache\.t4g\.small$/);
    expect(problems[1]).toMatch(/^litellm-gateway:redisNodes: found 7\. Allowed: an integer from 1 to 6/);
  });

  it("rejects redisNodes without redisNodeType instead of silently ignoring it", () => {
    expect(problemsOf({ ...DEV, redisNodes: 2 })).toEqual([
      expect.stringMatching(/^litellm-gateway:redisNodes: found 2, but redisNodeType is not set.*pulumi config rm redisNodes/),
    ]);
  });

  it("reports a malformed node type once, not also as missing Redis", () => {
    expect(problemsOf({ ...DEV, desiredCount: 3, redisNodeType: "redis" })).toEqual([expect.stringContaining('litellm-gateway:redisNodeType: found "redis"')]);
  });
});
