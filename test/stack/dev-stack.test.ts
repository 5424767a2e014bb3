/** The real program with the committed Pulumi.dev.yaml: the cheap stack. */
import { beforeAll, describe, expect, it } from "vitest";

import { bedrockInvokeStatements } from "../../config/access/bedrock-permissions";
import { catalog } from "../../config/catalog";
import { catalogBedrockModels, catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { CERTIFICATE_AND_DNS_TYPES, declareGatewayInvariants } from "./gateway-invariants";
import { declareNoRedis } from "./redis-invariants";
import { ACCOUNT_ID, ofType, oneChildOf, oneOf, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev");
});

describe("dev stack: invariants", () => {
  declareGatewayInvariants(() => run, { listenerPorts: [80], allowedCidrs: ["0.0.0.0/0"], tasksInPublicSubnets: true });
});

describe("dev stack: one LiteLLM process, so no Redis", () => {
  declareNoRedis(() => run);
});

describe("dev stack: cheap and disposable", () => {
  it("runs one task in two zones without a NAT gateway (egress public-subnets)", () => {
    expect(oneOf(run, "aws:ecs/service:Service").inputs.desiredCount).toBe(1);
    const vpc = oneOf(run, "awsx:ec2:Vpc").inputs;
    expect(vpc.numberOfAvailabilityZones).toBe(2);
    expect(vpc.natGateways).toEqual({ strategy: "None" });
  });

  it("runs its one task on Fargate Spot only", () => {
    expect(oneOf(run, "aws:ecs/service:Service").inputs.capacityProviderStrategies).toEqual([{ capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 }]);
  });

  it("uses a single-AZ micro database that can be deleted without a snapshot", () => {
    const instance = oneOf(run, "aws:rds/instance:Instance").inputs;
    expect(instance).toMatchObject({
      instanceClass: "db.t4g.micro",
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
    });
    expect(instance.finalSnapshotIdentifier).toBeUndefined();
  });

  it("names its task definition family after the stack, so dev and prod revisions never mix", () => {
    expect(oneOf(run, "aws:ecs/taskDefinition:TaskDefinition").inputs.family).toBe("litellm-proxy-dev");
  });

  it("has no WAF: no web ACL, no association, no WAF cost line", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    for (const type of ["aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclAssociation:WebAclAssociation", "litellm-gateway:index:WebApplicationFirewall"]) {
      expect(types.has(type), type).toBe(false);
    }
    expect(run.outputs.webAclArn).toBeUndefined();
    expect((run.outputs.costEstimate as { item: string }[]).map((line) => line.item)).not.toContain("WAF web ACL and rules");
  });

  it("keeps logs for a week", () => {
    expect(oneChildOf(run, "litellm-gateway:index:ProxyService", "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).toBe(7);
  });

  it("serves plain HTTP on 80 with no redirect, because its stack file says allowPlainHttp: true", () => {
    expect(run.config["litellm-gateway:allowPlainHttp"]).toBe("true");
    const listeners = ofType(run, "aws:lb/listener:Listener");
    expect(listeners).toHaveLength(1);
    expect(listeners[0].inputs).toMatchObject({ port: 80, protocol: "HTTP" });
    expect(listeners[0].inputs.defaultActions[0].type).toBe("fixed-response");
    expect(run.outputs.url).toBe("http://litellm-ingress-alb-123.us-east-1.elb.amazonaws.com");
  });

  it("creates no certificate, no DNS record and no TLS component", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    for (const type of CERTIFICATE_AND_DNS_TYPES) {
      expect(types.has(type), type).toBe(false);
    }
    expect(run.warnings.some((warning) => warning.includes("placeholder"))).toBe(false);
  });

  it("grants Bedrock exactly the models the catalog serves on dev, and nothing of Bedrock when it serves none", () => {
    const devBedrock = catalogBedrockModels(catalog, "dev");
    const statements = rolePolicy(run, "task").Statement;
    expect(statements.filter((statement) => statement.Sid !== "ReadConfigObjects")).toEqual(bedrockInvokeStatements(devBedrock, ACCOUNT_ID));
    if (devBedrock.length === 0) {
      expect(JSON.stringify(statements)).not.toContain("bedrock");
    }
  });

  it("creates empty provider secrets and lists them for the operator when no key is in config", () => {
    expect(run.outputs.providerKeysAwaitingValues).toEqual(catalogSecretEnvNames(catalog, "dev"));
    const versions = ofType(run, "aws:secretsmanager/secretVersion:SecretVersion").map((version) => version.name);
    expect(versions.some((name) => name.includes("API_KEY"))).toBe(false);
    expect(run.warnings.some((warning) => warning.includes("put-secret-value"))).toBe(true);
    // Tasks cannot start yet, so `pulumi up` must not wait for a steady service.
    expect(oneOf(run, "aws:ecs/service:Service").inputs.waitForSteadyState).toBe(false);
  });
});
