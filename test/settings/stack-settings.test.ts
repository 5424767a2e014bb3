/** parseStackSettings without Pulumi: each wrong setting is named with its fix, all at once. */
import { describe, expect, it } from "vitest";

import { connectionBudget, instanceMemoryGib, rdsMaxConnections } from "../../config/settings/connection-budget";
import { parseStackSettings, StackSettingsError } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;

const problemsOf = expectedProblems;

describe("parseStackSettings", () => {
  it("accepts a valid dev stack and fills safe defaults", () => {
    const settings = parseStackSettings(VALID);
    expect(settings.network).toEqual({ kind: "new", availabilityZones: 2, egress: "single-nat" });
    // maxCount defaults to desiredCount: no autoscaling unless asked for.
    expect(settings.service).toEqual({ desiredCount: 1, maxCount: 1, cpu: 512, memoryMib: 2048, cpuArchitecture: "X86_64", capacity: "on-demand", onDemandBase: 2, containerInsights: false });
    expect(settings.alarms).toEqual({ enabled: true });
    expect(settings.database).toMatchObject({ allocatedStorageGib: 20, maxAllocatedStorageGib: 100, backupRetentionDays: 7 });
    expect(settings.ingress).toEqual({ scheme: "internet-facing", tls: { kind: "plain-http" }, allowedCidrs: ["0.0.0.0/0"] });
  });

  it("ignores upper-case provider key entries instead of parsing secrets", () => {
    expect(() => parseStackSettings({ ...VALID, OPENAI_API_KEY: "sk-secret" })).not.toThrow();
  });

  it("names a missing required setting with an example command", () => {
    const { dbMultiAz: _omitted, ...raw } = VALID;
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^litellm-gateway:dbMultiAz: missing \(needed unless existingDatabase is set\)\. Allowed: .*Example: pulumi config set dbMultiAz true$/)]);
  });

  it("lists the valid memory values for the cpu when the pair is not a Fargate size", () => {
    const [problem] = problemsOf({ ...VALID, cpu: 1024, memory: 1024 });
    expect(problem).toContain("litellm-gateway:memory: 1024 MiB is not valid with cpu 1024");
    expect(problem).toContain("2048, 3072, 4096, 5120, 6144, 7168, 8192");
  });

  it("lists Fargate's CPU values for an invalid cpu", () => {
    expect(problemsOf({ ...VALID, cpu: 300 })).toEqual([expect.stringContaining("litellm-gateway:cpu: 300 is not a Fargate CPU value. Allowed: 256, 512, 1024")]);
  });

  it("reports a misspelt key as unknown instead of ignoring it", () => {
    expect(problemsOf({ ...VALID, desiredcount: 2 })).toEqual([expect.stringMatching(/^litellm-gateway:desiredcount: unknown setting/)]);
  });

  it("reports what was found for a wrong type", () => {
    expect(problemsOf({ ...VALID, desiredCount: "two" })).toEqual([expect.stringContaining('litellm-gateway:desiredCount: found "two"')]);
  });

  it("rejects an unknown egress mode, naming the allowed ones", () => {
    expect(problemsOf({ ...VALID, egress: "none" })).toEqual([expect.stringContaining("one of nat-per-az, single-nat, public-subnets")]);
  });

  it("refuses an existing VPC together with availabilityZones and egress", () => {
    const problems = problemsOf({
      ...VALID,
      existingVpc: {
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
        publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
      },
    });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toContain("existingVpc is also set");
  });

  it("accepts an existing VPC with subnets in two zones", () => {
    const { availabilityZones: _zones, egress: _egress, ...raw } = VALID;
    const settings = parseStackSettings({
      ...raw,
      existingVpc: {
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
        publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
      },
    });
    expect(settings.network.kind).toBe("existing");
  });

  it("rejects an existing VPC with one private subnet, pointing into the object", () => {
    const { availabilityZones: _zones, egress: _egress, ...raw } = VALID;
    const problems = problemsOf({
      ...raw,
      existingVpc: {
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0000000000000000a"],
        publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
      },
    });
    expect(problems).toEqual([expect.stringMatching(/^litellm-gateway:existingVpc\.privateSubnetIds: found \["subnet-0000000000000000a"\]\. Allowed: /)]);
  });

  it("requires a network choice when there is no existing VPC", () => {
    const { availabilityZones: _zones, ...raw } = VALID;
    expect(problemsOf(raw)).toEqual([expect.stringContaining("litellm-gateway:availabilityZones: missing (needed unless existingVpc is set)")]);
  });

  it("rejects a storage ceiling that does not exceed the allocated storage", () => {
    expect(problemsOf({ ...VALID, dbAllocatedStorageGib: 100, dbMaxAllocatedStorageGib: 100 })).toEqual([
      expect.stringContaining("litellm-gateway:dbMaxAllocatedStorageGib: found 100, not above dbAllocatedStorageGib (100)"),
    ]);
  });

  it("rejects a log retention CloudWatch does not offer and a malformed certificate ARN or CIDR", () => {
    const { allowPlainHttp: _plain, ...https } = VALID;
    const problems = problemsOf({ ...https, logRetentionDays: 10, certificateArn: "my-cert", allowedCidrs: ["10.0.0.0/33"] });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toContain("litellm-gateway:logRetentionDays: found 10");
    expect(problems.join("\n")).toContain('litellm-gateway:certificateArn: found "my-cert"');
    expect(problems.join("\n")).toContain('litellm-gateway:allowedCidrs[0]: found "10.0.0.0/33". Allowed:');
  });

  it("reports every wrong setting at once, in one error", () => {
    const { dbInstanceClass: _omitted, ...raw } = VALID;
    let error: unknown;
    try {
      parseStackSettings({ ...raw, desiredCount: 0, cpu: 1024, memory: 1024, cpuArchitecture: "arm", typo: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StackSettingsError);
    const problems = (error as StackSettingsError).problems;
    const keys = problems.map((problem) => /^litellm-gateway:([A-Za-z]+):/.exec(problem)?.[1]).sort();
    expect(keys).toEqual(["cpuArchitecture", "dbInstanceClass", "desiredCount", "memory", "typo"]);
    expect((error as Error).message).toContain("Invalid stack settings (5 problems)");
  });
});

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
    expect(() => parseStackSettings(VALID)).not.toThrow();
    expect(() =>
      parseStackSettings({ ...VALID, desiredCount: 3, cpu: 1024, memory: 4096, dbInstanceClass: "db.t4g.medium", redisNodeType: "cache.t4g.small" }),
    ).not.toThrow();
  });

  it("refuses a service that could exhaust the database's connections during a deployment", () => {
    // 10 tasks -> 20 at peak x 4 workers x 10 = 800 > 450 x 0.8 = 360
    const raw = { ...VALID, desiredCount: 10, cpu: 4096, memory: 8192, dbInstanceClass: "db.t4g.medium", redisNodeType: "cache.t4g.small" };
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

  // With autoscaling the peak is a deployment at full scale: 2 x maxCount tasks.
  const PROD_SHAPE = { ...VALID, desiredCount: 3, cpu: 1024, memory: 4096, dbInstanceClass: "db.t4g.medium", redisNodeType: "cache.t4g.small" };
  const budgetProblems = (raw: Record<string, unknown>) => {
    try {
      parseStackSettings(raw);
      return [];
    } catch (error) {
      if (!(error instanceof StackSettingsError)) throw error;
      return error.problems.filter((problem) => problem.includes("pooled connections"));
    }
  };

  it("counts maxCount, not desiredCount, once autoscaling may add tasks", () => {
    // 18 -> 36 at peak x 1 worker x 10 = 360: exactly the usable share of db.t4g.medium
    expect(budgetProblems({ ...PROD_SHAPE, maxCount: 18 })).toEqual([]);
    // 19 -> 38 x 10 = 380 > 360, although desiredCount 3 alone would need only 60
    expect(budgetProblems({ ...PROD_SHAPE, maxCount: 19 })).toHaveLength(1);
  });

  it("refuses a maxCount that would exhaust the database, naming maxCount and the largest that fits", () => {
    const [problem] = budgetProblems({ ...PROD_SHAPE, maxCount: 25 });
    expect(problem).toMatch(/^litellm-gateway:dbInstanceClass: db\.t4g\.medium allows about 450 connections \(360 usable\)/);
    expect(problem).toContain("at full scale (maxCount 25, doubled while old and new tasks overlap)");
    expect(problem).toContain("50 tasks x 1 worker(s) x 10 pooled connections = 500");
    expect(problem).toContain("lower maxCount to 18 or less (pulumi config set maxCount 18)");
  });

  it("names desiredCount as the fix when the stack does not autoscale", () => {
    const [problem] = budgetProblems({ ...PROD_SHAPE, desiredCount: 20 });
    expect(problem).toContain("lower desiredCount to 18 or less (pulumi config set desiredCount 18)");
    expect(problem).not.toContain("maxCount");
  });
});

