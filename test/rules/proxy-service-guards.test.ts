/** ProxyService's up-front guards as pure rules (config/settings/), and the stack settings that hold the same rule. */
import { describe, expect, it } from "vitest";

import { fargateSizeProblems } from "../../config/settings/fargate-sizes";
import { desiredCountProblem, MAX_DESIRED_COUNT, MIN_DESIRED_COUNT } from "../../config/settings/service-task-counts";
import { settingsProblems, VALID_SETTINGS } from "../settings/settings-fixtures";

describe("desiredCount: a whole number of tasks from 1 to 50", () => {
  it.each([1, 2, 3, 50])("accepts %d", (count) => {
    expect(desiredCountProblem(count)).toBeUndefined();
  });

  it.each([0, -1, 1.5, 51, Number.NaN])("refuses %d, naming the value and an example", (count) => {
    expect(desiredCountProblem(count)).toBe(
      `desiredCount is ${count}; pass a whole number of tasks from ${MIN_DESIRED_COUNT} to ${MAX_DESIRED_COUNT}, e.g. 2.`,
    );
  });

  it.each([0, -1, 1.5, 51])("is the stack setting's range too: desiredCount %d is refused there", (count) => {
    expect(settingsProblems({ ...VALID_SETTINGS, desiredCount: count }).join("\n")).toContain("litellm-gateway:desiredCount");
  });
});

describe("Fargate task sizes", () => {
  it.each([
    [256, 512],
    [512, 2048],
    [1024, 2048],
    [2048, 16_384],
    [8192, 20_480],
  ])("accepts cpu %d with %d MiB", (cpu, memoryMib) => {
    expect(fargateSizeProblems(cpu, memoryMib)).toEqual([]);
  });

  it.each([
    [300, 1024, "cpu: 300 is not a Fargate CPU value"],
    [256, 4096, "memory: 4096 MiB is not valid with cpu 256"],
    [1024, 1024, "memory: 1024 MiB is not valid with cpu 1024"],
    [8192, 18_432, "memory: 18432 MiB is not valid with cpu 8192"],
  ])("refuses cpu %d with %d MiB", (cpu, memoryMib, message) => {
    const problems = fargateSizeProblems(cpu, memoryMib);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
    expect(problems[0]).toMatch(/Allowed/);
  });
});
