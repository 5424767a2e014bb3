/**
 * The policy pack against the committed stacks: every policy passes the resources the mocked dev
 * and prod stacks declare (prod with policy/production.json), and each catches a copy of a stack
 * broken in exactly its rule while every other policy still passes, so none is a check that cannot
 * fail.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { GATEWAY_POLICIES } from "../../policy/policies";
import { REPO_ROOT, runStack } from "../stack/stack-harness";
import type { GatewayPolicy, PolicyInput } from "./policy-harness";
import { policyInputs, violationsOf } from "./policy-harness";

type StackName = "dev" | "prod";

const PRODUCTION_CONFIG = JSON.parse(readFileSync(path.join(REPO_ROOT, "policy", "production.json"), "utf8")) as Record<string, Record<string, unknown>>;

/** A policy's pack config: prod runs with policy/production.json, as deploy.yml runs it. */
function configFor(policy: GatewayPolicy, stack: StackName): Record<string, unknown> {
  return stack === "prod" ? (PRODUCTION_CONFIG[policy.name] ?? {}) : {};
}

const recorded: Partial<Record<StackName, PolicyInput[]>> = {};

beforeAll(async () => {
  const [dev, prod] = await Promise.all([runStack("dev"), runStack("prod")]);
  recorded.dev = policyInputs(dev.resources);
  recorded.prod = policyInputs(prod.resources);
});

/** A fresh copy of a stack's resources, safe to break. */
function resourcesOf(stack: StackName): PolicyInput[] {
  return structuredClone(recorded[stack] ?? []);
}

function findOne(inputs: PolicyInput[], type: string, name?: string): PolicyInput {
  const found = inputs.filter((input) => input.type === type && (name === undefined || input.name === name));
  if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0];
}

const TASK = "aws:ecs/taskDefinition:TaskDefinition";

function editContainer(inputs: PolicyInput[], edit: (container: Record<string, unknown>) => void): void {
  const task = findOne(inputs, TASK);
  const containers = JSON.parse(task.props.containerDefinitions as string) as Record<string, unknown>[];
  edit(containers[0]);
  task.props.containerDefinitions = JSON.stringify(containers);
}

interface Mutation {
  readonly policy: string;
  readonly breaks: string;
  readonly stack: StackName;
  readonly mutate: (inputs: PolicyInput[]) => void;
  /** Part of the violation message: the resource's name and the rule. */
  readonly expected: readonly string[];
}