describe("permissionsBoundaryArn", () => {
  it("takes an IAM managed policy ARN, with or without a path", () => {
    for (const arn of ["arn:aws:iam::123456789012:policy/litellm-gateway-boundary", "arn:aws:iam::123456789012:policy/boundaries/litellm-gateway-boundary"]) {
      expect(parseStackSettings({ ...VALID_SETTINGS, permissionsBoundaryArn: arn }).permissionsBoundaryArn).toBe(arn);
    }
    expect(parseStackSettings(VALID_SETTINGS).permissionsBoundaryArn).toBeUndefined();
  });

  it.each([
    ["a role ARN", "arn:aws:iam::123456789012:role/litellm-gateway-boundary"],
    ["a policy name alone", "litellm-gateway-boundary"],
    ["a region in an IAM ARN", "arn:aws:iam:us-east-1:123456789012:policy/litellm-gateway-boundary"],
    ["an account id of 11 digits", "arn:aws:iam::12345678901:policy/litellm-gateway-boundary"],
  ])("refuses %s, naming the setting and an example", (_case, arn) => {
    expect(() => parseStackSettings({ ...VALID_SETTINGS, permissionsBoundaryArn: arn })).toThrow(
      /litellm-gateway:permissionsBoundaryArn: found .*Example: pulumi config set permissionsBoundaryArn arn:aws:iam::123456789012:policy\/litellm-gateway-boundary/,
    );
  });
});

describe("configWriterArn", () => {
  it("takes an IAM role or user ARN", () => {
    for (const arn of ["arn:aws:iam::123456789012:role/litellm-gateway-deploy-prod", "arn:aws:iam::123456789012:user/ci/deployer"]) {
      expect(parseStackSettings({ ...VALID_SETTINGS, configWriterArn: arn }).configWriterArn).toBe(arn);
    }
  });

  it("refuses an assumed-role session ARN (it changes with every session), naming the setting", () => {
    expect(() =>
      parseStackSettings({ ...VALID_SETTINGS, configWriterArn: "arn:aws:sts::123456789012:assumed-role/litellm-gateway-deploy-prod/run-1" }),
    ).toThrow(/litellm-gateway:configWriterArn: found .*Example: pulumi config set configWriterArn arn:aws:iam::123456789012:role\//);
  });
});
