/** The offline plan of the committed dev stack, checked against the same program run's registrations. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { compareText, servedAliasNames } from "../../config/catalog/catalog-for-stack";
import { GENERATED_MARKER } from "../../offline/run-stack-offline";
import type { StackRun } from "../../offline/run-stack-offline";
import { formatPlanReport } from "../../scripts/offline/plan-report";
import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { committedStackTotalUsd, shippedCatalogKeys, totalLinePattern } from "./committed-stack-totals";
import { billOf, expectBillMatchesRegistrations, expectCompletePlan, expectFitsTerminal } from "./plan-checks";

/** dev's Spot task on-demand instead (hand-computed below). */
const ON_DEMAND_EXTRA_USD = 7.44;

let run: StackRun;
let report: PlanReport;
const outDir = mkdtempSync(path.join(tmpdir(), "plan-dev-"));

beforeAll(async () => {
  run = await runStack("dev");
  report = await describeRun(run, { stack: "dev", outDir });
});

function resource(name: string) {
  const found = report.resources.flatMap((component) => component.resources).find((entry) => entry.name === name);
  if (found === undefined) {
    throw new Error(`no ${name} in the plan`);
  }
  return found;
}

describe("offline plan of dev", () => {
  it("is complete, consistent and holds no secret value or 'undefined'", () => {
    expectCompletePlan(report, "dev");
  });

  it("prices exactly what the program registers (task size, count, NAT, database, secrets, logs, zones)", () => {
    expectBillMatchesRegistrations(run, billOf(run, "dev"));
  });

  it("lists every AWS resource once, under the component that owns it", () => {
    const listed = report.resources.flatMap((component) => component.resources.map((entry) => entry.name)).sort();
    const expected = run.resources.filter((entry) => !entry.type.startsWith("litellm-gateway:")).map((entry) => entry.name).sort();
    expect(listed).toEqual(expected);
    expect(report.resources.map((component) => component.type)).toEqual([
      "Network", "NetworkSecurity", "GatewaySecrets", "Database", "ConfigBucket", "AccessLogBucket", "LoadBalancer", "ProxyService",
      "VpcFlowLogs", "GatewayAlarms",
    ]);
    const owner = (name: string) => report.resources.find((component) => component.resources.some((entry) => entry.name === name))?.type;
    expect(owner("litellm-database-instance")).toBe("Database");
    expect(owner("litellm-network-vpc")).toBe("Network");
    expect(owner("litellm-proxy-task")).toBe("ProxyService");
  });

  it("shows the properties an operator reviews", () => {
    expect(resource("litellm-network-vpc").properties).toMatchObject({ availabilityZones: 2, natGateways: "None", subnets: ["Public", "Isolated"] });
    expect(resource("litellm-database-instance").properties).toMatchObject({
      instanceClass: "db.t4g.micro", multiAz: false, deletionProtection: false, skipFinalSnapshot: true,
      publiclyAccessible: false, backupRetentionDays: 1, password: "[secret]",
    });
    expect(resource("litellm-proxy-task").properties).toMatchObject({
      cpuUnits: 256, memoryMib: 1024, cpuArchitecture: "X86_64", image: "ghcr.io/berriai/litellm:v1.108.7", workers: 1,
    });
    expect(resource("litellm-proxy-service").properties).toMatchObject({
      desiredCount: 1,
      network: "public subnets, a public IP per task (ingress from the load balancer's security group only)",
    });
    expect(resource("litellm-ingress-alb").properties).toMatchObject({ exposure: "public (internet-facing)", idleTimeoutSeconds: 900 });
    expect(resource("litellm-ingress-http").properties).toMatchObject({ listener: "HTTP:80", tls: "none (plain HTTP)" });
    expect(resource("litellm-security-alb-in-80-0-0-0-0-0").properties).toEqual({ port: "80/tcp", from: "0.0.0.0/0" });
    expect(resource("litellm-proxy-logs").properties).toEqual({ retentionDays: 7 });
    expect(resource("litellm-secrets-salt-key").properties).toMatchObject({ protect: true });
  });

  it("writes the config.yaml the program uploads, and says where", () => {
    expect(report.configPath).toBe(path.join(outDir, "dev", "config.yaml"));
    const uploaded = run.resources.find((entry) => entry.type === "aws:s3/bucketObjectv2:BucketObjectv2")?.inputs.content;
    expect(readFileSync(report.configPath, "utf8")).toBe(uploaded);
    expect(report.config).toBeUndefined();
    expect(report.models).toEqual([...servedAliasNames(catalog, "dev")].sort(compareText));
  });

  it("asks for every provider key the catalog serves on dev, none set yet, and for no TLS setting: plain HTTP is dev's explicit choice", () => {
    expect(report.secrets.map((secret) => [secret.name, secret.setInStackConfig])).toEqual(shippedCatalogKeys("dev").map((name) => [name, false]));
    expect(report.settingsToSet).toEqual([]);
  });

  it("totals the hand-computed dev estimate", () => {
    // 109.21 summed by hand in committed-stack-totals.ts, + $0.40 per provider key of the shipped
    // catalog (110.01 with its two).
    expect(report.cost.totalMonthlyUsd).toBe(committedStackTotalUsd("dev"));
    expect(report.cost.lines.filter((line) => line.item.startsWith("Fargate Spot")).every((line) => line.estimated)).toBe(true);
    // The same task on-demand: 7.39 + 3.24 (0.25 vCPU x 730 h x $0.04048, 1 GB x 730 h x $0.004445)
    // instead of Spot's 2.22 + 0.97 (0.25 x 730 x $0.012144, 1 x 730 x $0.001334): 7.44 more.
    expect(report.cost.alternatives).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: "capacity on-demand (instead of Spot)", monthlyUsd: expect.closeTo(committedStackTotalUsd("dev") + ON_DEMAND_EXTRA_USD, 2), deltaUsd: ON_DEMAND_EXTRA_USD }),
      ]),
    );
    // egress public-subnets: no NAT, the task's own IPv4 address instead (730 h x $0.005).
    expect(report.cost.lines.find((line) => line.item === "Task public IPv4 addresses")?.monthlyUsd).toBe(3.65);
    expect(report.cost.lines.map((line) => line.item).filter((item) => item.startsWith("NAT"))).toEqual([]);
    expect(report.cost.exclusions.join(" ")).not.toContain("Existing VPC");
  });

  it("lists the other egress modes and on-demand as alternatives, each total the committed one plus its difference", () => {
    // At dev's stated traffic nothing goes through NAT (natGb 0): nat-per-az: + 2 x 32.85 + 2 x 3.65
    // - 3.65 = +69.35; single-nat: + 32.85 + 3.65 - 3.65 = +32.85.
    const total = committedStackTotalUsd("dev");
    expect(report.cost.alternatives).toEqual([
      { label: "egress nat-per-az", monthlyUsd: expect.closeTo(total + 69.35, 2), deltaUsd: 69.35, note: expect.stringContaining("a NAT gateway per zone") },
      { label: "egress single-nat", monthlyUsd: expect.closeTo(total + 32.85, 2), deltaUsd: 32.85, note: expect.stringContaining("one NAT gateway") },
      { label: "capacity on-demand (instead of Spot)", monthlyUsd: expect.closeTo(total + ON_DEMAND_EXTRA_USD, 2), deltaUsd: ON_DEMAND_EXTRA_USD, note: expect.stringContaining("no Spot interruptions") },
    ]);
  });

  it("exports the same estimate as a stack output, at the default assumptions", () => {
    expect(run.outputs.estimatedMonthlyCostUsd).toBe(report.cost.totalMonthlyUsd);
    expect(run.outputs.costEstimate).toEqual(report.cost.lines);
  });

  it("passes on the program's warnings", () => {
    expect(report.warnings).toEqual(run.warnings);
    expect(report.warnings.some((warning) => warning.includes("put-secret-value"))).toBe(true);
    expect(report.warnings.some((warning) => warning.includes("Stack dev has no WAF") && warning.includes("request bodies are unlimited"))).toBe(true);
    expect(report.warnings.some((warning) => /certificate|placeholder|plain HTTP/.test(warning))).toBe(false);
  });

  it("reads in a terminal: every section, secrets masked", () => {
    const text = formatPlanReport(report);
    for (const heading of [
      "Resources `pulumi up` would create: ",
      "litellm-database (Database)",
      "config.yaml (uploaded to the config bucket",
      "Secrets and settings to provide before the first `pulumi up`",
      "Monthly cost estimate for us-east-1",
      "--nat-gb 0", // Pulumi.dev.yaml's expectedTraffic
      "Warnings from the program (4)", // keys awaiting values, unlimited request bodies (no WAF), and Pulumi's notes on the absent webAclArn and adminUiPasswordSecretArn
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(totalLinePattern("dev"));
    expect(text).toContain("capacity on-demand (instead of Spot)");
    expect(text).toContain("Alternatives (the monthly total with one choice changed, same assumptions):");
    // A NAT gateway (32.85) and its IPv4 (3.65), less the task's IPv4 (3.65); no GB through it at dev's traffic.
    expect(text).toMatch(/egress single-nat +\d+\.\d\d +\+32\.85 /);
    expect(text).toContain("result: [secret]");
    expect(text).not.toContain(GENERATED_MARKER);
    expect(text).not.toContain("undefined");
    expectFitsTerminal(text);
  });
});
