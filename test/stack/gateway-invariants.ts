/**
 * What must hold on EVERY stack, declared once and run by each stack's test file against the
 * real index.ts with that stack's committed settings.
 */
import { createHash } from "node:crypto";

import { expect, it } from "vitest";
import { parse } from "yaml";

import { CONFIG_OBJECT_WRITE_ACTIONS } from "../../config/access/config-bucket-policy";
import { checkAwsFields, formatFieldViolation } from "../../config/aws-rules/check-aws-fields";
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import { WRITABLE_PATHS } from "../../config/litellm/container-filesystem";
import { LITELLM_IMAGE, LITELLM_VERSION } from "../../config/litellm/litellm-release";
import { REDIS_CONFIG_ENV_NAMES } from "../../config/litellm/redis-environment";
import { isReservedEnvName } from "../../config/litellm/reserved-env-names";
import { ACCOUNT_ID, AWS_REGION_KEY, childrenOf, DEPLOYER_ROLE_ARN, GENERATED_MARKER, litellmContainer, ofType, oneChildOf, oneOf, REGION, rolePolicy } from "./stack-harness";
import type { RecordedResource, StackRun } from "./stack-harness";

const CONFIG_BUCKET = "litellm-gateway:index:ConfigBucket";
/** ELBv2 TargetGroupAttribute deregistration_delay.timeout_seconds: "The range is 0-3600 seconds." */
const MAX_DEREGISTRATION_DELAY_SECONDS = 3600;
/** ECS ContainerDefinition stopTimeout on Fargate: "the max stop timeout value is 120 seconds". */
const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;
/** Fargate Spot: "your tasks are interrupted with a two-minute warning". */
const SPOT_WARNING_SECONDS = 120;
/** litellm/constants.py GRACEFUL_SHUTDOWN_TEARDOWN_HEADROOM_SECONDS. */
const LITELLM_TEARDOWN_HEADROOM_SECONDS = 10;
const PROXY_SERVICE = "litellm-gateway:index:ProxyService";

