/**
 * The mock cloud: runs the REAL index.ts in-process under Pulumi's mocks with a Pulumi.<stack>.yaml
 * and records every registration (type, name, URN, parent, inputs, resource options), the stack
 * outputs and the warnings the program logs. Used by the stack tests and by `npm run plan`, so
 * both see one program run the same way.
 *
 * Mocks are process-global and index.ts runs once per process: one `runStack` per process.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import type * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

import { POSTGRES_PORT, REDIS_PORT } from "../config/litellm/network-ports";
import { assertNoPlainTextProviderKeys } from "../config/settings/plain-text-provider-keys";
import { availableStacks, committedStackFile, readStackFile, StackFileNotFoundError } from "../config/settings/stack-file";
import type { RegisteredResource } from "./plan-resources";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const ACCOUNT_ID = "123456789012";
/**
 * Who runs the offline `pulumi up`: a CI role session, as in the deploy workflows (an assumed-role
 * STS ARN; aws.iam.getSessionContext turns it into DEPLOYER_ROLE_ARN).
 */
export const DEPLOYER_ROLE_NAME = "litellm-gateway-deploy";
export const DEPLOYER_SESSION_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${DEPLOYER_ROLE_NAME}/offline-session`;
export const DEPLOYER_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/${DEPLOYER_ROLE_NAME}`;
/** The region the mocks report when the stack file sets no `aws:region`. */
export const REGION = "us-east-1";
/** The stack-file key of the region the program deploys to. */
export const AWS_REGION_KEY = "aws:region";
/** The root resource Pulumi's own walk of the exports registers; not part of the program. */
export const STACK_RESOURCE_TYPE = "pulumi:pulumi:Stack";

/** A registration as the plan reads it, plus the dependencies the stack tests assert on. */
export interface RecordedResource extends RegisteredResource {
  readonly dependsOn: readonly string[];
  /** The `customTimeouts.create` resource option, when set (e.g. "30m"). */
  readonly createTimeout?: string;
}

export interface StackRun {
  readonly resources: readonly RecordedResource[];
  /**
   * The stack outputs as Pulumi records them: the program's exports walked by Pulumi's own
   * runInPulumiStack, resolved, and without those whose value is undefined (Pulumi leaves them out
   * and warns "Undefined value (<name>) will not show as a stack output"; see `warnings`).
   */
  readonly outputs: Record<string, unknown>;
  /** Exports that are plain `undefined`: left out of the outputs by design (waf off, alarms off). */
  readonly absentOutputs: readonly string[];
  /** Exports that are an Output or a value but resolved to undefined: left out by accident. */
  readonly undefinedOutputs: readonly string[];
  /** What the program logged with pulumi.log.warn, in order. */
  readonly warnings: readonly string[];
  /** The config the program saw, keys with their namespace (`litellm-gateway:cpu`). */
  readonly config: Readonly<Record<string, string>>;
}

export interface RunStackOptions {
  /** A stack file to read instead of the committed Pulumi.<stack>.yaml. */
  readonly stackFile?: string;
  /**
   * Loads index.ts and returns its exports. By default a dynamic import, which runs the program
   * once per process; a caller that runs several stacks in one process passes a loader that
   * evaluates the program afresh each time (test/stack/stack-run-worker.ts).
   */
  readonly loadProgram?: () => Promise<Record<string, unknown>>;
  /** The Pulumi project the program runs as (its config namespace); default this repository's (Pulumi.yaml). */
  readonly project?: string;
}

// The stack-file readers every entry point shares; re-exported for the runner's callers.
export { availableStacks, StackFileNotFoundError };

export function projectName(): string {
  const project = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string };
  return project.name;
}

/**
 * The committed stack file of `stack`, or the file given. Throws StackFileNotFoundError for a stack
 * without a committed file; a given file that is missing fails when it is read (InputFileError).
 */
export function stackFilePath(stack: string, stackFile?: string): string {
  if (stackFile !== undefined) {
    return stackFile;
  }
  const file = committedStackFile(stack);
  if (!existsSync(file)) {
    throw new StackFileNotFoundError(stack, availableStacks());
  }
  return file;
}

