/**
 * The plan's database-replacement check: what it records of a run, and what a comparison with a
 * baseline plan reports (a changed URN or force-new input warns; an unrelated change does not).
 */
import { describe, expect, it } from "vitest";

import { databaseChangesApply } from "../../offline/plan-resources";
import type { RegisteredResource } from "../../offline/plan-resources";
import { baselineIdentity, databaseIdentity, engineUrn, replacementWarnings } from "../../scripts/offline/plan-replacements";
import type { ResourceIdentity } from "../../scripts/offline/plan-replacements";
import { formatPlanReport } from "../../scripts/offline/plan-report";
import type { PlanReport } from "../../scripts/offline/plan-report";

const PREFIX = "urn:pulumi:prod::litellm-gateway";
const GATEWAY_URN = `${PREFIX}::litellm-gateway:index:LitellmGateway::litellm`;
/** The mocks' URN of the Database component: the parent's type only. */
const DATABASE_URN = `${PREFIX}::litellm-gateway:index:Database::litellm-database`;
const ENGINE_CHAIN = "litellm-gateway:index:LitellmGateway$litellm-gateway:index:Database";
const INSTANCE_TYPE = "aws:rds/instance:Instance";

function registration(type: string, name: string, parent: string, inputs: Record<string, unknown>, protect = true): RegisteredResource {
  const parentType = parent === "" ? "" : `${parent.split("::")[2].split("$").at(-1) ?? ""}$`;
  return { type, name, urn: `${PREFIX}::${parentType}${type}::${name}`, parent, custom: true, inputs, protect, retainOnDelete: false, ignoreChanges: [] };
}

function registrations(instanceInputs: Record<string, unknown> = {}, instanceName = "litellm-database-instance"): RegisteredResource[] {
  return [
    registration("pulumi:pulumi:Stack", "litellm-gateway-prod", "", {}, false),
    { ...registration("litellm-gateway:index:LitellmGateway", "litellm", "", {}, false), urn: GATEWAY_URN, custom: false },
    { ...registration("litellm-gateway:index:Database", "litellm-database", GATEWAY_URN, {}, false), urn: DATABASE_URN, custom: false },
    registration("aws:rds/subnetGroup:SubnetGroup", "litellm-database-subnets", DATABASE_URN, { subnetIds: ["a", "b"] }),
    registration("aws:rds/parameterGroup:ParameterGroup", "litellm-database-parameters", DATABASE_URN, { family: "postgres17", description: "TLS" }),
    registration(INSTANCE_TYPE, instanceName, DATABASE_URN, {
      engine: "postgres",
      engineVersion: "17",
      instanceClass: "db.t4g.medium",
      dbName: "litellm",
      username: "litellm",
      storageEncrypted: true,
      ...instanceInputs,
    }),
  ];
}

const baseline = databaseIdentity(registrations());

describe("databaseIdentity", () => {
  it("records the instance and its groups with the URN the engine writes and every force-new input", () => {
    expect(baseline.map((identity) => identity.type)).toEqual(["aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup", INSTANCE_TYPE]);
    const instance = baseline[2];
    expect(instance.urn).toBe(`${PREFIX}::${ENGINE_CHAIN}$${INSTANCE_TYPE}::litellm-database-instance`);
    expect(instance.protect).toBe(true);
    expect(instance.forceNewInputs).toMatchObject({ dbName: "litellm", username: "litellm", engine: "postgres", storageEncrypted: true, kmsKeyId: null });
    expect(instance.forceNewInputs).not.toHaveProperty("instanceClass");
    expect(baseline[1].forceNewInputs).toMatchObject({ family: "postgres17", description: "TLS" });
  });

  it("builds the type chain from the parents, leaving out the stack", () => {
    const resources = registrations();
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    expect(engineUrn(resources[2], byUrn)).toBe(`${PREFIX}::${ENGINE_CHAIN}::litellm-database`);
  });
});

