/** The connection budget: tasks at deployment peak x workers x pool must fit the database. */
import { describe, expect, it } from "vitest";

import { connectionBudget, instanceMemoryGib, rdsMaxConnections } from "../../config/connection-budget";
import { parseStackSettings, StackSettingsError } from "../../config/stack-settings";

const DEV_LIKE = {
  availabilityZones: 2,
  natGateways: "single",
  desiredCount: 1,
  cpu: 512,
  memory: 2048,
  dbInstanceClass: "db.t4g.micro",
  dbMultiAz: false,
  dbDeletionProtection: false,
  dbSkipFinalSnapshot: true,
  logRetentionDays: 7,
};

describe("RDS max_connections from the instance class", () => {
  it("follows LEAST(memory / 9531392, 5000) for burstable and general-purpose classes", () => {
    expect(instanceMemoryGib("db.t4g.micro")).toBe(1);
    expect(rdsMaxConnections("db.t4g.micro")).toBe(112); // 1073741824 / 9531392 = 112.6
    expect(rdsMaxConnections("db.t4g.medium")).toBe(450); // 4 GiB
    expect(instanceMemoryGib("db.m7g.2xlarge")).toBe(32);
    expect(instanceMemoryGib("db.r7g.large")).toBe(16);
    expect(rdsMaxConnections("db.r7g.16xlarge")).toBe(5000); // 512 GiB would be 57,000: capped
  });

  it("does not guess for a class it does not know", () => {
    expect(rdsMaxConnections("db.x2g.large")).toBeUndefined();
    expect(connectionBudget(3, 1024, "db.x2g.large").usableConnections).toBeUndefined();
  });
});

describe("connection budget in the stack settings", () => {
  it("counts twice the desired tasks, one worker per vCPU and LiteLLM's pool of 10 per worker", () => {
    // 6 tasks during a deployment x 4 workers x 10 = 240
    expect(connectionBudget(3, 4096, "db.t4g.medium")).toMatchObject({ peakTasks: 6, workersPerTask: 4, peakConnections: 240 });
  });

  it("accepts both committed stack shapes", () => {
    expect(() => parseStackSettings(DEV_LIKE)).not.toThrow();
    expect(() => parseStackSettings({ ...DEV_LIKE, desiredCount: 3, cpu: 1024, memory: 4096, dbInstanceClass: "db.t4g.medium" })).not.toThrow();
  });

  it("refuses a service that could exhaust the database's connections during a deployment", () => {
    // 10 tasks -> 20 at peak x 4 workers x 10 = 800 > 450 x 0.8 = 360
    const raw = { ...DEV_LIKE, desiredCount: 10, cpu: 4096, memory: 8192, dbInstanceClass: "db.t4g.medium" };
    let problems: readonly string[] = [];
    try {
      parseStackSettings(raw);
    } catch (error) {
      if (!(error instanceof StackSettingsError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^litellm-gateway:dbInstanceClass: db\.t4g\.medium allows about 450 connections \(360 usable\).*20 tasks x 4 worker\(s\) x 10 pooled connections = 800\. Fix: choose a larger dbInstanceClass/),
    ]);
  });
});