/** The `config:` map of a stack file as YAML types it. @throws InputFileError, StackFileNotFoundError */
function stackFileConfig(stack: string, stackFile?: string): Record<string, unknown> {
  return readStackFile(stackFilePath(stack, stackFile)).config;
}

/** A `config:` map as Pulumi hands it to a program: every value a string. */
function asProgramConfig(fileConfig: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fileConfig).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

/** The stack file's `config:` map as Pulumi hands it to a program: every value a string. */
export function stackConfig(stack: string, stackFile?: string): Record<string, string> {
  return asProgramConfig(stackFileConfig(stack, stackFile));
}

/**
 * The subnets the mock awsx VPC reports per awsx subnet type (two per type, whatever the zone
 * count: the mock has no zones). A type the VPC's subnetSpecs do not ask for reports none.
 */
export const MOCK_SUBNET_IDS = {
  Private: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  Public: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
  Isolated: ["subnet-0000000000000000e", "subnet-0000000000000000f"],
} as const;

/** The key ID the mock cloud gives every KMS key (real ones are UUIDs like this). */
export const MOCK_KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
/** The id of the Route 53 hosted zone every getZone lookup finds. */
export const MOCK_ZONE_ID = "Z0123456789MOCKZONE";

/** Every mocked RandomPassword result starts with this, so tests can find where generated secrets went. */
export const GENERATED_MARKER = "GeNeRaTeD";

function generatedValue(name: string, length: number): string {
  return `${GENERATED_MARKER}${name.replace(/[^A-Za-z0-9]/g, "")}${"0".repeat(length)}`.slice(0, length);
}

/** UUID-shaped like Secrets Manager's version ids: the first 32 hex digits, grouped 8-4-4-4-12. */
const UUID_LAYOUT = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})/;

/**
 * A secret version's id as the mock cloud hands it out: a hash of the secret and its value (never
 * the value), so a run with another value gets another id, as a new PutSecretValue would.
 */
export function mockSecretVersionId(secretId: unknown, secretString: unknown): string {
  // JSON, not String(): a secret input arrives wrapped ({ <secret signature>, value }).
  const digest = createHash("sha256").update(JSON.stringify([secretId, secretString])).digest("hex");
  return (UUID_LAYOUT.exec(digest) ?? []).slice(1).join("-");
}

