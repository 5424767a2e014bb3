/**
 * Bring your own parts (issue 15, item 2) under the real program: each part the stack would create
 * is left out when the stack file names an existing one, the task gets its values from it, and the
 * execution role may read exactly what the task is given.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

import { litellmContainer, ofType, REPO_ROOT, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const MASTER_KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/litellm-master-key-AbCdEf";
const ECR_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:v1.108.7";
const REDIS_AUTH_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/valkey-auth-AbCdEf";
const EXISTING_REDIS = { host: "master.team-valkey.abc123.use1.cache.amazonaws.com", port: 6380, authTokenSecretArn: REDIS_AUTH_ARN };
const DATABASE_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-AbCdEf";
const DB_SETTINGS = ["dbInstanceClass", "dbAllocatedStorageGib", "dbMaxAllocatedStorageGib", "dbMultiAz", "dbDeletionProtection", "dbSkipFinalSnapshot", "dbBackupRetentionDays", "dbApplyImmediately", "dbAllowMajorVersionUpgrade"];
const MIRROR_IMAGE = `registry.example.com/mirror/litellm@sha256:${"0123456789abcdef".repeat(4)}`;

type Json = Record<string, unknown>;

let dev: StackRun;
let ownMasterKey: StackRun;
let ecrImage: StackRun;
let mirrorImage: StackRun;
let prod: StackRun;
let ownRedis: StackRun;
let ownDatabase: StackRun;

beforeAll(async () => {
  [dev, ownMasterKey, ecrImage, mirrorImage, prod, ownRedis, ownDatabase] = await Promise.all([
    runStack("dev"),
    runStack("dev", { existingMasterKeySecretArn: MASTER_KEY_ARN }),
    runStack("dev", { image: ECR_IMAGE }),
    runStack("dev", { image: MIRROR_IMAGE }),
    runStack("prod"),
    // prod runs three tasks: a Redis is required, and redisNodeType/redisNodes give way to yours.
    runStack("prod", { existingRedis: JSON.stringify(EXISTING_REDIS) }, { stackFile: prodWithout(["redisNodeType", "redisNodes"]) }),
    runStack("prod", { existingDatabase: JSON.stringify({ secretArn: DATABASE_SECRET_ARN }) }, { stackFile: prodWithout(DB_SETTINGS) }),
  ]);
});

/** Pulumi.prod.yaml after `pulumi config rm` of each of `settings`, in a file of its own. */
function prodWithout(settings: readonly string[]): string {
  const prodFile = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
  for (const setting of settings) {
    delete prodFile.config[`litellm-gateway:${setting}`];
  }
  const stackFile = path.join(mkdtempSync(path.join(tmpdir(), "prod-own-parts-")), "Pulumi.prod.yaml");
  writeFileSync(stackFile, stringify(prodFile));
  return stackFile;
}

function containerSecret(run: StackRun, name: string): string | undefined {
  return (litellmContainer(run).secrets as { name: string; valueFrom: string }[]).find((secret) => secret.name === name)?.valueFrom;
}

function readableSecrets(run: StackRun): string[] {
  const statement = rolePolicy(run, "execution").Statement.find((candidate) => candidate.Sid === "ReadInjectedSecrets");
  return [...((statement?.Resource as string[] | undefined) ?? [])];
}

describe("existingMasterKeySecretArn", () => {
  it("generates no master key and creates no secret for it", () => {
    const names = (run: StackRun, type: string) => ofType(run, type).map((resource) => resource.name);
    expect(names(dev, PASSWORD)).toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, PASSWORD)).not.toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, SECRET)).not.toContain("litellm-secrets-master-key");
    expect(names(ownMasterKey, SECRET)).toHaveLength(names(dev, SECRET).length - 1);
  });

  it("injects LITELLM_MASTER_KEY from the given secret, which the execution role may read", () => {
    expect(containerSecret(ownMasterKey, "LITELLM_MASTER_KEY")).toBe(MASTER_KEY_ARN);
    expect(readableSecrets(ownMasterKey)).toContain(MASTER_KEY_ARN);
    // Still exactly the injected secrets: the generated one's ARN is gone with it.
    const injected = (litellmContainer(ownMasterKey).secrets as Json[]).map((secret) => secret.valueFrom as string);
    expect(readableSecrets(ownMasterKey).sort()).toEqual([...injected].sort());
  });

  it("exports the given ARN as masterKeySecretArn, and no redeploy trigger for a value the stack does not write", () => {
    expect(ownMasterKey.outputs.masterKeySecretArn).toBe(MASTER_KEY_ARN);
    const service = ofType(ownMasterKey, "aws:ecs/service:Service")[0];
    expect(Object.keys(service.inputs.triggers as Json)).not.toContain("LITELLM_MASTER_KEY");
  });
});

