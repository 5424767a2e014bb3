/** The offline plan of the committed prod stack, checked against the same program run's registrations. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { compareText, servedAliasNames } from "../../config/catalog/catalog-for-stack";
import type { StackRun } from "../../offline/run-stack-offline";
import { formatPlanReport } from "../../scripts/offline/plan-report";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { committedStackTotalUsd, SECRET_USD_PER_MONTH, shippedCatalogKeys } from "./committed-stack-totals";
import { billOf, expectBillMatchesRegistrations, expectCompletePlan, expectFitsTerminal, lineCost } from "./plan-checks";

/** The master key, the salt key, the database password and the Redis AUTH token. */
const GENERATED_SECRETS = 4;

/** prod's Spot task on-demand instead (hand-computed below). */
const PROD_ON_DEMAND_EXTRA_USD = 7.43;

let run: StackRun;
let report: PlanReport;

beforeAll(async () => {
  run = await runStack("prod");
  report = await describeRun(run, { stack: "prod", outDir: mkdtempSync(path.join(tmpdir(), "plan-prod-")), includeConfig: true });
});

function properties(name: string) {
  const found = report.resources.flatMap((component) => component.resources).find((entry) => entry.name === name);
  if (found === undefined) {
    throw new Error(`no ${name} in the plan`);
  }
  return found.properties;
}

