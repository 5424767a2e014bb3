/**
 * Runs the REAL index.ts under Pulumi's mocks with a committed Pulumi.<stack>.yaml and records
 * every registration: type, name, URN (which shows the parent), inputs and resource options.
 * Each vitest file runs in its own process (pool: forks), so one call per file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  // Inputs are whatever the program passed; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inputs: Record<string, any>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
  readonly dependsOn: readonly string[];
}

export interface StackRun {
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
  readonly warnings: readonly string[];
}

export function projectName(): string {
  const project = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string };
  return project.name;
}

/** The stack file's `config:` map as Pulumi hands it to a program: every value a string. */
export function stackConfig(stack: string): Record<string, string> {
  const file = parse(readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(file.config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}

/** Every mocked RandomPassword result starts with this, so tests can find where generated secrets went. */
export const GENERATED_MARKER = "GeNeRaTeD";

function generatedValue(name: string, length: number): string {
  return `${GENERATED_MARKER}${name.replace(/[^A-Za-z0-9]/g, "")}${"0".repeat(length)}`.slice(0, length);
}

function arn(service: string, resource: string): string {
  return `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;
}

/** Outputs the program reads, per type; without them strings would silently contain "undefined". */
function mockState(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const { name, inputs } = args;
  switch (args.type) {
    case "awsx:ec2:Vpc":
      return {
        id: `${name}-id`,
        state: {
          ...inputs,
          vpcId: "vpc-0123456789abcdef0",
          privateSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
          publicSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
        },
      };
    case "random:index/randomPassword:RandomPassword":
      return { id: name, state: { ...inputs, result: generatedValue(name, inputs.length as number) } };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { id: `sg-${name}`, state: { ...inputs, arn: arn("ec2", `security-group/sg-${name}`) } };
    case "aws:secretsmanager/secret:Secret": {
      const secretArn = arn("secretsmanager", `secret:${name}-AbCdEf`);
      return { id: secretArn, state: { ...inputs, arn: secretArn, name } };
    }
    case "aws:s3/bucket:Bucket":
      return { id: `${name}-0a1b2c`, state: { ...inputs, bucket: `${name}-0a1b2c`, arn: `arn:aws:s3:::${name}-0a1b2c` } };
    case "aws:rds/instance:Instance": {
      const address = `${name}.c0ffee.${REGION}.rds.amazonaws.com`;
      return { id: name, state: { ...inputs, address, endpoint: `${address}:5432`, port: 5432, arn: arn("rds", `db:${name}`) } };
    }
    case "aws:lb/loadBalancer:LoadBalancer":
      return {
        id: name,
        state: { ...inputs, dnsName: `${name}-123.${REGION}.elb.amazonaws.com`, arn: arn("elasticloadbalancing", `loadbalancer/app/${name}`) },
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { id: `/ecs/${name}`, state: { ...inputs, name: `/ecs/${name}`, arn: arn("logs", `log-group:/ecs/${name}`) } };
    default:
      return { id: `${name}-id`, state: { ...inputs, name: inputs.name ?? name, arn: arn("mock", `${args.type}/${name}`) } };
  }
}

function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/test`, userId: "test" };
    case "aws:index/getRegion:getRegion":
      return { region: REGION, name: REGION, id: REGION };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    default:
      throw new Error(`Unexpected invoke in the stack tests: ${args.token}`);
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
}

interface MonitorLike {
  registerResource(request: RegisterRequest, callback: unknown): Promise<void>;
  getRegisteredResources(): Map<string, { urn: string }>;
}

async function settle(values: unknown[]): Promise<unknown[]> {
  return Promise.all(
    values.map((value) =>
      pulumi.Output.isInstance(value)
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

/**
 * Runs index.ts for `stack` with the committed stack file plus `extraConfig` (keys without the
 * project prefix, values as `pulumi config set` would store them).
 */
export async function runStack(stack: string, extraConfig: Record<string, string> = {}): Promise<StackRun> {
  const project = projectName();
  const recorded = new Map<string, Omit<RecordedResource, "urn">>();
  const warnings: string[] = [];

  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        recorded.set(`${args.type}::${args.name}`, {
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          protect: false,
          retainOnDelete: false,
          ignoreChanges: [],
          dependsOn: [],
        });
        return mockState(args);
      },
      call: mockCall,
    },
    project,
    stack,
    false,
  );

  // Resource options never reach `newResource`: read them off the register request.
  const settings = (await import("@pulumi/pulumi/runtime/settings")) as unknown as {
    getMonitor(): MonitorLike;
    waitForRPCs(): Promise<void>;
  };
  const monitor = settings.getMonitor();
  const options = new Map<string, Pick<RecordedResource, "protect" | "retainOnDelete" | "ignoreChanges" | "dependsOn">>();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (request, callback) => {
    options.set(`${request.getType()}::${request.getName()}`, {
      protect: request.getProtect(),
      retainOnDelete: request.getRetainondelete(),
      ignoreChanges: request.getIgnorechangesList(),
      dependsOn: request.getDependenciesList(),
    });
    return register(request, callback);
  };

  const originalWarn = pulumi.log.warn;
  pulumi.log.warn = (message: string) => {
    warnings.push(message);
    return Promise.resolve();
  };

  const config = { ...stackConfig(stack), ...Object.fromEntries(Object.entries(extraConfig).map(([key, value]) => [`${project}:${key}`, value])) };
  pulumi.runtime.setAllConfig(config);

  const program = (await import("../../index")) as Record<string, unknown>;
  const names = Object.keys(program).filter((key) => key !== "default" && key !== "__esModule");
  const values = await settle(names.map((key) => program[key]));
  await settings.waitForRPCs();
  pulumi.log.warn = originalWarn;

  const resources = [...monitor.getRegisteredResources().values()].map((entry) => {
    const [, , qualifiedType, name] = entry.urn.split("::");
    const type = qualifiedType.split("$").at(-1) ?? qualifiedType;
    const key = `${type}::${name}`;
    const base = recorded.get(key);
    if (base === undefined) {
      throw new Error(`No recorded inputs for ${entry.urn}`);
    }
    return { ...base, ...options.get(key), urn: entry.urn };
  });
  return { resources, outputs: Object.fromEntries(names.map((key, index) => [key, values[index]])), warnings };
}

/** Every registration of `type`; fails the test when there is none. */
export function ofType(run: StackRun, type: string): RecordedResource[] {
  const found = run.resources.filter((resource) => resource.type === type);
  if (found.length === 0) {
    throw new Error(`No ${type} registered; registered types: ${[...new Set(run.resources.map((r) => r.type))].join(", ")}`);
  }
  return found;
}

/** The single registration of `type`. */
export function oneOf(run: StackRun, type: string): RecordedResource {
  const found = ofType(run, type);
  if (found.length !== 1) {
    throw new Error(`Expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}

/** The parsed container definition of the LiteLLM container. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function litellmContainer(run: StackRun): Record<string, any> {
  const taskDefinition = oneOf(run, "aws:ecs/taskDefinition:TaskDefinition");
  const containers = JSON.parse(taskDefinition.inputs.containerDefinitions as string) as Record<string, unknown>[];
  if (containers.length !== 1) {
    throw new Error(`Expected one container, found ${containers.length}`);
  }
  return containers[0];
}

/** A parsed IAM policy document of the RolePolicy whose name contains `fragment`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rolePolicy(run: StackRun, fragment: string): { Statement: Record<string, any>[] } {
  const policies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((policy) => policy.name.includes(fragment));
  if (policies.length !== 1) {
    throw new Error(`Expected one role policy named *${fragment}*, found ${policies.length}`);
  }
  return JSON.parse(policies[0].inputs.policy as string) as { Statement: Record<string, unknown>[] };
}