/** Outputs the program reads, per type; without them strings would silently contain "undefined". */
function mockState(args: pulumi.runtime.MockResourceArgs, region: string): { id: string; state: Record<string, unknown> } {
  const { name, inputs } = args;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;
  switch (args.type) {
    case "awsx:ec2:Vpc": {
      // As awsx does: subnet ids only for the types the specs ask for (none of a type means an
      // empty list), so a component that picks the wrong tier gets no subnets, not another tier's.
      const tiers = new Set(Array.isArray(inputs.subnetSpecs) ? (inputs.subnetSpecs as { type?: unknown }[]).map((spec) => spec.type) : []);
      const subnetsOf = (tier: keyof typeof MOCK_SUBNET_IDS) => (tiers.has(tier) ? [...MOCK_SUBNET_IDS[tier]] : []);
      return {
        id: `${name}-id`,
        state: {
          ...inputs,
          vpcId: "vpc-0123456789abcdef0",
          privateSubnetIds: subnetsOf("Private"),
          publicSubnetIds: subnetsOf("Public"),
          isolatedSubnetIds: subnetsOf("Isolated"),
        },
      };
    }
    case "random:index/randomPassword:RandomPassword":
      return { id: name, state: { ...inputs, result: generatedValue(name, inputs.length as number) } };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { id: `sg-${name}`, state: { ...inputs, arn: arn("ec2", `security-group/sg-${name}`) } };
    case "aws:secretsmanager/secret:Secret": {
      const secretArn = arn("secretsmanager", `secret:${name}-AbCdEf`);
      return { id: secretArn, state: { ...inputs, arn: secretArn, name } };
    }
    case "aws:secretsmanager/secretVersion:SecretVersion": {
      const versionId = mockSecretVersionId(inputs.secretId, inputs.secretString);
      return { id: `${String(inputs.secretId)}|${versionId}`, state: { ...inputs, versionId, arn: inputs.secretId } };
    }
    case "aws:s3/bucket:Bucket":
      return { id: `${name}-0a1b2c`, state: { ...inputs, bucket: `${name}-0a1b2c`, arn: `arn:aws:s3:::${name}-0a1b2c` } };
    case "aws:rds/instance:Instance": {
      const address = `${name}.c0ffee.${region}.rds.amazonaws.com`;
      return {
        id: name,
        state: {
          ...inputs,
          identifier: inputs.identifier ?? name,
          address,
          endpoint: `${address}:${POSTGRES_PORT}`,
          port: POSTGRES_PORT,
          arn: arn("rds", `db:${name}`),
        },
      };
    }
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      // Cluster mode disabled: clients use the primary endpoint, which follows failovers.
      return {
        id: name,
        state: {
          ...inputs,
          primaryEndpointAddress: `master.${name}.c0ffee.use1.cache.amazonaws.com`,
          readerEndpointAddress: `replica.${name}.c0ffee.use1.cache.amazonaws.com`,
          port: inputs.port ?? REDIS_PORT,
          arn: arn("elasticache", `replicationgroup:${name}`),
        },
      };
    case "aws:lb/loadBalancer:LoadBalancer": {
      const arnSuffix = `app/${name}/0123456789abcdef`;
      return {
        id: name,
        state: {
          ...inputs,
          dnsName: `${name}-123.${region}.elb.amazonaws.com`,
          // The canonical hosted zone of application load balancers in us-east-1 (alias records target it).
          zoneId: "Z35SXDOTRQ7X7K",
          arn: arn("elasticloadbalancing", `loadbalancer/${arnSuffix}`),
          arnSuffix,
        },
      };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const arnSuffix = `targetgroup/${name}/fedcba9876543210`;
      return { id: name, state: { ...inputs, name, arn: arn("elasticloadbalancing", arnSuffix), arnSuffix } };
    }
    case "aws:sns/topic:Topic": {
      const topicArn = arn("sns", name);
      return { id: topicArn, state: { ...inputs, name, arn: topicArn } };
    }
    case "aws:wafv2/webAcl:WebAcl": {
      // A regional web ACL's ARN: regional/webacl/<name>/<id>; its id is the UUID part.
      const id = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
      return { id, state: { ...inputs, name, arn: arn("wafv2", `regional/webacl/${name}/${id}`) } };
    }
    case "aws:kms/key:Key":
      // The topic names its key by ARN, the alias by key ID: both must be real-looking values.
      return { id: MOCK_KMS_KEY_ID, state: { ...inputs, keyId: MOCK_KMS_KEY_ID, arn: arn("kms", `key/${MOCK_KMS_KEY_ID}`) } };
    case "aws:acm/certificate:Certificate": {
      // DNS validation asks for one CNAME per name, under the name, pointing into acm-validations.aws.
      const certificateArn = arn("acm", "certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789");
      const domainName = String(inputs.domainName);
      return {
        id: certificateArn,
        state: {
          ...inputs,
          arn: certificateArn,
          domainValidationOptions: [
            {
              domainName,
              resourceRecordName: `_0123456789abcdef0123456789abcdef.${domainName}.`,
              resourceRecordType: "CNAME",
              resourceRecordValue: "_fedcba9876543210fedcba9876543210.xlfgrmvvlj.acm-validations.aws.",
            },
          ],
        },
      };
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { id: String(inputs.certificateArn), state: { ...inputs, certificateArn: inputs.certificateArn } };
    case "aws:route53/record:Record": {
      // The provider's fqdn has no trailing dot.
      const fqdn = String(inputs.name).replace(/\.$/, "");
      return { id: `${MOCK_ZONE_ID}_${fqdn}_${String(inputs.type)}`, state: { ...inputs, fqdn } };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      // A name the program gives (the WAF's aws-waf-logs- group) is kept; otherwise a generated one.
      const groupName = typeof inputs.name === "string" ? inputs.name : `/ecs/${name}`;
      return { id: groupName, state: { ...inputs, name: groupName, arn: arn("logs", `log-group:${groupName}`) } };
    }
    default:
      return { id: `${name}-id`, state: { ...inputs, name: inputs.name ?? name, arn: arn("mock", `${args.type}/${name}`) } };
  }
}

function mockCall(args: pulumi.runtime.MockCallArgs, region: string): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT_ID, arn: DEPLOYER_SESSION_ARN, userId: "AROAOFFLINEDEPLOYER:offline-session" };
    case "aws:iam/getSessionContext:getSessionContext": {
      // The provider's rule (terraform-provider-aws iam/session_context_data_source.go): an
      // assumed-role ARN gives its role's ARN (read with iam:GetRole, so with the role's path; the
      // mock's role has none), any other ARN passes through.
      const arn = String(args.inputs.arn);
      const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
      return session === null
        ? { arn, issuerArn: arn, issuerId: "", issuerName: "", sessionName: "" }
        : { arn, issuerArn: `arn:aws:iam::${session[1]}:role/${session[2]}`, issuerId: "AROAOFFLINEDEPLOYER", issuerName: session[2], sessionName: session[3] };
    }
    case "aws:index/getRegion:getRegion":
      return { region, name: region, id: region };
    case "aws:route53/getZone:getZone": {
      // Any public zone asked for exists here; in an account, a zone that does not exists fails the lookup.
      const name = String(args.inputs.name);
      return { id: MOCK_ZONE_ID, zoneId: MOCK_ZONE_ID, name, privateZone: false, arn: `arn:aws:route53:::hostedzone/${MOCK_ZONE_ID}` };
    }
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    default:
      throw new Error(`Unexpected invoke in the offline stack run: ${args.token}. Add its result to offline/run-stack-offline.ts.`);
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getCustomtimeouts(): { getCreate(): string } | undefined;
}