describe("offline plan of prod", () => {
  it("is complete, consistent and holds no secret value or 'undefined'", () => {
    expectCompletePlan(report, "prod");
  });

  it("reads in a 100-column terminal (the config.yaml of --show-config aside: it is printed as it is)", () => {
    expectFitsTerminal(formatPlanReport({ ...report, config: undefined }));
  });

  it("prices exactly what the program registers (3 tasks, 2 NAT gateways, Multi-AZ small, 2 zones, 2 Redis nodes, a 4-rule web ACL)", () => {
    const bom = billOf(run, "prod");
    expectBillMatchesRegistrations(run, bom);
    // The catalog's provider keys, the master key, the salt key, the database password and the Redis AUTH token.
    expect(bom).toMatchObject({ natGateways: 2, loadBalancer: { publicIpv4Addresses: 2 }, secrets: shippedCatalogKeys("prod").length + GENERATED_SECRETS });
    expect(bom.redis).toEqual({ nodeType: "cache.t4g.micro", nodes: 2 });
  });

  it("shows the Redis properties an operator reviews: size, failover, encryption both ways, a token never shown", () => {
    expect(properties("litellm-redis-group")).toEqual({
      engine: "valkey 8.0",
      nodeType: "cache.t4g.micro",
      nodes: 2,
      automaticFailover: true,
      multiAz: true,
      encryptionInTransit: true,
      encryptionAtRest: true,
      authToken: "[secret]",
      port: 6379,
    });
    expect(properties("litellm-redis-subnets")).toEqual({ subnets: 2 });
    expect(report.generatedSecrets).toContain("REDIS_PASSWORD");
  });

  it("prices the two Redis nodes (hand-computed)", () => {
    expect(lineCost(report, "ElastiCache for Valkey cache.t4g.micro")).toBe(18.69); // 2 x 730 h x $0.0128 = $18.688
    // 4 generated secrets + the catalog's keys (6 with its two) x $0.40
    expect(lineCost(report, "Secrets Manager secrets")).toBeCloseTo((GENERATED_SECRETS + shippedCatalogKeys("prod").length) * SECRET_USD_PER_MONTH, 2);
  });

  it("prices the WAF: $5 web ACL + 6 rules (3 managed groups + the rate rule + 2 body rules) x $1 + 1M requests x $0.60", () => {
    expect(billOf(run, "prod").waf).toEqual({ rules: 6 });
    expect(lineCost(report, "WAF web ACL and rules")).toBe(11.6);
  });

  it("shows the WAF's rules in order with their actions, the body-size override and the rate limit", () => {
    expect(properties("litellm-waf-acl")).toEqual({
      scope: "REGIONAL",
      defaultAction: "allow",
      "rule 0": "aws-ip-reputation: AWS AWSManagedRulesAmazonIpReputationList, its rules' own actions",
      "rule 1": "rate-limit-per-ip: block above 2000 requests per 300 s per IP",
      "rule 2": "body-too-large: block if content-length matches a 179-character regex",
      "rule 3": "body-without-length: block if (transfer-encoding size GT 0 or (method matches ^POST$|^PUT$|^PATCH$ and not content-length matches ^[0-9]+$))",
      "rule 4": "aws-common-rule-set: AWS AWSManagedRulesCommonRuleSet, its rules' own actions except SizeRestrictions_BODY -> count and CrossSiteScripting_BODY -> count and GenericLFI_BODY -> count",
      "rule 5": "aws-known-bad-inputs: AWS AWSManagedRulesKnownBadInputsRuleSet, its rules' own actions",
      metrics: "CloudWatch on and sampled requests on, for the ACL and each rule",
    });
    expect(properties("litellm-alarms-spend")).toEqual({ limit: "1000 USD, MONTHLY COST budget", notifies: "ACTUAL above 80%, FORECASTED above 100%" });
    expect(properties("litellm-waf-alb")).toEqual({
      protects: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/litellm-ingress-alb/0123456789abcdef",
    });
  });

  it("shows the production protections an operator reviews", () => {
    expect(properties("litellm-network-vpc")).toMatchObject({ availabilityZones: 2, natGateways: "OnePerAz" });
    expect(properties("litellm-database-instance")).toMatchObject({
      instanceClass: "db.t4g.small", multiAz: true, deletionProtection: true, skipFinalSnapshot: false, backupRetentionDays: 14,
    });
    expect(properties("litellm-proxy-service")).toMatchObject({ desiredCount: 3, network: "private subnets, no public IP" });
    expect(properties("litellm-proxy-task")).toMatchObject({ cpuUnits: 256, memoryMib: 1024 });
    expect(properties("litellm-proxy-logs")).toEqual({ retentionDays: 90 });
  });

  it("includes config.yaml itself with --show-config, serving the prod-only models", () => {
    const models = [...servedAliasNames(catalog, "prod")].sort(compareText);
    expect(report.models).toEqual(models);
    for (const model of models) {
      expect(report.config).toContain(`model_name: ${model}\n`);
    }
    for (const key of shippedCatalogKeys("prod")) {
      expect(report.config).toContain(`os.environ/${key}`);
    }
  });

  it("prices Multi-AZ storage and instance, and two NAT gateways (hand-computed)", () => {
    expect(lineCost(report, "RDS db.t4g.small (Multi-AZ)")).toBe(47.45); // 730 h x $0.065
    expect(lineCost(report, "RDS gp3 storage (Multi-AZ)")).toBe(11.5); // 50 GB x $0.23
    expect(lineCost(report, "NAT gateways")).toBe(65.7); // 2 x 730 h x $0.045
    expect(lineCost(report, "Public IPv4 addresses")).toBe(7.3); // 2 x 730 h x $0.005
    // 221.64 summed by hand in committed-stack-totals.ts, + $0.40 per provider key of the shipped
    // catalog (222.44 with its two).
    expect(report.cost.totalMonthlyUsd).toBe(committedStackTotalUsd("prod"));
    expect(report.cost.lines.map((line) => line.item)).not.toContain("Task public IPv4 addresses");
  });

  it("lists the alternatives: one NAT, public subnets (refused in prod, shown for its price), all on-demand", () => {
    // single-nat: 1 gateway and its address fewer: -(32.85 + 3.65) = -36.50.
    // public-subnets: -(2 x 32.85 + 2 x 3.65 + 0.45) + 3 tasks x 3.65 = -62.50.
    // All three tasks on-demand: 22.16 + 9.73 instead of 14.78 + 6.49 + 2.22 + 0.97 (24.46): +7.43.
    const alternatives = report.cost.alternatives ?? [];
    expect(alternatives.map(({ label, deltaUsd }) => ({ label, deltaUsd }))).toEqual([
      { label: "egress single-nat", deltaUsd: -36.5 },
      { label: "egress public-subnets", deltaUsd: -62.5 },
      { label: "capacity on-demand (instead of Spot)", deltaUsd: PROD_ON_DEMAND_EXTRA_USD },
    ]);
    for (const alternative of alternatives) {
      expect(alternative.monthlyUsd).toBeCloseTo(committedStackTotalUsd("prod") + alternative.deltaUsd, 2);
    }
    expect(alternatives[1].note).toContain("refused where dbDeletionProtection marks production");
  });

  it("prices the security logs kept a year at 1M requests (hand-computed)", () => {
    // Access logs: 1M x 500 B = 0.5 GB/month, 365/30 months kept x $0.023 = $0.1399; 2 nodes x 12 files/h
    // x 730 h = 17,520 PUTs x $0.005/1,000 = $0.0876: $0.23.
    expect(lineCost(report, "Load balancer access logs (S3)")).toBe(0.23);
    // WAF logs: 1M x 1,500 B = 1.5 GB x $0.50 = $0.75 + 1.5 GB x 365/30 x $0.03 = $0.5475: $1.30.
    expect(lineCost(report, "WAF logs (CloudWatch Logs)")).toBe(1.3);
    // Flow logs: 1M x 10 records x 150 B = 1.5 GB, priced as the WAF logs: $1.30.
    expect(lineCost(report, "VPC flow logs (CloudWatch Logs)")).toBe(1.3);
    expect(billOf(run, "prod").securityLogs).toEqual({ albAccessLogs: true, wafLogs: true, flowLogs: true, retentionDays: 365 });
  });

  it("shows the security logs an operator reviews: where, how long, what is redacted, who may write", () => {
    expect(properties("litellm-ingress-alb")).toMatchObject({ accessLogs: "s3://litellm-access-logs-bucket-0a1b2c/load-balancer" });
    expect(properties("litellm-access-logs-lifecycle")).toEqual({ expireAfterDays: 365, expireNoncurrentAfterDays: 365 });
    expect(properties("litellm-access-logs-policy").statements).toEqual(["Deny s3:*", "Allow s3:PutObject"]);
    expect(properties("litellm-waf-logging")).toEqual({
      logsTo: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-litellm-waf-prod"],
      redactedHeaders: ["authorization", "api-key", "x-api-key", "x-goog-api-key", "ocp-apim-subscription-key", "x-litellm-api-key", "cookie"],
    });
    expect(properties("litellm-waf-logs-policy")).toMatchObject({
      scope: "arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-litellm-waf-prod",
      AWSLogDeliveryWrite: expect.stringContaining("to Service delivery.logs.amazonaws.com if aws:SourceAccount StringEquals 123456789012"),
    });
    expect(properties("litellm-flow-logs-vpc")).toMatchObject({ vpc: "vpc-0123456789abcdef0", traffic: "ALL" });
    expect(properties("litellm-waf-logs")).toEqual({ retentionDays: 365 });
    expect(properties("litellm-flow-logs-logs")).toEqual({ retentionDays: 365 });
  });

  it("shows the custom domain: the certificate, its validation record, the alias record and the HTTPS listener", () => {
    expect(properties("litellm-tls-certificate")).toEqual({ domainName: "gateway.example.com", validation: "DNS" });
    expect(properties("litellm-tls-validation-record")).toMatchObject({
      record: "_0123456789abcdef0123456789abcdef.gateway.example.com. CNAME",
      to: ["_fedcba9876543210fedcba9876543210.xlfgrmvvlj.acm-validations.aws."],
    });
    expect(properties("litellm-tls-validation")).toMatchObject({ waitsForRecords: ["_0123456789abcdef0123456789abcdef.gateway.example.com"] });
    expect(properties("litellm-ingress-alias")).toMatchObject({
      record: "gateway.example.com A",
      to: "alias of litellm-ingress-alb-123.us-east-1.elb.amazonaws.com (zone Z35SXDOTRQ7X7K), evaluateTargetHealth true",
    });
    expect(properties("litellm-ingress-https")).toMatchObject({ listener: "HTTPS:443", tls: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(properties("litellm-ingress-http-redirect")).toMatchObject({ listener: "HTTP:80", action: "redirect to HTTPS:443" });
    const owners = Object.fromEntries(report.resources.flatMap((component) => component.resources.map((resource) => [resource.name, component.type])));
    expect(owners).toMatchObject({ "litellm-tls-certificate": "DomainCertificate", "litellm-ingress-alias": "LoadBalancer" });
  });

  it("asks to replace the placeholder zone and name before deploying, and warns why", () => {
    expect(report.settingsToSet.map((setting) => [setting.name, setting.command])).toEqual([
      ["hostedZone", "pulumi config set --stack prod hostedZone <your zone>"],
      ["domainName", "pulumi config set --stack prod domainName gateway.<your zone>"],
    ]);
    expect(report.warnings).toContainEqual(expect.stringContaining("hostedZone example.com is a documentation placeholder"));
    expect(formatPlanReport(report)).toContain("hostedZone: SET BEFORE DEPLOYING; example.com is a documentation placeholder");
  });

  it("notes that the hosted zone is the user's and the certificate and alias queries are free", () => {
    expect(report.cost.exclusions).toContainEqual(
      expect.stringContaining("the Route 53 hosted zone example.com is yours, not created by this stack (a hosted zone is $0.50/month)"),
    );
    expect(report.cost.exclusions.join(" ")).toContain("the ACM public certificate the stack issues is free");
    expect(report.cost.lines.map((line) => line.item).join(" ")).not.toMatch(/Route 53|ACM/);
  });

  it("exports the same estimate as a stack output", () => {
    expect(run.outputs.estimatedMonthlyCostUsd).toBe(committedStackTotalUsd("prod"));
    expect(run.outputs.costEstimate).toEqual(report.cost.lines);
  });
});
