/**
 * The capacity and onDemandBase settings: Spot alone for a one-task stack, an on-demand base of at
 * least two for a stack of two or more tasks, and the strategy and stop timings they lead to.
 */
import { describe, expect, it } from "vitest";

import {
  CONTAINER_STOP_TIMEOUT_SECONDS,
  DEREGISTRATION_DELAY_SECONDS,
  isDeregistrationDelay,
  SPOT_INTERRUPTION_WARNING_SECONDS,
  taskStopTimings,
} from "../../config/litellm/connection-timeouts";
import { capacityProviderStrategy, onDemandTasks, usesSpot } from "../../config/settings/fargate-capacity";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, settingsProblems, VALID_SETTINGS } from "./settings-fixtures";

/** Three tasks need Redis and a database class whose connections fit. */
const THREE_TASKS = { ...VALID_SETTINGS, desiredCount: 3, cpu: 1024, memory: 4096, redisNodeType: "cache.t4g.small", dbInstanceClass: "db.t4g.medium" };
/** Fargate: "the max stop timeout value is 120 seconds" (ECS ContainerDefinition stopTimeout). */
const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;
/** litellm/constants.py GRACEFUL_SHUTDOWN_TEARDOWN_HEADROOM_SECONDS. */
const LITELLM_TEARDOWN_HEADROOM_SECONDS = 10;

describe("capacity settings", () => {
  it("default to on-demand, and take spot for a one-task stack", () => {
    expect(parseStackSettings(VALID_SETTINGS).service).toMatchObject({ capacity: "on-demand" });
    expect(parseStackSettings({ ...VALID_SETTINGS, capacity: "spot" }).service).toMatchObject({ capacity: "spot" });
  });

  it("take mixed with the default base of 2 for three tasks", () => {
    expect(parseStackSettings({ ...THREE_TASKS, capacity: "mixed" }).service).toMatchObject({ capacity: "mixed", onDemandBase: 2 });
  });

  it("refuse spot alone for a stack of two or more tasks, naming the setting and the fix", () => {
    const problems = expectedProblems({ ...THREE_TASKS, capacity: "spot" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^litellm-gateway:capacity: found "spot", so 0 of desiredCount 3 tasks run on-demand/);
    expect(problems[0]).toContain("pulumi config set capacity mixed && pulumi config set onDemandBase 2");
  });

  it("refuse an on-demand base below 2 for a stack of two or more tasks", () => {
    const problems = expectedProblems({ ...THREE_TASKS, capacity: "mixed", onDemandBase: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^litellm-gateway:onDemandBase: found 1, so 1 of desiredCount 3 tasks run on-demand/);
    expect(settingsProblems({ ...THREE_TASKS, capacity: "mixed", onDemandBase: 2 })).toEqual([]);
  });

  it("refuse a base above desiredCount, onDemandBase without mixed, and values outside the schema", () => {
    expect(expectedProblems({ ...THREE_TASKS, capacity: "mixed", onDemandBase: 4 })[0]).toMatch(/^litellm-gateway:onDemandBase: found 4, above desiredCount \(3\)/);
    expect(expectedProblems({ ...VALID_SETTINGS, capacity: "spot", onDemandBase: 1 })[0]).toMatch(
      /^litellm-gateway:onDemandBase: found 1, but capacity is spot, which has no on-demand base/,
    );
    expect(expectedProblems({ ...VALID_SETTINGS, onDemandBase: 1 })[0]).toContain("but capacity is on-demand");
    expect(expectedProblems({ ...VALID_SETTINGS, capacity: "spotty" })).toEqual([expect.stringMatching(/^litellm-gateway:capacity: found "spotty"\. Allowed: one of on-demand, spot, mixed/)]);
    expect(expectedProblems({ ...THREE_TASKS, capacity: "mixed", onDemandBase: 0 })[0]).toMatch(/^litellm-gateway:onDemandBase: found 0\./);
  });
});

describe("the capacity provider strategy", () => {
  it("fills the on-demand base first and puts every task above it on Spot", () => {
    const mixed = { capacity: "mixed", onDemandBase: 2 } as const;
    expect(capacityProviderStrategy(mixed)).toEqual([
      { capacityProvider: "FARGATE", base: 2, weight: 0 },
      { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
    ]);
    expect([1, 2, 3, 6].map((tasks) => onDemandTasks(mixed, tasks))).toEqual([1, 2, 2, 2]);
    expect(capacityProviderStrategy({ capacity: "spot", onDemandBase: 2 })).toEqual([{ capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 }]);
    expect(capacityProviderStrategy({ capacity: "on-demand", onDemandBase: 2 })).toEqual([{ capacityProvider: "FARGATE", base: 0, weight: 1 }]);
    expect(onDemandTasks({ capacity: "spot", onDemandBase: 2 }, 3)).toBe(0);
    expect(onDemandTasks({ capacity: "on-demand", onDemandBase: 2 }, 3)).toBe(3);
  });
});

describe("the stop timings", () => {
  it("with Spot: a drain under two minutes, then LiteLLM's drain and teardown, all inside the warning", () => {
    const spot = taskStopTimings(usesSpot({ capacity: "mixed", onDemandBase: 2 }));
    expect(spot).toEqual({ deregistrationDelaySeconds: 90, containerStopTimeoutSeconds: 120, gracefulShutdownTimeoutSeconds: 20 });
    expect(spot.deregistrationDelaySeconds).toBeLessThan(SPOT_INTERRUPTION_WARNING_SECONDS);
    expect(spot.deregistrationDelaySeconds + spot.gracefulShutdownTimeoutSeconds + LITELLM_TEARDOWN_HEADROOM_SECONDS).toBeLessThanOrEqual(SPOT_INTERRUPTION_WARNING_SECONDS);
    expect(spot.gracefulShutdownTimeoutSeconds + LITELLM_TEARDOWN_HEADROOM_SECONDS).toBeLessThanOrEqual(spot.containerStopTimeoutSeconds);
    expect(isDeregistrationDelay(spot.deregistrationDelaySeconds)).toBe(true);
  });

  it("on-demand only: the longest request survives a drain, and LiteLLM exits before Fargate's SIGKILL", () => {
    const onDemand = taskStopTimings(usesSpot({ capacity: "on-demand", onDemandBase: 2 }));
    expect(onDemand).toEqual({ deregistrationDelaySeconds: DEREGISTRATION_DELAY_SECONDS, containerStopTimeoutSeconds: CONTAINER_STOP_TIMEOUT_SECONDS, gracefulShutdownTimeoutSeconds: 110 });
    expect(onDemand.containerStopTimeoutSeconds).toBeLessThanOrEqual(FARGATE_MAX_STOP_TIMEOUT_SECONDS);
    expect(onDemand.gracefulShutdownTimeoutSeconds + LITELLM_TEARDOWN_HEADROOM_SECONDS).toBeLessThanOrEqual(onDemand.containerStopTimeoutSeconds);
  });

  it("accepts only the deregistration delays the target group does (0-3600 whole seconds)", () => {
    expect([0, 90, 3600].map(isDeregistrationDelay)).toEqual([true, true, true]);
    expect([-1, 0.5, 3601].map(isDeregistrationDelay)).toEqual([false, false, false]);
  });
});