describe("image", () => {
  it("runs the given image instead of the official one", () => {
    expect(litellmContainer(dev).image).toBe("ghcr.io/berriai/litellm:v1.108.7");
    expect(litellmContainer(ecrImage).image).toBe(ECR_IMAGE);
    expect(litellmContainer(mirrorImage).image).toBe(MIRROR_IMAGE);
  });

  it("an ECR image: the execution role logs in to ECR and pulls from that one repository only", () => {
    const statements = rolePolicy(ecrImage, "execution").Statement;
    expect(statements.find((statement) => statement.Sid === "EcrLogin")).toEqual({
      Sid: "EcrLogin",
      Effect: "Allow",
      Action: ["ecr:GetAuthorizationToken"],
      Resource: "*",
    });
    const pull = statements.find((statement) => statement.Sid === "PullLitellmImage");
    expect(pull?.Resource).toEqual(["arn:aws:ecr:us-east-1:123456789012:repository/ghcr/berriai/litellm"]);
    expect([...(pull?.Action as string[])].sort()).toEqual([
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:BatchImportUpstreamImage",
      "ecr:GetDownloadUrlForLayer",
    ]);
    // Nothing else changed in the role: the log and secret statements stay as they are.
    expect(statements).toHaveLength(rolePolicy(dev, "execution").Statement.length + 2);
  });

  it("another registry, and the official image: no ECR permission at all", () => {
    for (const run of [dev, mirrorImage]) {
      expect(JSON.stringify(rolePolicy(run, "execution"))).not.toContain("ecr:");
    }
  });
});

describe("existingRedis", () => {
  const environment = (run: StackRun) =>
    Object.fromEntries((litellmContainer(run).environment as { name: string; value: string }[]).map((variable) => [variable.name, variable.value]));

  it("creates no ElastiCache, no AUTH token and no Redis security group", () => {
    expect(ofType(prod, "aws:elasticache/replicationGroup:ReplicationGroup")).toHaveLength(1);
    for (const type of ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/subnetGroup:SubnetGroup", "litellm-gateway:index:Redis"]) {
      expect(ownRedis.resources.filter((resource) => resource.type === type), type).toEqual([]);
    }
    const names = ownRedis.resources.map((resource) => resource.name);
    expect(names.filter((name) => name.includes("redis-auth-token") || name === "litellm-security-redis")).toEqual([]);
  });

  it("points LiteLLM at it over TLS, with REDIS_PASSWORD from its secret, which the execution role may read", () => {
    expect(environment(ownRedis)).toMatchObject({ REDIS_HOST: EXISTING_REDIS.host, REDIS_PORT: "6380", REDIS_SSL: "true" });
    expect(containerSecret(ownRedis, "REDIS_PASSWORD")).toBe(REDIS_AUTH_ARN);
    expect(readableSecrets(ownRedis)).toContain(REDIS_AUTH_ARN);
  });

  it("renders the router's Redis settings as for a Redis the stack creates", () => {
    const config = (run: StackRun) => ofType(run, "aws:s3/bucketObjectv2:BucketObjectv2")[0].inputs.content as string;
    expect(config(ownRedis)).toContain("redis_host: os.environ/REDIS_HOST");
    expect(config(ownRedis)).toBe(config(prod));
  });

  it("lets the tasks send to its port (its own security group decides who gets in)", () => {
    const egress = ownRedis.resources.filter((resource) => resource.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    expect(egress.find((rule) => rule.name === "litellm-security-service-out-existing-redis")?.inputs).toMatchObject({ fromPort: 6380, toPort: 6380, ipProtocol: "tcp" });
    expect(egress.map((rule) => rule.name)).not.toContain("litellm-security-service-out-redis");
  });

  it("keeps the alarms (none of them reads the replication group)", () => {
    const alarms = (run: StackRun) => ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.name).sort();
    expect(alarms(ownRedis)).toEqual(alarms(prod));
  });
});