/** Pulumi's marker for a secret value in serialized inputs. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Every string in `value`, with its path; secret-wrapped values are reported as such. */
function strings(value: Json, at = "", insideSecret = false): { path: string; text: string; secret: boolean }[] {
  if (typeof value === "string") {
    return [{ path: at, text: value, secret: insideSecret }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => strings(item, `${at}[${index}]`, insideSecret));
  }
  if (value !== null && typeof value === "object") {
    const isSecret = value[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE;
    return Object.entries(value).flatMap(([key, item]) => strings(item, `${at}.${key}`, insideSecret || isSecret));
  }
  return [];
}

function byNameSuffix(resources: readonly RecordedResource[], suffix: string): RecordedResource {
  const found = resources.filter((resource) => resource.name.endsWith(suffix));
  expect(found.map((resource) => resource.name)).toHaveLength(1);
  return found[0];
}

function ingressRules(run: StackRun, groupSuffix: string): Json[] {
  return ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    .filter((rule) => rule.inputs.securityGroupId === `sg-litellm-security-${groupSuffix}`)
    .map((rule) => rule.inputs);
}

function egressRules(run: StackRun, groupSuffix: string): Json[] {
  return ofType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
    .filter((rule) => rule.inputs.securityGroupId === `sg-litellm-security-${groupSuffix}`)
    .map((rule) => rule.inputs);
}

/** A rule reduced to what it allows, for exact comparisons. */
function allows(rule: Json): string {
  const peer = rule.cidrIpv4 ?? rule.referencedSecurityGroupId;
  return `${rule.ipProtocol}/${rule.fromPort}-${rule.toPort} ${peer}`;
}

export interface StackExpectations {
  readonly listenerPorts: readonly number[];
  readonly allowedCidrs: readonly string[];
  /** The stack has Redis (redisNodeType set): the tasks may also reach it on 6379. @default false */
  readonly redis?: boolean;
  /** The url output when the stack has a custom domain. @default the load balancer's DNS name, http or https */
  readonly url?: string;
  /** Tasks in public subnets with a public IP (egress public-subnets), not private ones behind NAT. @default false */
  readonly tasksInPublicSubnets?: boolean;
  /** Secrets the user brings by ARN (e.g. otel.headersSecretArn): injected, but not created by the stack. @default [] */
  readonly broughtSecretArns?: readonly string[];
}

/** Names config.yaml reads with os.environ/ that are not secrets: Redis's endpoint, a plain variable. */
const PLAIN_CONFIG_ENV_NAMES = ["REDIS_HOST", "REDIS_PORT"];

export function declareGatewayInvariants(getRun: () => StackRun, expected: StackExpectations): void {
  it("sends AWS only names, descriptions, identifiers and tags that AWS documents as valid, generated names included", () => {
    const result = checkAwsFields(getRun().resources);
    expect(result.violations.map(formatFieldViolation)).toEqual([]);
    // Every AWS type the stack declares has a row (or is stated to send no names): nothing is skipped.
    expect(result.uncoveredTypes).toEqual([]);
    expect(result.checkedValues).toBeGreaterThan(getRun().resources.length);
  });

  it("keeps the config bucket private, versioned, encrypted and TLS-only", () => {
    const run = getRun();
    const block = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
    expect(block).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status).toBe("Enabled");
    const encryption = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs;
    expect(encryption.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).toBe("AES256");

    const bucket = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucket:Bucket");
    const bucketArn = `arn:aws:s3:::${bucket.name}-0a1b2c`;
    const policy = JSON.parse(oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        // Only the deploying role (the mock's CI session, turned into its role by getSessionContext)
        // and the account root may write, overwrite or delete config objects.
        Sid: "DenyConfigWritesExceptDeployer",
        Effect: "Deny",
        Principal: "*",
        Action: [...CONFIG_OBJECT_WRITE_ACTIONS],
        Resource: [`${bucketArn}/*`],
        Condition: { ArnNotEquals: { "aws:PrincipalArn": [DEPLOYER_ROLE_ARN, `arn:aws:iam::${ACCOUNT_ID}:root`].sort() } },
      },
    ]);
    // The task role only reads them.
    expect(JSON.stringify(rolePolicy(run, "task"))).not.toMatch(/s3:(Put|Delete)/);
  });

  it("lets only ECS tasks of the deploying account, in the stack's region, assume the task and execution roles", () => {
    const run = getRun();
    const region = run.config[AWS_REGION_KEY] ?? REGION;
    const roles = ofType(run, "aws:iam/role:Role").filter((role) => /-(task|execution)-role$/.test(role.name));
    expect(roles.map((role) => role.name).sort()).toEqual(["litellm-proxy-execution-role", "litellm-proxy-task-role"]);
    for (const role of roles) {
      expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement, role.name).toEqual([
        {
          Sid: "EcsTasksOfThisAccountAndRegion",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            ArnLike: { "aws:SourceArn": `arn:aws:ecs:${region}:${ACCOUNT_ID}:*` },
            StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
          },
        },
      ]);
    }
  });

  it("names the config object by its content hash and keeps old ones for rollbacks", () => {
    const object = oneOf(getRun(), "aws:s3/bucketObjectv2:BucketObjectv2");
    const hash = createHash("sha256").update(object.inputs.content, "utf8").digest("hex");
    expect(object.inputs.key).toBe(`config/${hash}.yaml`);
    expect(object.retainOnDelete).toBe(true);
  });

  it("keeps the database encrypted, private, TLS-only, backed up and autoscaling", () => {
    const run = getRun();
    const instance = oneOf(run, "aws:rds/instance:Instance").inputs;
    expect(instance).toMatchObject({
      engine: "postgres",
      engineVersion: "17",
      storageEncrypted: true,
      publiclyAccessible: false,
      storageType: "gp3",
      vpcSecurityGroupIds: ["sg-litellm-security-database"],
    });
    expect(instance.maxAllocatedStorage).toBeGreaterThan(instance.allocatedStorage);
    expect(instance.backupRetentionPeriod).toBeGreaterThanOrEqual(1);
    const parameters = oneOf(run, "aws:rds/parameterGroup:ParameterGroup");
    expect(parameters.inputs.family).toBe("postgres17");
    // "immediate" (the provider's default) is refused for a static parameter; pending-reboot never is.
    expect(parameters.inputs.parameters).toContainEqual({ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" });
    expect(instance.parameterGroupName).toBe(parameters.inputs.name ?? parameters.name);
  });

  it("lets only the service reach the database, on 5432, and nothing out of it", () => {
    const run = getRun();
    expect(ingressRules(run, "database").map(allows)).toEqual(["tcp/5432-5432 sg-litellm-security-service"]);
    expect(egressRules(run, "database")).toEqual([]);
  });

  it("opens the load balancer only on its listener ports to the allowed CIDRs, and only toward the tasks", () => {
    const run = getRun();
    const expectedIngress = expected.allowedCidrs.flatMap((cidr) => expected.listenerPorts.map((port) => `tcp/${port}-${port} ${cidr}`));
    expect(ingressRules(run, "alb").map(allows).sort()).toEqual(expectedIngress.sort());
    expect(egressRules(run, "alb").map(allows)).toEqual(["tcp/4000-4000 sg-litellm-security-service"]);
  });

  it("lets the tasks take 4000 from the load balancer only and send only HTTPS out plus 5432 to the database (and 6379 to Redis)", () => {
    const run = getRun();
    expect(ingressRules(run, "service").map(allows)).toEqual(["tcp/4000-4000 sg-litellm-security-alb"]);
    const redisEgress = expected.redis === true ? ["tcp/6379-6379 sg-litellm-security-redis"] : [];
    expect(egressRules(run, "service").map(allows).sort()).toEqual(
      ["tcp/443-443 0.0.0.0/0", "tcp/5432-5432 sg-litellm-security-database", ...redisEgress].sort(),
    );
  });

  it("probes /health/liveliness, keeps idle streams open 900 s, and drains a stopping task for the longest request, or inside Spot's warning", () => {
    const run = getRun();
    const targets = oneOf(run, "aws:lb/targetGroup:TargetGroup").inputs;
    expect(targets).toMatchObject({ targetType: "ip", port: 4000, protocol: "HTTP" });
    const delay: number = targets.deregistrationDelay;
    // ELBv2 TargetGroupAttribute deregistration_delay.timeout_seconds: "The range is 0-3600 seconds."
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(MAX_DEREGISTRATION_DELAY_SECONDS);
    const container = litellmContainer(run);
    const environment = Object.fromEntries(container.environment.map((variable: Json) => [variable.name, variable.value]));
    const drain = Number(environment.GRACEFUL_SHUTDOWN_TIMEOUT);
    // ECS ContainerDefinition stopTimeout: "For tasks that use the Fargate launch type, the max stop timeout value is 120 seconds".
    expect(container.stopTimeout).toBe(FARGATE_MAX_STOP_TIMEOUT_SECONDS);
    // LiteLLM drains, then tears down (LiteLLM's 10 s headroom), and exits by itself before SIGKILL.
    expect(drain + LITELLM_TEARDOWN_HEADROOM_SECONDS).toBeLessThanOrEqual(container.stopTimeout);
    const strategy: Json[] = oneOf(run, "aws:ecs/service:Service").inputs.capacityProviderStrategies;
    if (strategy.some((item) => item.capacityProvider === "FARGATE_SPOT")) {
      // AWS: a delay under two minutes on target groups of FARGATE_SPOT tasks; ECS deregisters before
      // SIGTERM, so the drain, LiteLLM's own drain and its teardown all fit the 120 s warning.
      expect(delay).toBe(90);
      expect(drain).toBe(20);
      expect(delay).toBeLessThan(SPOT_WARNING_SECONDS);
      expect(delay + drain + LITELLM_TEARDOWN_HEADROOM_SECONDS).toBeLessThanOrEqual(SPOT_WARNING_SECONDS);
    } else {
      // ECS sends SIGTERM only after the delay: a request LiteLLM still waits on must not be cut first.
      const config = parse(oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content);
      expect(delay).toBe(600);
      expect(delay).toBe(config.litellm_settings.request_timeout);
      expect(delay).toBe(config.router_settings.timeout);
      expect(drain).toBe(110);
    }
    expect(targets.healthCheck).toMatchObject({ path: "/health/liveliness", matcher: "200" });
    const loadBalancer = oneOf(run, "aws:lb/loadBalancer:LoadBalancer").inputs;
    expect(loadBalancer).toMatchObject({ loadBalancerType: "application", idleTimeout: 900, dropInvalidHeaderFields: true });
    expect(loadBalancer.subnets).toEqual(["subnet-0000000000000000c", "subnet-0000000000000000d"]);
    const command: string[] = container.command;
    const keepAlive = Number(command[command.indexOf("--keepalive_timeout") + 1]);
    expect(keepAlive).toBeGreaterThan(loadBalancer.idleTimeout);
  });

  it("runs the pinned image with flags only, one worker per vCPU, config from the bucket", () => {
    const run = getRun();
    const container = litellmContainer(run);
    expect(container.image).toBe(LITELLM_IMAGE);
    expect(container.image).toMatch(new RegExp(`:v${LITELLM_VERSION.replaceAll(".", "\\.")}$`));
    const command: string[] = container.command;
    expect(command.some((argument) => /litellm/i.test(argument))).toBe(false);
    expect(command.every((argument, index) => index % 2 === 1 || argument.startsWith("--"))).toBe(true);
    expect(command).not.toContain("--config");
    const task = oneOf(run, "aws:ecs/taskDefinition:TaskDefinition").inputs;
    const vcpus = Math.max(1, Math.floor(Number(task.cpu) / 1024));
    expect(command[command.indexOf("--num_workers") + 1]).toBe(String(vcpus));
    const environment = Object.fromEntries(container.environment.map((variable: Json) => [variable.name, variable.value]));
    const object = oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs;
    expect(environment.LITELLM_CONFIG_BUCKET_NAME).toBe(object.bucket);
    expect(environment.LITELLM_CONFIG_BUCKET_OBJECT_KEY).toBe(object.key);
    expect(environment.DATABASE_HOST).toBe("litellm-database-instance.c0ffee.us-east-1.rds.amazonaws.com");
    expect(environment.DATABASE_SSLMODE).toBe("require");
    expect(environment.LITELLM_MODE).toBe("PRODUCTION");
    expect(task.runtimePlatform).toEqual({ operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
    // Read-only root; only the declared paths are writable, on the task's own empty volumes.
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.mountPoints).toEqual(WRITABLE_PATHS.map((path) => ({ sourceVolume: path.volumeName, containerPath: path.containerPath, readOnly: false })));
    expect(task.volumes).toEqual(WRITABLE_PATHS.map((path) => ({ name: path.volumeName })));
    expect(container.user).toBeUndefined();
    expect(container.logConfiguration.options["awslogs-group"]).toBe(`/ecs/${oneChildOf(run, PROXY_SERVICE, "aws:cloudwatch/logGroup:LogGroup").name}`);
  });

  it("reserves every variable the task sets itself, so no user-chosen name can collide with one (config/litellm/reserved-env-names.ts)", () => {
    const run = getRun();
    const yaml: string = oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content;
    // The config's os.environ/ names, less the Redis endpoint the task sets itself: the provider keys.
    const providerKeys = new Set(
      [...yaml.matchAll(/os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]).filter((name) => !REDIS_CONFIG_ENV_NAMES.includes(name)),
    );
    const container = litellmContainer(run);
    const taskNames: string[] = [...container.environment, ...container.secrets].map((variable: Json) => variable.name as string);
    expect(taskNames.length).toBeGreaterThan(providerKeys.size);
    expect(taskNames.filter((name) => !providerKeys.has(name) && !isReservedEnvName(name))).toEqual([]);
    expect([...providerKeys].filter((name) => isReservedEnvName(name))).toEqual([]);
  });

  it("injects every os.environ/ name of the config as an ECS secret, and the database password, master and salt keys", () => {
    const run = getRun();
    const yaml: string = oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content;
    const referenced = [...yaml.matchAll(/os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
    expect(referenced.length).toBeGreaterThan(0);
    const secretNames: string[] = litellmContainer(run).secrets.map((secret: Json) => secret.name);
    const plainNames: string[] = litellmContainer(run).environment.map((variable: Json) => variable.name);
    // Only a Redis endpoint may come from plain environment; everything else the config reads is a secret.
    for (const name of [...referenced, "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "DATABASE_PASSWORD"]) {
      expect(PLAIN_CONFIG_ENV_NAMES.includes(name) ? plainNames : secretNames, name).toContain(name);
    }
    const secretArns = [
      ...ofType(run, "aws:secretsmanager/secret:Secret").map((secret) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${secret.name}-AbCdEf`),
      ...(expected.broughtSecretArns ?? []),
    ];
    for (const secret of litellmContainer(run).secrets) {
      expect(secretArns).toContain(secret.valueFrom);
    }
  });

  it("puts no key-like value and no generated secret in any plain environment variable", () => {
    const run = getRun();
    const container = litellmContainer(run);
    const secretNames = new Set(container.secrets.map((secret: Json) => secret.name));
    const objectKey = oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.key;
    for (const variable of container.environment) {
      expect(secretNames.has(variable.name)).toBe(false);
      expect(variable.value).not.toContain(GENERATED_MARKER);
      expect(variable.name).not.toMatch(/API_KEY|MASTER_KEY|SALT_KEY|PASSWORD|SECRET|TOKEN/);
      // The object key holds the config's SHA-256: a long hex run that is public by design.
      if (variable.value !== objectKey) {
        expect(describeSecretValue(variable.value), `${variable.name}=${variable.value}`).toBeUndefined();
      }
    }
  });

  it("lets the execution role read exactly the injected secrets and write only its log group", () => {
    const run = getRun();
    const statements = rolePolicy(run, "execution").Statement;
    const secretStatement = statements.find((statement) => statement.Sid === "ReadInjectedSecrets");
    expect(secretStatement?.Action).toEqual(["secretsmanager:GetSecretValue"]);
    const injected = litellmContainer(run).secrets.map((secret: Json) => secret.valueFrom);
    expect([...(secretStatement?.Resource ?? [])].sort()).toEqual([...injected].sort());
    const logStatement = statements.find((statement) => statement.Sid === "WriteContainerLogs");
    expect(logStatement?.Resource).toEqual([expect.stringMatching(/^arn:aws:logs:.*:log-group:\/ecs\/litellm-proxy-logs:\*$/)]);
    expect(statements).toHaveLength(2);
    // No managed policy with wider rights is attached instead.
    expect(run.resources.filter((resource) => resource.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
  });

  it("lets the task role read only the bucket's config objects", () => {
    const run = getRun();
    const bucket = oneChildOf(run, CONFIG_BUCKET, "aws:s3/bucket:Bucket");
    const read = rolePolicy(run, "task").Statement.find((statement) => statement.Sid === "ReadConfigObjects");
    expect(read).toEqual({
      Sid: "ReadConfigObjects",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [`arn:aws:s3:::${bucket.name}-0a1b2c/config/*`],
    });
  });

  it("rolls back failed deployments, gives tasks a grace period and keeps them private (or public behind their group with public-subnets egress)", () => {
    const run = getRun();
    const service = oneOf(run, "aws:ecs/service:Service");
    expect(service.inputs.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(service.inputs.healthCheckGracePeriodSeconds).toBe(300);
    // Placement by capacity provider strategy; CreateService refuses launchType with it.
    expect(service.inputs.launchType).toBeUndefined();
    expect(service.inputs.capacityProviderStrategies.length).toBeGreaterThan(0);
    const providers = oneOf(run, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders");
    expect(providers.inputs.capacityProviders).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(providers.inputs.defaultCapacityProviderStrategies ?? []).toEqual([]);
    for (const item of service.inputs.capacityProviderStrategies as Json[]) {
      expect(providers.inputs.capacityProviders).toContain(item.capacityProvider);
    }
    // A strategy may name only providers already associated with the cluster.
    expect(service.dependsOn).toContain(providers.urn);
    expect(service.inputs.networkConfiguration).toEqual(
      expected.tasksInPublicSubnets === true
        ? { subnets: ["subnet-0000000000000000c", "subnet-0000000000000000d"], securityGroups: ["sg-litellm-security-service"], assignPublicIp: true }
        : { subnets: ["subnet-0000000000000000a", "subnet-0000000000000000b"], securityGroups: ["sg-litellm-security-service"], assignPublicIp: false },
    );
    expect(service.inputs.loadBalancers).toEqual([
      { targetGroupArn: expect.stringContaining("litellm-ingress-targets"), containerName: "litellm", containerPort: 4000 },
    ]);
    const listenerUrns = ofType(run, "aws:lb/listener:Listener").map((listener) => listener.urn);
    expect(service.dependsOn.some((urn) => listenerUrns.includes(urn))).toBe(true);
    // containerInsights is off in both committed stacks: declared "disabled", not left to the account default.
    expect(oneOf(run, "aws:ecs/cluster:Cluster").inputs.settings).toEqual([{ name: "containerInsights", value: "disabled" }]);
  });

  it("starts no task before what it reads at start exists: role policies, config object, every secret value", () => {
    const run = getRun();
    const service = oneOf(run, "aws:ecs/service:Service");
    // None of these is referred to by the task definition, so only dependsOn orders them.
    const readAtStart = [
      ...childrenOf(run, PROXY_SERVICE, "aws:iam/rolePolicy:RolePolicy"),
      oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2"),
      ...ofType(run, "aws:secretsmanager/secretVersion:SecretVersion"),
    ];
    expect(readAtStart.length).toBeGreaterThanOrEqual(5);
    for (const resource of readAtStart) {
      expect(service.dependsOn, resource.name).toContain(resource.urn);
    }
  });

  it("refuses to replace or delete the salt key", () => {
    const run = getRun();
    const salt = run.resources.filter((resource) => resource.name === "litellm-secrets-salt-key");
    expect(salt.map((resource) => resource.type).sort()).toEqual([
      "aws:secretsmanager/secret:Secret",
      "aws:secretsmanager/secretVersion:SecretVersion",
      "random:index/randomPassword:RandomPassword",
    ]);
    expect(salt.every((resource) => resource.protect)).toBe(true);
    const version = salt.find((resource) => resource.type === "aws:secretsmanager/secretVersion:SecretVersion");
    expect(version?.ignoreChanges).toContain("secretString");
    expect(version?.retainOnDelete).toBe(true);
  });

  it("generates an sk- master key and URL-safe passwords", () => {
    const run = getRun();
    const passwords = ofType(run, "random:index/randomPassword:RandomPassword");
    expect(passwords.every((password) => password.inputs.special === false && password.inputs.length >= 32)).toBe(true);
    const masterVersion = byNameSuffix(ofType(run, "aws:secretsmanager/secretVersion:SecretVersion"), "master-key");
    expect(masterVersion.inputs.secretString.value).toMatch(/^sk-[A-Za-z0-9]{32,}$/);
  });

  it("keeps generated secrets out of everything but Secrets Manager values and the RDS password and Redis AUTH token, always marked secret", () => {
    const run = getRun();
    for (const resource of run.resources) {
      for (const found of strings(resource.inputs).filter((entry) => entry.text.includes(GENERATED_MARKER))) {
        expect(found.secret, `${resource.name}${found.path}`).toBe(true);
        const allowed =
          (resource.type === "aws:secretsmanager/secretVersion:SecretVersion" && found.path.startsWith(".secretString")) ||
          (resource.type === "aws:rds/instance:Instance" && found.path.startsWith(".password")) ||
          (resource.type === "aws:elasticache/replicationGroup:ReplicationGroup" && found.path.startsWith(".authToken"));
        expect(allowed, `${resource.type} ${resource.name}${found.path}`).toBe(true);
      }
    }
    expect(JSON.stringify(run.outputs)).not.toContain(GENERATED_MARKER);
  });

  it("renders no 'undefined' or '[object Object]' into any resource input or output", () => {
    const run = getRun();
    for (const resource of run.resources) {
      for (const found of strings(resource.inputs)) {
        expect(found.text, `${resource.name}${found.path}`).not.toMatch(/undefined|\[object Object\]/);
      }
    }
    for (const found of strings(run.outputs)) {
      expect(found.text, found.path).not.toMatch(/undefined|\[object Object\]/);
    }
  });

  it("parents every resource under the component that owns its concern, and every component under the gateway", () => {
    const run = getRun();
    const expectedParents: Record<string, string> = {
      "litellm-gateway:index:Network": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:NetworkSecurity": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:GatewaySecrets": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:Database": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:ConfigBucket": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:LoadBalancer": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:ProxyService": "litellm-gateway:index:LitellmGateway",
      "awsx:ec2:Vpc": "litellm-gateway:index:Network",
      "aws:ec2/securityGroup:SecurityGroup": "litellm-gateway:index:NetworkSecurity",
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "litellm-gateway:index:NetworkSecurity",
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "litellm-gateway:index:NetworkSecurity",
      "aws:secretsmanager/secret:Secret": "litellm-gateway:index:GatewaySecrets",
      "aws:secretsmanager/secretVersion:SecretVersion": "litellm-gateway:index:GatewaySecrets",
      "random:index/randomPassword:RandomPassword": "litellm-gateway:index:GatewaySecrets",
      "aws:rds/instance:Instance": "litellm-gateway:index:Database",
      "aws:rds/subnetGroup:SubnetGroup": "litellm-gateway:index:Database",
      "aws:rds/parameterGroup:ParameterGroup": "litellm-gateway:index:Database",
      "litellm-gateway:index:Redis": "litellm-gateway:index:LitellmGateway",
      "aws:elasticache/replicationGroup:ReplicationGroup": "litellm-gateway:index:Redis",
      "aws:elasticache/subnetGroup:SubnetGroup": "litellm-gateway:index:Redis",
      "aws:lb/loadBalancer:LoadBalancer": "litellm-gateway:index:LoadBalancer",
      "aws:lb/targetGroup:TargetGroup": "litellm-gateway:index:LoadBalancer",
      "aws:lb/listener:Listener": "litellm-gateway:index:LoadBalancer",
      "aws:lb/listenerRule:ListenerRule": "litellm-gateway:index:LoadBalancer",
      "aws:ecs/service:Service": "litellm-gateway:index:ProxyService",
      "aws:ecs/taskDefinition:TaskDefinition": "litellm-gateway:index:ProxyService",
      "aws:ecs/cluster:Cluster": "litellm-gateway:index:ProxyService",
      "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": "litellm-gateway:index:ProxyService",
      // Autoscaling and alarms
      "litellm-gateway:index:ProxyAutoscaling": "litellm-gateway:index:LitellmGateway",
      "aws:appautoscaling/target:Target": "litellm-gateway:index:ProxyAutoscaling",
      "aws:appautoscaling/policy:Policy": "litellm-gateway:index:ProxyAutoscaling",
      "litellm-gateway:index:GatewayAlarms": "litellm-gateway:index:LitellmGateway",
      "aws:sns/topic:Topic": "litellm-gateway:index:GatewayAlarms",
      "aws:kms/key:Key": "litellm-gateway:index:GatewayAlarms",
      "aws:kms/alias:Alias": "litellm-gateway:index:GatewayAlarms",
      "aws:sns/topicSubscription:TopicSubscription": "litellm-gateway:index:GatewayAlarms",
      "aws:sns/topicPolicy:TopicPolicy": "litellm-gateway:index:GatewayAlarms",
      "aws:budgets/budget:Budget": "litellm-gateway:index:GatewayAlarms",
      "aws:cloudwatch/metricAlarm:MetricAlarm": "litellm-gateway:index:GatewayAlarms",
      // The WAF in front of the load balancer
      "litellm-gateway:index:WebApplicationFirewall": "litellm-gateway:index:LitellmGateway",
      // The certificate the stack issues for a custom domain; the alias record is the load balancer's
      "litellm-gateway:index:DomainCertificate": "litellm-gateway:index:LitellmGateway",
      "aws:acm/certificate:Certificate": "litellm-gateway:index:DomainCertificate",
      "aws:acm/certificateValidation:CertificateValidation": "litellm-gateway:index:DomainCertificate",
      "aws:wafv2/webAcl:WebAcl": "litellm-gateway:index:WebApplicationFirewall",
      "aws:wafv2/webAclAssociation:WebAclAssociation": "litellm-gateway:index:WebApplicationFirewall",
      // Forensic logs: the access-log bucket, WAF logging, the VPC's flow logs
      "litellm-gateway:index:AccessLogBucket": "litellm-gateway:index:LitellmGateway",
      "litellm-gateway:index:VpcFlowLogs": "litellm-gateway:index:LitellmGateway",
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": "litellm-gateway:index:WebApplicationFirewall",
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "litellm-gateway:index:WebApplicationFirewall",
      "aws:ec2/flowLog:FlowLog": "litellm-gateway:index:VpcFlowLogs",
    };
    // Types with more than one owner, told apart by the resource's name.
    const ownerByName = (resource: RecordedResource): string | undefined => {
      if (resource.type.startsWith("aws:s3/")) {
        return resource.name.startsWith("litellm-access-logs-") ? "litellm-gateway:index:AccessLogBucket" : CONFIG_BUCKET;
      }
      if (resource.type === "aws:route53/record:Record") {
        // Two owners: the certificate's validation record, and the load balancer's alias record.
        return resource.name.endsWith("-validation-record") ? "litellm-gateway:index:DomainCertificate" : "litellm-gateway:index:LoadBalancer";
      }
      if (["aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"].includes(resource.type)) {
        if (resource.name.startsWith("litellm-flow-logs-")) {
          return "litellm-gateway:index:VpcFlowLogs";
        }
        return resource.name.startsWith("litellm-waf-") ? "litellm-gateway:index:WebApplicationFirewall" : PROXY_SERVICE;
      }
      return undefined;
    };
    for (const resource of run.resources) {
      // The mock URN carries the immediate parent's type: `<parent type>$<type>`.
      const qualifiedType = resource.urn.split("::")[2];
      expect(resource.name.startsWith("litellm"), resource.urn).toBe(true);
      if (resource.type === "litellm-gateway:index:LitellmGateway") {
        expect(qualifiedType).toBe(resource.type);
        continue;
      }
      const owner = ownerByName(resource);
      if (owner !== undefined) {
        expect(qualifiedType, resource.urn).toBe(`${owner}$${resource.type}`);
        continue;
      }
      expect(expectedParents[resource.type], `unexpected type ${resource.type}`).toBeDefined();
      expect(qualifiedType, resource.urn).toBe(`${expectedParents[resource.type]}$${resource.type}`);
    }
    expect(run.resources.filter((resource) => resource.type === "litellm-gateway:index:LitellmGateway")).toHaveLength(1);
  });

  it("exports the URL, the master key's ARN, bucket, object key, log group and database endpoint", () => {
    const { outputs } = getRun();
    if (expected.url === undefined) {
      expect(outputs.url).toMatch(/^https?:\/\/litellm-ingress-alb-123\.us-east-1\.elb\.amazonaws\.com$/);
    } else {
      expect(outputs.url).toBe(expected.url);
    }
    expect(outputs.masterKeySecretArn).toMatch(/^arn:aws:secretsmanager:.*litellm-secrets-master-key/);
    expect(outputs.configBucketName).toBe("litellm-config-bucket-0a1b2c");
    expect(outputs.configObjectKey).toMatch(/^config\/[0-9a-f]{64}\.yaml$/);
    expect(outputs.logGroupName).toBe("/ecs/litellm-proxy-logs");
    expect(outputs.databaseEndpoint).toBe("litellm-database-instance.c0ffee.us-east-1.rds.amazonaws.com:5432");
  });
}

/**
 * What the stack declares only when it issues a certificate or writes DNS: the certificate, its
 * validation, Route 53 records and the component that owns them. A stack without a zone has none.
 */
export const CERTIFICATE_AND_DNS_TYPES: readonly string[] = [
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:route53/record:Record",
  "litellm-gateway:index:DomainCertificate",
];