describe("replacementWarnings", () => {
  it("reports nothing for the same program", () => {
    expect(replacementWarnings(baseline, databaseIdentity(registrations()))).toEqual([]);
  });

  it("reports nothing for changes that RDS makes in place (class, engine version, storage)", () => {
    const current = databaseIdentity(registrations({ instanceClass: "db.m7g.large", engineVersion: "18", allocatedStorage: 100 }));
    expect(replacementWarnings(baseline, current)).toEqual([]);
  });

  it.each([
    ["dbName", "gateway"],
    ["username", "admin"],
    ["storageEncrypted", false],
    ["kmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/abc"],
  ])("warns that the database would be replaced when %s changes", (key, value) => {
    const [warning, ...rest] = replacementWarnings(baseline, databaseIdentity(registrations({ [key]: value })));
    expect(rest).toEqual([]);
    expect(warning.kind).toBe("replaced");
    expect(warning.message).toContain("THE DATABASE litellm-database-instance would be REPLACED");
    expect(warning.message).toContain(`${key} `);
    expect(warning.message).toContain("EMPTY instance");
    expect(warning.message).toContain("It is protected");
  });

  it("warns about a new URN and names the alias that keeps the old one", () => {
    const [warning] = replacementWarnings(baseline, databaseIdentity(registrations({}, "litellm-db-instance")));
    expect(warning.kind).toBe("renamed");
    expect(warning.message).toContain(`aliases: ["${baseline[2].urn}"]`);
  });

  it("warns about a resource no longer declared", () => {
    const current = databaseIdentity(registrations().filter((resource) => resource.type !== "aws:rds/parameterGroup:ParameterGroup"));
    const [warning] = replacementWarnings(baseline, current);
    expect(warning).toMatchObject({ kind: "removed", type: "aws:rds/parameterGroup:ParameterGroup" });
    expect(warning.message).toContain("would DELETE it");
  });

  it("says so when protection is turned off in the same change, since Pulumi then replaces", () => {
    const current = databaseIdentity(registrations({ dbName: "gateway" })).map((identity) => ({ ...identity, protect: false }));
    expect(replacementWarnings(baseline, current)[0].message).toContain("Protection is turned off in the same change");
  });

  it("takes a new major's parameter group beside the old one as an addition, not a replacement", () => {
    const resources = registrations();
    const next = registration("aws:rds/parameterGroup:ParameterGroup", "litellm-database-parameters-postgres18", DATABASE_URN, { family: "postgres18", description: "TLS" });
    expect(replacementWarnings(baseline, databaseIdentity([...resources, next]))).toEqual([]);
  });
});

describe("baselineIdentity", () => {
  it("reads the identity of a plan of the same stack", () => {
    expect(baselineIdentity({ stack: "prod", databaseIdentity: baseline }, "prod")).toEqual(baseline);
  });

  it("returns undefined for a plan made before the identity existed", () => {
    expect(baselineIdentity({ stack: "prod" }, "prod")).toBeUndefined();
  });

  it("refuses another stack's plan, a file that is not a plan, and an edited identity", () => {
    expect(() => baselineIdentity({ stack: "dev", databaseIdentity: baseline }, "prod")).toThrow('a plan of stack "dev", not "prod"');
    expect(() => baselineIdentity([], "prod")).toThrow("not a plan");
    expect(() => baselineIdentity({ stack: "prod", databaseIdentity: [{ urn: 1 }] }, "prod")).toThrow("pass an unedited plan");
  });
});

describe("the plan's text", () => {
  const report = {
    stack: "prod",
    region: "us-east-1",
    resources: [],
    resourceCount: 0,
    configPath: "out/prod/config.yaml",
    models: [],
    secrets: [],
    generatedSecrets: [],
    settingsToSet: [],
    cost: {
      currency: "USD",
      hoursPerMonth: 730,
      lines: [{ component: "rds", item: "x", monthlyUsd: 1, basis: "b", estimated: false }],
      totalMonthlyUsd: 1,
      alternatives: [],
      assumptions: { albAverageLcu: 1, natProcessedGbPerMonth: 1, internetEgressGbPerMonth: 1, logIngestGbPerMonth: 1, requestsMillionsPerMonth: 1 },
      exclusions: [],
      pricesAsOf: "2026-11",
      pricesSource: "s",
    },
    warnings: [],
    awsFieldRules: { checkedValues: 1, rules: 1 },
    findings: [],
    databaseIdentity: baseline,
  } as unknown as PlanReport;

  it("puts the replacement warning right under the title", () => {
    const warnings = replacementWarnings(baseline, databaseIdentity(registrations({ dbName: "gateway" })));
    const lines = formatPlanReport({ ...report, replacementWarnings: warnings }).split("\n");
    expect(lines[2]).toBe("!!! WARNING: this change would replace or delete 1 database resource of the baseline plan !!!");
    expect(lines[3]).toContain("THE DATABASE litellm-database-instance would be REPLACED");
  });

  it("prints no such section when nothing would be replaced", () => {
    expect(formatPlanReport({ ...report, replacementWarnings: [] })).not.toContain("WARNING");
  });
});

describe("databaseChangesApply", () => {
  it("says when class and storage changes take effect, and what they cost then", () => {
    expect(databaseChangesApply({ applyImmediately: false, multiAz: true })).toContain("next weekly maintenance window");
    expect(databaseChangesApply({ applyImmediately: true, multiAz: true })).toContain("fails over to the standby");
    expect(databaseChangesApply({ applyImmediately: true, multiAz: false })).toContain("reboots the instance");
  });
});

// The identity type is part of the plan's JSON contract: a field renamed here breaks old baselines.
const contract: (keyof ResourceIdentity)[] = ["type", "name", "urn", "protect", "forceNewInputs"];
describe("the identity's JSON shape", () => {
  it("has exactly the fields a baseline is read with", () => {
    expect(Object.keys(baseline[0]).sort()).toEqual([...contract].sort());
  });
});