describe("existingDatabase", () => {
  it("creates no RDS instance, parameter group, subnet group, password or database security group", () => {
    expect(ofType(prod, "aws:rds/instance:Instance")).toHaveLength(1);
    for (const type of ["aws:rds/instance:Instance", "aws:rds/parameterGroup:ParameterGroup", "aws:rds/subnetGroup:SubnetGroup", "litellm-gateway:index:Database"]) {
      expect(ownDatabase.resources.filter((resource) => resource.type === type), type).toEqual([]);
    }
    const names = ownDatabase.resources.map((resource) => resource.name);
    expect(names.filter((name) => name.includes("database-password") || name === "litellm-security-database")).toEqual([]);
  });

  it("gives the task DATABASE_* from the secret's JSON keys (valueFrom <arn>:<key>::), and only the TLS mode as plain text", () => {
    expect(Object.fromEntries(["DATABASE_HOST", "DATABASE_USERNAME", "DATABASE_PASSWORD", "DATABASE_NAME"].map((name) => [name, containerSecret(ownDatabase, name)]))).toEqual({
      DATABASE_HOST: `${DATABASE_SECRET_ARN}:host::`,
      DATABASE_USERNAME: `${DATABASE_SECRET_ARN}:username::`,
      DATABASE_PASSWORD: `${DATABASE_SECRET_ARN}:password::`,
      DATABASE_NAME: `${DATABASE_SECRET_ARN}:dbname::`,
    });
    const plain = (litellmContainer(ownDatabase).environment as { name: string; value: string }[]).filter((variable) => variable.name.startsWith("DATABASE_"));
    expect(plain).toEqual([{ name: "DATABASE_SSLMODE", value: "require" }]);
  });

  it("lets the execution role read that secret, once, besides the other injected secrets", () => {
    const readable = readableSecrets(ownDatabase);
    expect(readable.filter((arn) => arn === DATABASE_SECRET_ARN)).toHaveLength(1);
    const secretArns = new Set((litellmContainer(ownDatabase).secrets as { valueFrom: string }[]).map((secret) => secret.valueFrom.replace(/:(host|username|password|dbname)::$/, "")));
    expect([...readable].sort()).toEqual([...secretArns].sort());
  });

  it("skips the three database alarms (they need the instance id), keeps the others, and exports no database endpoint", () => {
    const alarms = (run: StackRun) => ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.name).sort();
    expect(alarms(prod).filter((name) => !alarms(ownDatabase).includes(name))).toEqual([
      "litellm-alarms-database-connections",
      "litellm-alarms-database-cpu",
      "litellm-alarms-database-free-storage",
    ]);
    expect(alarms(ownDatabase).some((name) => name.includes("database"))).toBe(false);
    expect(ownDatabase.outputs.databaseEndpoint).toBeUndefined();
    expect(prod.outputs.databaseEndpoint).toBeDefined();
  });

  it("lets the tasks send to 5432 (the database's own security group decides who gets in), and prices no RDS", () => {
    const egress = ownDatabase.resources.filter((resource) => resource.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    expect(egress.find((rule) => rule.name === "litellm-security-service-out-existing-database")?.inputs).toMatchObject({ fromPort: 5432, toPort: 5432 });
    const components = (run: StackRun) => (run.outputs.costEstimate as { component: string }[]).map((line) => line.component);
    expect(components(prod)).toContain("database");
    expect(components(ownDatabase)).not.toContain("database");
  });
});