const RDS = "aws:rds/instance:Instance";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const MUTATIONS: readonly Mutation[] = [
  { policy: "litellm-database-encrypted-private", breaks: "storage not encrypted", stack: "dev", mutate: (r) => void (findOne(r, RDS).props.storageEncrypted = false), expected: ["litellm-database-instance", "storageEncrypted"] },
  { policy: "litellm-database-encrypted-private", breaks: "publicly accessible", stack: "prod", mutate: (r) => void (findOne(r, RDS).props.publiclyAccessible = true), expected: ["litellm-database-instance", "publicly accessible"] },
  { policy: "litellm-database-force-ssl", breaks: "rds.force_ssl off", stack: "prod", mutate: (r) => void (findOne(r, "aws:rds/parameterGroup:ParameterGroup").props.parameters = [{ name: "rds.force_ssl", value: "0" }]), expected: ["litellm-database-parameters", "rds.force_ssl"] },
  { policy: "litellm-database-backups", breaks: "backups off", stack: "dev", mutate: (r) => void (findOne(r, RDS).props.backupRetentionPeriod = 0), expected: ["litellm-database-instance", "backupRetentionPeriod is 0"] },
  { policy: "litellm-database-backups", breaks: "3 days in production", stack: "prod", mutate: (r) => void (findOne(r, RDS).props.backupRetentionPeriod = 3), expected: ["litellm-database-instance", "below 7 day(s) for a production stack"] },
  { policy: "litellm-database-deletion-guard", breaks: "no deletion protection", stack: "prod", mutate: (r) => void (findOne(r, RDS).props.deletionProtection = false), expected: ["litellm-database-instance", "deletionProtection"] },
  { policy: "litellm-database-deletion-guard", breaks: "final snapshot skipped", stack: "prod", mutate: (r) => void (findOne(r, RDS).props.skipFinalSnapshot = true), expected: ["litellm-database-instance", "final snapshot"] },
  { policy: "litellm-task-no-plain-secrets", breaks: "provider key in the plain environment", stack: "prod", mutate: (r) => editContainer(r, (c) => void (c.environment as unknown[]).push({ name: "GROQ_API_KEY", value: "placeholder" })), expected: ["litellm-proxy-task", "GROQ_API_KEY in its plain environment"] },
  { policy: "litellm-task-no-plain-secrets", breaks: "key-shaped value under an innocent name", stack: "dev", mutate: (r) => editContainer(r, (c) => void (c.environment as unknown[]).push({ name: "EXTRA_SETTING", value: `sk-${"a1B2".repeat(8)}` })), expected: ["litellm-proxy-task", "EXTRA_SETTING", "sk-..."] },
  { policy: "litellm-task-no-plain-secrets", breaks: "secret without valueFrom", stack: "prod", mutate: (r) => editContainer(r, (c) => void (c.secrets as unknown[]).push({ name: "GEMINI_API_KEY" })), expected: ["litellm-proxy-task", "GEMINI_API_KEY without valueFrom"] },
  { policy: "litellm-image-pinned", breaks: "main-latest tag", stack: "prod", mutate: (r) => editContainer(r, (c) => void (c.image = "ghcr.io/berriai/litellm:main-latest")), expected: ["litellm-proxy-task", "main-latest moves"] },
  { policy: "litellm-image-pinned", breaks: "no tag", stack: "dev", mutate: (r) => editContainer(r, (c) => void (c.image = "ghcr.io/berriai/litellm")), expected: ["litellm-proxy-task", "no tag"] },
  { policy: "litellm-listener-tls", breaks: "HTTP listener forwarding in production", stack: "prod", mutate: (r) => void (findOne(r, "aws:lb/listener:Listener", "litellm-ingress-http-redirect").props.defaultActions = [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/0" }]), expected: ["litellm-ingress-http-redirect", "without TLS"] },
  { policy: "litellm-listener-tls", breaks: "HTTPS listener turned HTTP in production", stack: "prod", mutate: (r) => void (findOne(r, "aws:lb/listener:Listener", "litellm-ingress-https").props.protocol = "HTTP"), expected: ["litellm-ingress-client-", "forwards traffic on the plain HTTP listener \"litellm-ingress-https\""] },
  { policy: "litellm-world-ingress", breaks: "database open to the world", stack: "dev", mutate: (r) => { const rule = findOne(r, INGRESS, "litellm-security-database-in-service"); delete rule.props.referencedSecurityGroupId; rule.props.cidrIpv4 = "0.0.0.0/0"; }, expected: ["litellm-security-database-in-service", "whole internet"] },
  { policy: "litellm-world-ingress", breaks: "SSH on the load balancer", stack: "prod", mutate: (r) => { const rule = findOne(r, INGRESS, "litellm-security-alb-in-443-0-0-0-0-0"); rule.props.fromPort = 22; rule.props.toPort = 22; }, expected: ["litellm-security-alb-in-443-0-0-0-0-0", "ports 22-22"] },
  { policy: "litellm-world-ingress", breaks: "inline ingress open to ::/0", stack: "prod", mutate: (r) => void (findOne(r, "aws:ec2/securityGroup:SecurityGroup", "litellm-security-redis").props.ingress = [{ protocol: "tcp", fromPort: 6379, toPort: 6379, ipv6CidrBlocks: ["::/0"] }]), expected: ["litellm-security-redis", "whole internet"] },
  { policy: "litellm-log-retention", breaks: "no retention", stack: "dev", mutate: (r) => void delete findOne(r, "aws:cloudwatch/logGroup:LogGroup", "litellm-proxy-logs").props.retentionInDays, expected: ["litellm-proxy-logs", "retentionInDays"] },
  { policy: "litellm-salt-key-protected", breaks: "salt key unprotected", stack: "prod", mutate: (r) => void (findOne(r, "aws:secretsmanager/secret:Secret", "litellm-secrets-salt-key").protect = false), expected: ["litellm-secrets-salt-key", "not protected"] },
  { policy: "litellm-salt-key-protected", breaks: "salt key's generated password unprotected", stack: "dev", mutate: (r) => void (findOne(r, "random:index/randomPassword:RandomPassword", "litellm-secrets-salt-key").protect = false), expected: ["litellm-secrets-salt-key", "random:index/randomPassword"] },
  { policy: "litellm-alarm-actions", breaks: "alarm without action", stack: "prod", mutate: (r) => void (findOne(r, "aws:cloudwatch/metricAlarm:MetricAlarm", "litellm-alarms-running-tasks").props.alarmActions = []), expected: ["litellm-alarms-running-tasks", "no alarmActions"] },
];

describe("the policy pack on the committed stacks", () => {
  it.each(["dev", "prod"] as const)("passes every policy on %s", async (stack) => {
    const inputs = resourcesOf(stack);
    for (const policy of GATEWAY_POLICIES) {
      expect({ policy: policy.name, violations: await violationsOf(policy, inputs, configFor(policy, stack)) }).toEqual({ policy: policy.name, violations: [] });
    }
  });

  it("refuses dev as a production stack: one-day backups, no deletion guard, plain HTTP", async () => {
    const inputs = resourcesOf("dev");
    const failing: string[] = [];
    for (const policy of GATEWAY_POLICIES) {
      if ((await violationsOf(policy, inputs, PRODUCTION_CONFIG[policy.name] ?? {})).length > 0) failing.push(policy.name);
    }
    expect(failing).toEqual(["litellm-database-backups", "litellm-database-deletion-guard", "litellm-listener-tls"]);
  });
});

describe("each policy catches its own violation and only its own", () => {
  it.each(MUTATIONS.map((mutation) => [`${mutation.policy}: ${mutation.breaks} (${mutation.stack})`, mutation] as const))("%s", async (_title, mutation) => {
    const inputs = resourcesOf(mutation.stack);
    mutation.mutate(inputs);
    for (const policy of GATEWAY_POLICIES) {
      const violations = await violationsOf(policy, inputs, configFor(policy, mutation.stack));
      if (policy.name === mutation.policy) {
        expect(violations.length, `${policy.name} reported nothing`).toBeGreaterThan(0);
        for (const fragment of mutation.expected) expect(violations.join("\n")).toContain(fragment);
        expect(violations.join("\n")).toContain("Fix:");
      } else {
        expect({ policy: policy.name, violations }).toEqual({ policy: policy.name, violations: [] });
      }
    }
  });

  it("has a broken stack for every policy of the pack", () => {
    expect(new Set(MUTATIONS.map((mutation) => mutation.policy))).toEqual(new Set(GATEWAY_POLICIES.map((policy) => policy.name)));
  });

  it("production.json configures exactly the policies that have a production setting", () => {
    const productionScoped = GATEWAY_POLICIES.filter((policy) => policy.configSchema?.properties?.production !== undefined).map((policy) => policy.name);
    expect(Object.keys(PRODUCTION_CONFIG).sort()).toEqual(productionScoped.sort());
  });
});
