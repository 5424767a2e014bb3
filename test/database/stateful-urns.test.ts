/**
 * The URNs of every stateful resource of the committed prod and dev stacks, pinned exactly as the
 * Pulumi engine writes them: `urn:pulumi:<stack>::<project>::<ancestors' types joined by $>$<type>::<name>`
 * (pulumi/pulumi sdk/go/common/resource/urn: "urn:pulumi:<Stack>::<Project>::<Qualified$Type$Name>::<Name>").
 *
 * Why: Pulumi knows a resource only by its URN. Rename a component's type, a component (its children
 * are named from its name) or a child, or move a child under another parent, and `pulumi up` creates
 * a new resource and deletes the old one: a new, EMPTY database; a new salt key, which leaves every
 * credential LiteLLM stored encrypted with the old one unreadable; a new master key, which locks out
 * every admin and script; new Redis and config bucket. A refactor must leave this list unchanged.
 * A deliberate rename needs `aliases: [<the old URN>]` on the resource (or on the component, with
 * the children's old names) so Pulumi moves the state instead, and then this list changes in the
 * same commit.
 *
 * Under Pulumi's mocks a URN carries only the immediate parent's type, so the engine's URN is
 * rebuilt from the recorded parents with engineUrn (scripts/offline/plan-replacements.ts), the same
 * function the plan's replacement check uses.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { engineUrn } from "../../scripts/offline/plan-replacements";
import type { StackRun } from "../stack/stack-harness";
import { runStacksInChildren } from "../stack/stack-runs-in-children";

const GATEWAY = "litellm-gateway:index:LitellmGateway";
const DATABASE = `${GATEWAY}$litellm-gateway:index:Database`;
const SECRETS = `${GATEWAY}$litellm-gateway:index:GatewaySecrets`;
const REDIS = `${GATEWAY}$litellm-gateway:index:Redis`;
const CONFIG_BUCKET = `${GATEWAY}$litellm-gateway:index:ConfigBucket`;
const ALARMS = `${GATEWAY}$litellm-gateway:index:GatewayAlarms`;
const ACCESS_LOGS = `${GATEWAY}$litellm-gateway:index:AccessLogBucket`;
const FLOW_LOGS = `${GATEWAY}$litellm-gateway:index:VpcFlowLogs`;
const PROXY = `${GATEWAY}$litellm-gateway:index:ProxyService`;
const WAF = `${GATEWAY}$litellm-gateway:index:WebApplicationFirewall`;

/** The generated value, the secret that holds it and the version that stores it. */
function generatedSecret(name: string): string[] {
  return [
    `${SECRETS}$random:index/randomPassword:RandomPassword::${name}`,
    `${SECRETS}$aws:secretsmanager/secret:Secret::${name}`,
    `${SECRETS}$aws:secretsmanager/secretVersion:SecretVersion::${name}`,
  ];
}

/** Type chain and name of each stateful resource, with what a new URN would cost. */
const DATABASE_PINS = [
  `${DATABASE}$aws:rds/instance:Instance::litellm-database-instance`,
  `${DATABASE}$aws:rds/subnetGroup:SubnetGroup::litellm-database-subnets`,
  `${DATABASE}$aws:rds/parameterGroup:ParameterGroup::litellm-database-parameters`,
];
const COMMON_PINS: readonly (readonly [string, readonly string[]])[] = [
  ["the database (a new, empty instance)", DATABASE_PINS],
  ["the salt key (stored credentials unreadable)", generatedSecret("litellm-secrets-salt-key")],
  ["the master key (every admin locked out)", generatedSecret("litellm-secrets-master-key")],
  ["the database password", generatedSecret("litellm-secrets-database-password")],
  [
    "the config bucket and its config object",
    [`${CONFIG_BUCKET}$aws:s3/bucket:Bucket::litellm-config-bucket`, `${CONFIG_BUCKET}$aws:s3/bucketObjectv2:BucketObjectv2::litellm-config-config`],
  ],
  ["the alarm topic's KMS key", [`${ALARMS}$aws:kms/key:Key::litellm-alarms-topic-key`]],
  // A new URN deletes the logs kept so far: the evidence an investigation needs.
  [
    "the logs: access-log bucket, flow log group, container log group",
    [
      `${ACCESS_LOGS}$aws:s3/bucket:Bucket::litellm-access-logs-bucket`,
      `${FLOW_LOGS}$aws:cloudwatch/logGroup:LogGroup::litellm-flow-logs-logs`,
      `${PROXY}$aws:cloudwatch/logGroup:LogGroup::litellm-proxy-logs`,
    ],
  ],
];
/** Redis and the WAF (with its log group) run in prod only. */
const PROD_ONLY_PINS: readonly (readonly [string, readonly string[]])[] = [
  // The engine is not in the URN: the Redis OSS 7.1 -> Valkey 8.0 switch (components/redis.ts) keeps
  // this URN and is an in-place ModifyReplicationGroup, not a replacement.
  [
    "Redis and its AUTH token",
    [`${REDIS}$aws:elasticache/replicationGroup:ReplicationGroup::litellm-redis-group`, ...generatedSecret("litellm-secrets-redis-auth-token")],
  ],
  ["the WAF log group", [`${WAF}$aws:cloudwatch/logGroup:LogGroup::litellm-waf-logs`]],
];
/**
 * The components on the way to them: their own URNs do not reach AWS, but the children are named
 * from the component's name, so a changed component name shows here first and names the cause.
 */
