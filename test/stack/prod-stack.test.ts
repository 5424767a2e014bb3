/** The real program with the committed Pulumi.prod.yaml: the highly available stack. */
import { beforeAll, describe, expect, it } from "vitest";

import { bedrockInvokeStatements } from "../../config/access/bedrock-permissions";
import { catalog } from "../../config/catalog";
import { compareText, servedAliasNames } from "../../config/catalog/catalog-for-stack";
import { catalogBedrockModels } from "../../config/catalog/catalog-secrets";
import { declareGatewayInvariants } from "./gateway-invariants";
import { declareRedisInvariants } from "./redis-invariants";
import { ACCOUNT_ID, ofType, oneChildOf, oneOf, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

describe("prod stack: invariants", () => {
  declareGatewayInvariants(() => run, { listenerPorts: [80, 443], allowedCidrs: ["0.0.0.0/0"], redis: true, url: "https://gateway.example.com" });
});

describe("prod stack: Redis shares the router state of its three tasks", () => {
  declareRedisInvariants(() => run, { nodeType: "cache.t4g.micro", nodes: 2 });
});

describe("prod stack: highly available", () => {
  it("runs at least two tasks over at least two zones, each zone with its own NAT gateway", () => {
    expect(oneOf(run, "aws:ecs/service:Service").inputs.desiredCount).toBeGreaterThanOrEqual(2);
    const vpc = oneOf(run, "awsx:ec2:Vpc").inputs;
    expect(vpc.numberOfAvailabilityZones).toBeGreaterThanOrEqual(2);
    expect(vpc.natGateways).toEqual({ strategy: "OnePerAz" });
    expect(vpc.subnetSpecs).toEqual([{ type: "Public" }, { type: "Private" }]);
  });

  it("keeps two tasks on Fargate on-demand and puts every task above them on Spot", () => {
    const service = oneOf(run, "aws:ecs/service:Service").inputs;
    expect(service.capacityProviderStrategies).toEqual([
      { capacityProvider: "FARGATE", base: 2, weight: 0 },
      { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 },
    ]);
    // The availability rule: two tasks in two zones whatever Spot does; the third task is Spot's.
    expect(service.capacityProviderStrategies[0].base).toBeGreaterThanOrEqual(2);
    expect(service.desiredCount).toBe(3);
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
    expect(oneChildOf(run, "litellm-gateway:index:ProxyService", "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).toBeGreaterThan(7);
  });

  it("lets the task role invoke exactly the catalog's Bedrock models on prod, and nothing else of Bedrock", () => {
    // The statements for a given model list are spelled out in test/components/access-policies.test.ts;
    // here: the program grants the ones of the catalog the stack serves, whatever models it lists.
    const statements = rolePolicy(run, "task").Statement;
    expect(statements.filter((statement) => statement.Sid !== "ReadConfigObjects")).toEqual(
      bedrockInvokeStatements(catalogBedrockModels(catalog, "prod"), ACCOUNT_ID),
    );
    // No wildcard model, profile or Region beyond the profile's own routing.
    expect(JSON.stringify(statements)).not.toMatch(/foundation-model\/\*|inference-profile\/\*/);
  });

  it("serves every alias of the catalog on prod, the prod-only ones included", () => {
    expect(run.outputs.models).toEqual([...servedAliasNames(catalog, "prod")].sort(compareText));
  });
});

describe("prod stack: HTTPS on its custom domain, from its own committed settings", () => {
  it("commits placeholder names and no plain-HTTP opt-in", () => {
    expect(run.config).toMatchObject({ "litellm-gateway:hostedZone": "example.com", "litellm-gateway:domainName": "gateway.example.com" });
    expect(run.config["litellm-gateway:allowPlainHttp"]).toBeUndefined();
    expect(run.config["litellm-gateway:certificateArn"]).toBeUndefined();
  });

  it("issues a DNS-validated ACM certificate for the name and validates it with the CNAME ACM asks for, in the looked-up zone", () => {
    const certificate = oneOf(run, "aws:acm/certificate:Certificate");
    expect(certificate.inputs).toEqual({ domainName: "gateway.example.com", validationMethod: "DNS" });
    const validationRecord = ofType(run, "aws:route53/record:Record").find((record) => record.name === "litellm-tls-validation-record");
    expect(validationRecord?.inputs).toEqual({
      zoneId: "Z0123456789MOCKZONE",
      name: "_0123456789abcdef0123456789abcdef.gateway.example.com.",
      type: "CNAME",
      records: ["_fedcba9876543210fedcba9876543210.xlfgrmvvlj.acm-validations.aws."],
      ttl: 300,
      // ACM reuses one validation CNAME per name and account: a name validated before must not block the deploy.
      allowOverwrite: true,
    });
    const validation = oneOf(run, "aws:acm/certificateValidation:CertificateValidation");
    expect(validation.inputs).toEqual({
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      validationRecordFqdns: ["_0123456789abcdef0123456789abcdef.gateway.example.com"],
    });
    expect(validation.dependsOn).toContain(validationRecord?.urn);
    // Waiting fails before the deploy job's 60 minutes, instead of the provider's 75.
    expect(validation.createTimeout).toBe("30m");
  });

  it("points the name at the load balancer with an alias A record that follows its targets' health", () => {
    const alias = ofType(run, "aws:route53/record:Record").find((record) => record.name === "litellm-ingress-alias");
    expect(alias?.inputs).toEqual({
      zoneId: "Z0123456789MOCKZONE",
      name: "gateway.example.com",
      type: "A",
      aliases: [{ name: "litellm-ingress-alb-123.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K", evaluateTargetHealth: true }],
    });
    expect(ofType(run, "aws:route53/record:Record")).toHaveLength(2);
  });

  it("serves HTTPS on the validated certificate with a TLS 1.2+ policy, redirects HTTP, and exports https://<domainName>", () => {
    const listeners = ofType(run, "aws:lb/listener:Listener");
    expect(listeners).toHaveLength(2);
    const https = listeners.find((listener) => listener.inputs.port === 443);
    expect(https?.inputs).toMatchObject({
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    });
    // The listener waits for the validation, so it never gets a certificate that is still pending.
    expect(https?.dependsOn).toContain(oneOf(run, "aws:acm/certificateValidation:CertificateValidation").urn);
    const http = listeners.find((listener) => listener.inputs.port === 80);
    expect(http?.inputs.defaultActions).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    expect(run.outputs.url).toBe("https://gateway.example.com");
  });

  it("warns that the committed zone is a placeholder that stops a real deploy at the zone lookup, with the fix", () => {
    const warning = run.warnings.find((text) => text.includes("placeholder"));
    expect(warning).toContain("hostedZone example.com is a documentation placeholder");
    expect(warning).toContain("stops at the Route 53 zone lookup");
    expect(warning).toContain("pulumi config set --stack prod hostedZone <your zone>");
  });
});
