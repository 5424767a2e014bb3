/**
 * The LiteLLM container as the ECS task definition declares it, built from plain values so it can
 * be tested without Pulumi: ProxyService resolves its Outputs and calls `litellmContainerDefinition`.
 * The command and the environment come from proxy-runtime.ts, the same functions the end-to-end
 * tests start LiteLLM with.
 */
import { writableMountPoints } from "./container-filesystem";
import { PROXY_PORT, proxyCommand, proxyEnvironment } from "./proxy-runtime";
import type { ConfigSource } from "./proxy-runtime";

/** The container's name: the service's load balancer mapping and the log stream prefix use it. */
export const CONTAINER_NAME = "litellm";

/** One injected secret, as the task definition's `secrets` list holds it. */
export interface ContainerSecretReference {
  /** The environment variable the value lands in. */
  readonly name: string;
  /** The secret's ARN (Secrets Manager), read by the execution role at task start. */
  readonly valueFrom: string;
}

export interface LitellmContainerInput {
  /** The pinned image, e.g. LITELLM_IMAGE. */
  readonly image: string;
  /** uvicorn worker processes (workersForCpu). */
  readonly workers: number;
  readonly configSource: ConfigSource;
  /** uvicorn's keep-alive timeout (PROXY_KEEP_ALIVE_TIMEOUT_SECONDS). */
  readonly keepAliveTimeoutSeconds: number;
  /** Plain variables beyond LiteLLM's runtime ones (database host, Redis endpoint...). No secrets. */
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: readonly ContainerSecretReference[];
  /** The CloudWatch Logs group the awslogs driver writes to. */
  readonly logGroupName: string;
  /** The task's region: boto3 resolves its endpoints from AWS_REGION, and awslogs writes there. */
  readonly region: string;
  /** Seconds between SIGTERM and SIGKILL (CONTAINER_STOP_TIMEOUT_SECONDS). */
  readonly stopTimeoutSeconds: number;
  /**
   * LiteLLM's drain on SIGTERM, shorter than stopTimeoutSeconds (taskStopTimings).
   * @default 110
   */
  readonly gracefulShutdownTimeoutSeconds?: number;
}

/**
 * Names that would be both a plain variable and a secret, in the secrets' order; empty when there is none. ECS
 * refuses a container definition that sets one name both ways, and a secret must never be plain.
 */
export function plainSecretClashes(
  environment: Readonly<Record<string, string>>,
  secrets: readonly ContainerSecretReference[],
): string[] {
  return secrets
    .filter((secret) => Object.hasOwn(environment, secret.name))
    .map((secret) => secret.name);
}

/**
 * The LiteLLM container definition (one element of the task definition's `containerDefinitions`).
 * Throws when a secret's name is also a plain variable.
 */
export function litellmContainerDefinition(input: LitellmContainerInput): Record<string, unknown> {
  const runtime = {
    workers: input.workers,
    configSource: input.configSource,
    keepAliveTimeoutSeconds: input.keepAliveTimeoutSeconds,
    ...(input.gracefulShutdownTimeoutSeconds === undefined ? {} : { gracefulShutdownTimeoutSeconds: input.gracefulShutdownTimeoutSeconds }),
  } as const;
  const variables: Record<string, string> = {
    ...proxyEnvironment(runtime),
    // boto3 (the S3 config read, Bedrock) resolves its endpoints from this.
    AWS_REGION: input.region,
    ...input.environment,
  };
  const clashes = plainSecretClashes(variables, input.secrets);
  if (clashes.length > 0) {
    throw new Error(
      `ProxyService: ${clashes.join(", ")} would be both a plain variable and a secret; secrets never go in environment. Remove it from environment.`,
    );
  }
  return {
    name: CONTAINER_NAME,
    image: input.image,
    essential: true,
    // Flags only: the image's entrypoint already runs `litellm`.
    command: proxyCommand(runtime),
    portMappings: [{ containerPort: PROXY_PORT, protocol: "tcp" }],
    // Sorted, so the same variables always give the same task definition (no spurious revision).
    environment: Object.entries(variables)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([variableName, value]) => ({ name: variableName, value })),
    secrets: input.secrets,
    // Security Hub ECS.5: nothing of the image is writable; LiteLLM writes only the task-local
    // volumes of WRITABLE_PATHS (the task definition declares them: writableVolumes). No `user`:
    // the pinned image runs as root and a Fargate bind mount is writable by root only (see
    // container-filesystem.ts).
    readonlyRootFilesystem: true,
    mountPoints: writableMountPoints(),
    // SIGTERM comes after the load balancer's deregistration delay; LiteLLM then drains
    // for GRACEFUL_SHUTDOWN_TIMEOUT (set in proxyEnvironment) and exits before SIGKILL.
    stopTimeout: input.stopTimeoutSeconds,
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": input.logGroupName,
        "awslogs-region": input.region,
        "awslogs-stream-prefix": CONTAINER_NAME,
      },
    },
  };
}