const COMPONENT_PINS = [
  `${GATEWAY}::litellm`,
  `${DATABASE}::litellm-database`,
  `${SECRETS}::litellm-secrets`,
  `${CONFIG_BUCKET}::litellm-config`,
  `${ALARMS}::litellm-alarms`,
];

const PINS: Readonly<Record<string, readonly (readonly [string, readonly string[]])[]>> = {
  prod: [...COMMON_PINS, ...PROD_ONLY_PINS, ["the components", [...COMPONENT_PINS, `${REDIS}::litellm-redis`]]],
  dev: [...COMMON_PINS, ["the components", COMPONENT_PINS]],
};
const STACKS = Object.keys(PINS);

/** Types that hold state: every resource of these types in a committed stack must be pinned above. */
const STATEFUL_TYPES = [
  "aws:rds/instance:Instance",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "random:index/randomPassword:RandomPassword",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:kms/key:Key",
  "aws:cloudwatch/logGroup:LogGroup",
];

function urnPrefix(stack: string): string {
  return `urn:pulumi:${stack}::litellm-gateway::`;
}

const runs = new Map<string, StackRun>();

beforeAll(async () => {
  const results = await runStacksInChildren(STACKS.map((stack) => ({ stack })));
  STACKS.forEach((stack, index) => runs.set(stack, results[index]));
});

/** Every registration's URN as the engine writes it. */
function engineUrns(stack: string): string[] {
  const run = runs.get(stack);
  if (run === undefined) {
    throw new Error(`No run of stack ${stack}`);
  }
  const byUrn = new Map(run.resources.map((resource) => [resource.urn, resource]));
  return run.resources.map((resource) => engineUrn(resource, byUrn));
}

describe.each(STACKS)("%s stack: URNs of stateful resources", (stack) => {
  it.each(PINS[stack].map(([what, urns]) => [what, urns] as const))("keeps the URNs of %s", (_what, urns) => {
    const actual = new Set(engineUrns(stack));
    const missing = urns.map((urn) => urnPrefix(stack) + urn).filter((urn) => !actual.has(urn));
    expect(missing, "a new URN replaces the resource: restore the old type and name, or add aliases").toEqual([]);
  });

  it("pins every resource of a stateful type, so a new one cannot go unpinned", () => {
    const pinned = new Set(PINS[stack].flatMap(([, urns]) => urns.map((urn) => urnPrefix(stack) + urn)));
    const stateful = engineUrns(stack).filter((urn) => STATEFUL_TYPES.some((type) => urn.includes(`$${type}::`)));
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.filter((urn) => !pinned.has(urn))).toEqual([]);
  });
});

it("compares the engine's type chain, not the mocks' URNs (which carry only the parent's type)", () => {
  expect(engineUrns("prod")).toContain(`${urnPrefix("prod")}${DATABASE_PINS[0]}`);
  expect(runs.get("prod")?.resources.map((resource) => resource.urn)).not.toContain(`${urnPrefix("prod")}${DATABASE_PINS[0]}`);
});
