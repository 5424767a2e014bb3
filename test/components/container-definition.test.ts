/** The LiteLLM container definition, built from plain values without Pulumi (config/litellm/container-definition.ts). */
import { describe, expect, it } from "vitest";

import { CONTAINER_NAME, litellmContainerDefinition, plainSecretClashes } from "../../config/litellm/container-definition";
import type { LitellmContainerInput } from "../../config/litellm/container-definition";
import { WRITABLE_PATHS, writableMountPoints, writableVolumes } from "../../config/litellm/container-filesystem";
import { PROXY_PORT } from "../../config/litellm/proxy-runtime";

const INPUT: LitellmContainerInput = {
  image: "ghcr.io/berriai/litellm:v1.0.0",
  workers: 2,
  configSource: { kind: "s3", bucketName: "config-bucket", objectKey: "config-abc123.yaml" },
  keepAliveTimeoutSeconds: 905,
  environment: { DATABASE_HOST: "db.internal", DATABASE_USER: "litellm" },
  secrets: [
    { name: "LITELLM_MASTER_KEY", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:master" },
    { name: "OPENAI_API_KEY", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:openai" },
  ],
  logGroupName: "proxy-logs-1234",
  region: "eu-west-1",
  stopTimeoutSeconds: 120,
};

interface Container {
  name: string;
  image: string;
  command: string[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  portMappings: { containerPort: number; protocol: string }[];
  stopTimeout: number;
  readonlyRootFilesystem: boolean;
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  user?: string;
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

function build(overrides: Partial<LitellmContainerInput> = {}): Container {
  return litellmContainerDefinition({ ...INPUT, ...overrides }) as unknown as Container;
}

function variables(container: Container): Record<string, string> {
  return Object.fromEntries(container.environment.map((variable) => [variable.name, variable.value]));
}

describe("the LiteLLM container definition", () => {
  it("runs the given image under the container name the service's load balancer mapping uses", () => {
    const container = build();
    expect(container.name).toBe(CONTAINER_NAME);
    expect(container.image).toBe(INPUT.image);
    expect(container.portMappings).toEqual([{ containerPort: PROXY_PORT, protocol: "tcp" }]);
  });

  it.each([
    ["one worker", { workers: 1 }, ["--port", String(PROXY_PORT), "--num_workers", "1", "--keepalive_timeout", "905"]],
    ["four workers", { workers: 4 }, ["--port", String(PROXY_PORT), "--num_workers", "4", "--keepalive_timeout", "905"]],
    ["another keep-alive", { keepAliveTimeoutSeconds: 65 }, ["--port", String(PROXY_PORT), "--num_workers", "2", "--keepalive_timeout", "65"]],
  ] as const)("puts flags only in the command (%s): the image's entrypoint already runs litellm", (_case, overrides, command) => {
    const container = build(overrides);
    expect(container.command).toEqual(command);
    expect(container.command).not.toContain("litellm");
    expect(container.command.every((argument) => !argument.includes("config-bucket"))).toBe(true);
  });

  it("passes the S3 config source and the region as plain variables, beside the caller's", () => {
    const environment = variables(build());
    expect(environment).toMatchObject({
      LITELLM_CONFIG_BUCKET_NAME: "config-bucket",
      LITELLM_CONFIG_BUCKET_OBJECT_KEY: "config-abc123.yaml",
      AWS_REGION: "eu-west-1",
      DATABASE_HOST: "db.internal",
      DATABASE_USER: "litellm",
      LITELLM_MODE: "PRODUCTION",
    });
  });

  it.each([
    ["as given", { B_VAR: "b", A_VAR: "a" }],
    ["reversed", { A_VAR: "a", B_VAR: "b" }],
  ])("sorts the environment by name whatever the input order (%s), so equal inputs give equal revisions", (_case, environment) => {
    const names = build({ environment }).environment.map((variable) => variable.name);
    expect(names).toEqual([...names].sort((left, right) => left.localeCompare(right)));
    expect(build({ environment })).toEqual(build({ environment: { A_VAR: "a", B_VAR: "b" } }));
  });

  it("injects secrets by reference only: no secret name among the plain variables", () => {
    const container = build();
    expect(container.secrets).toEqual(INPUT.secrets);
    const plainNames = container.environment.map((variable) => variable.name);
    for (const secret of container.secrets) {
      expect(plainNames).not.toContain(secret.name);
    }
  });

  it("writes its output to the given log group, in the task's region, under the container's prefix", () => {
    expect(build().logConfiguration).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": "proxy-logs-1234", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": CONTAINER_NAME },
    });
  });

  it("gives LiteLLM the stop timeout to drain in", () => {
    expect(build({ stopTimeoutSeconds: 77 }).stopTimeout).toBe(77);
  });

  it("has a read-only root (Security Hub ECS.5) with exactly the declared writable paths mounted read-write", () => {
    const container = build();
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.mountPoints).toEqual([{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
    expect(container.mountPoints.map((mount) => mount.containerPath)).toEqual(WRITABLE_PATHS.map((path) => path.containerPath));
    // The pinned image runs as root and a Fargate bind mount is writable by root only: no user override.
    expect(container.user).toBeUndefined();
  });
});

describe("the writable volumes", () => {
  it("name a task definition volume for every mount point, and nothing else", () => {
    expect(writableVolumes()).toEqual([{ name: "tmp" }]);
    expect(writableMountPoints().map((mount) => mount.sourceVolume)).toEqual(writableVolumes().map((volume) => volume.name));
  });

  it("are Fargate's empty task-local bind mounts: no host, no Docker or EFS configuration", () => {
    expect(writableVolumes().every((volume) => Object.keys(volume).join() === "name")).toBe(true);
  });

  it("are absolute, distinct paths with volume names ECS accepts", () => {
    const paths = WRITABLE_PATHS.map((path) => path.containerPath);
    expect(paths.every((path) => path.startsWith("/") && !path.endsWith("/"))).toBe(true);
    expect(new Set(paths).size).toBe(paths.length);
    // RegisterTaskDefinition, Volume.name: up to 255 letters, numbers, underscores and hyphens.
    expect(WRITABLE_PATHS.every((path) => /^[A-Za-z0-9_-]{1,255}$/.test(path.volumeName))).toBe(true);
  });
});

describe("a name that is both a plain variable and a secret", () => {
  const secret = (name: string) => ({ name, valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}` });

  it.each([
    ["no overlap", { HOST: "h" }, [secret("KEY")], []],
    ["no secrets", { HOST: "h" }, [], []],
    ["one clash", { KEY: "plain", HOST: "h" }, [secret("KEY")], ["KEY"]],
    ["two clashes, in the secrets' order", { B: "1", A: "2" }, [secret("B"), secret("C"), secret("A")], ["B", "A"]],
    ["an inherited property name is no clash", { HOST: "h" }, [secret("constructor")], []],
  ])("%s", (_case, environment, secrets, clashes) => {
    expect(plainSecretClashes(environment, secrets)).toEqual(clashes);
  });

  it.each([
    ["from the caller's environment", { environment: { OPENAI_API_KEY: "sk-plain" } }, "OPENAI_API_KEY"],
    ["from LiteLLM's runtime variables", { secrets: [{ name: "AWS_REGION", valueFrom: "arn:x" }] }, "AWS_REGION"],
  ])("is refused %s, naming the variable and the fix", (_case, overrides, variable) => {
    expect(() => build(overrides)).toThrow(new RegExp(`ProxyService: ${variable} would be both a plain variable and a secret.*Remove it from environment`));
  });
});