interface MonitorLike {
  registerResource(request: RegisterRequest, callback: unknown): Promise<void>;
  getRegisteredResources(): Map<string, { urn: string }>;
}

type RecordedOptions = Pick<RecordedResource, "parent" | "custom" | "protect" | "retainOnDelete" | "ignoreChanges" | "dependsOn" | "createTimeout">;

async function settle(sdk: typeof pulumi, values: unknown[]): Promise<unknown[]> {
  return Promise.all(
    values.map((value) =>
      sdk.Output.isInstance(value)
        ? new Promise((resolve) => {
            (value as pulumi.Output<unknown>).apply((resolved) => {
              resolve(resolved);
              return resolved;
            });
          })
        : Promise.resolve(value),
    ),
  );
}

/** Keys with a namespace (`aws:region`) are taken as they are; others go in the project's namespace. */
function qualifiedConfig(project: string, extraConfig: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(extraConfig).map(([key, value]) => [key.includes(":") ? key : `${project}:${key}`, value]),
  );
}

/**
 * Runs index.ts for `stack` with its stack file plus `extraConfig` (keys without the project
 * prefix, or with a namespace such as `aws:region`; values as `pulumi config set` would store them).
 * A wrong setting or catalog rejects with the program's own error, as `pulumi up` would report it.
 */
