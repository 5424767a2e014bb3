/** The real program with the committed Pulumi.prod.yaml: the highly available stack. */
import { beforeAll, describe, expect, it } from "vitest";

import { declareGatewayInvariants } from "./gateway-invariants";
import { declareRedisInvariants } from "./redis-invariants";
import { oneOf, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

describe("prod stack: invariants", () => {
  declareGatewayInvariants(() => run, { listenerPorts: [80], allowedCidrs: ["0.0.0.0/0"], redis: true });
});

describe("prod stack: Redis shares the router state of its three tasks", () => {
  declareRedisInvariants(() => run, { nodeType: "cache.t4g.small", nodes: 2 });
});

describe("prod stack: highly available", () => {
  it("runs at least two tasks over at least two zones, each zone with its own NAT gateway", () => {
    expect(oneOf(run, "aws:ecs/service:Service").inputs.desiredCount).toBeGreaterThanOrEqual(2);
    const vpc = oneOf(run, "awsx:ec2:Vpc").inputs;
    expect(vpc.numberOfAvailabilityZones).toBeGreaterThanOrEqual(2);
    expect(vpc.natGateways).toEqual({ strategy: "OnePerAz" });
  });

  it("prod database is Multi-AZ and cannot be deleted without a final snapshot", () => {
    const instance = oneOf(run, "aws:rds/instance:Instance").inputs;
    expect(instance).toMatchObject({
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      // The stack name keeps it apart from other stacks' final snapshots in the same account.
      finalSnapshotIdentifier: "litellm-database-prod-final-snapshot",
    });
    expect(instance.backupRetentionPeriod).toBeGreaterThanOrEqual(7);
  });

  it("keeps logs longer than dev", () => {
    expect(oneOf(run, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).toBeGreaterThan(7);
  });

  it("lets the task role invoke Bedrock only in the catalog's region, and elsewhere only through its inference profiles", () => {
    const statements = rolePolicy(run, "task").Statement;
    const direct = statements.find((statement) => statement.Sid === "InvokeBedrockInCatalogRegions");
    expect(direct?.Action).toEqual(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]);
    expect(direct?.Resource).toEqual([
      "arn:aws:bedrock:us-east-1::foundation-model/*",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/*",
    ]);
    const routed = statements.find((statement) => statement.Sid === "InvokeBedrockThroughCatalogInferenceProfiles");
    expect(routed?.Condition).toEqual({
      StringLike: { "bedrock:InferenceProfileArn": ["arn:aws:bedrock:us-east-1:123456789012:inference-profile/*"] },
    });
    expect(statements).toHaveLength(3);
  });

  it("serves the prod-only models", () => {
    expect(run.outputs.models).toEqual(expect.arrayContaining(["claude-sonnet", "gpt-4.1"]));
  });
});