export async function runStack(
  stack: string,
  extraConfig: Record<string, string> = {},
  options: RunStackOptions = {},
): Promise<StackRun> {
  const project = options.project ?? projectName();
  // As the program itself refuses it under `pulumi up` (config/settings/load-stack-settings.ts),
  // for whichever stack file this run reads.
  const stackFile = stackFilePath(stack, options.stackFile);
  const fileConfig = stackFileConfig(stack, options.stackFile);
  assertNoPlainTextProviderKeys(fileConfig, stack, path.basename(stackFile));
  const config = { ...asProgramConfig(fileConfig), ...qualifiedConfig(project, extraConfig) };
  const region = config[AWS_REGION_KEY] ?? REGION;
  // Loaded here, not at the top: the stack tests import this file's constants without running a
  // stack, and @pulumi/pulumi takes most of a second to load.
  const sdk = await import("@pulumi/pulumi");
  const recorded = new Map<string, Pick<RecordedResource, "type" | "name" | "inputs">>();
  const warnings: string[] = [];

  await sdk.runtime.setMocks(
    {
      newResource: (args) => {
        recorded.set(`${args.type}::${args.name}`, { type: args.type, name: args.name, inputs: args.inputs });
        return mockState(args, region);
      },
      call: (args) => mockCall(args, region),
    },
    project,
    stack,
    false,
  );

  // Resource options never reach `newResource`: read them off the register request.
  // Written against @pulumi/pulumi 3.248.0, where waitForRPCs is @internal (runtime/settings.js)
  // and getMonitor's public type does not show the mock monitor's getRegisteredResources:
  // test/stack/pulumi-internals.test.ts fails by name if either goes in an upgrade.
  const settings = (await import("@pulumi/pulumi/runtime/settings")) as unknown as {
    getMonitor(): MonitorLike;
    waitForRPCs(): Promise<void>;
  };
  const monitor = settings.getMonitor();
  const optionsByKey = new Map<string, RecordedOptions>();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (request, callback) => {
    optionsByKey.set(`${request.getType()}::${request.getName()}`, {
      parent: request.getParent(),
      custom: request.getCustom(),
      protect: request.getProtect(),
      retainOnDelete: request.getRetainondelete(),
      ignoreChanges: request.getIgnorechangesList(),
      dependsOn: request.getDependenciesList(),
      ...(request.getCustomtimeouts()?.getCreate() ? { createTimeout: request.getCustomtimeouts()?.getCreate() } : {}),
    });
    return register(request, callback);
  };

  // Without an engine Pulumi prints log messages to the console; collect them instead, so a
  // caller (the plan's --json mode) owns stdout.
  const originalWarn = sdk.log.warn;
  const originalInfo = sdk.log.info;
  sdk.log.warn = (message: string) => {
    warnings.push(message);
    return Promise.resolve();
  };
  sdk.log.info = () => Promise.resolve();

  try {
    sdk.runtime.setAllConfig(config);
    const program = options.loadProgram === undefined ? ((await import("../index")) as Record<string, unknown>) : await options.loadProgram();
    const names = Object.keys(program).filter((key) => key !== "default" && key !== "__esModule");
    // `pulumi up` hands the module's exports to runInPulumiStack (@pulumi/pulumi cmd/run/run.js),
    // which walks them (runtime/stack.js: an undefined one is warned about and dropped) and registers
    // them as the stack's outputs, where an undefined property does not exist (runtime/rpc.js).
    const exported = Object.fromEntries(names.map((key) => [key, program[key]]));
    // The same function, through its public, typed export (pulumi.runtime re-exports runtime/stack
    // in @pulumi/pulumi 3.248.0): the outputs are walked exactly as `pulumi up` walks them, and tsc
    // fails here if an upgrade removes it (test/stack/pulumi-internals.test.ts checks it too).
    const walked = (await sdk.runtime.runInPulumiStack(() => Promise.resolve(exported))) ?? {};
    const values = await settle(sdk, names.map((key) => walked[key]));
    await settings.waitForRPCs();
    const dropped = names.filter((_, index) => values[index] === undefined);

    const registered = [...monitor.getRegisteredResources().values()].filter((entry) => !entry.urn.includes(`::${STACK_RESOURCE_TYPE}::`));
    const resources = registered.map((entry): RecordedResource => {
      const [, , qualifiedType, name] = entry.urn.split("::");
      const type = qualifiedType.split("$").at(-1) ?? qualifiedType;
      const key = `${type}::${name}`;
      const base = recorded.get(key);
      const resourceOptions = optionsByKey.get(key);
      if (base === undefined || resourceOptions === undefined) {
        throw new Error(`No recorded inputs for ${entry.urn}`);
      }
      return { ...base, ...resourceOptions, urn: entry.urn };
    });
    return {
      resources,
      outputs: Object.fromEntries(names.map((key, index) => [key, values[index]]).filter(([, value]) => value !== undefined)),
      absentOutputs: dropped.filter((key) => exported[key] === undefined),
      undefinedOutputs: dropped.filter((key) => exported[key] !== undefined),
      warnings,
      config,
    };
  } finally {
    sdk.log.warn = originalWarn;
    sdk.log.info = originalInfo;
  }
}
