import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { bedrockInvokeStatements, bedrockModelProblems } from "../config/access/bedrock-permissions";
import type { BedrockModelReference } from "../config/access/bedrock-permissions";
import { ecrPullStatements } from "../config/access/ecr-pull-permissions";
import { ecsTasksTrustPolicy } from "../config/access/ecs-trust-policy";
import { permissionsBoundaryOf } from "../config/access/permissions-boundary";
import { PROXY_KEEP_ALIVE_TIMEOUT_SECONDS, taskStopTimings } from "../config/litellm/connection-timeouts";
import type { TaskStopTimings } from "../config/litellm/connection-timeouts";
import { CONTAINER_NAME, litellmContainerDefinition } from "../config/litellm/container-definition";
import { writableVolumes } from "../config/litellm/container-filesystem";
import { ecrRepository, ecrRepositoryArn, IMAGE_FORM, imageProblem } from "../config/litellm/image-source";
import { LITELLM_IMAGE } from "../config/litellm/litellm-release";
import { PROXY_PORT } from "../config/litellm/proxy-runtime";
import { DEPLOYMENT_MAXIMUM_PERCENT } from "../config/settings/connection-budget";
import {
  CAPACITY_MODES,
  capacityProblems,
  capacityProviderStrategy,
  DEFAULT_ON_DEMAND_BASE,
  FARGATE_CAPACITY_PROVIDERS,
  usesSpot,
} from "../config/settings/fargate-capacity";
import type { CapacityMode, FargateCapacity } from "../config/settings/fargate-capacity";
import { fargateSizeProblems, workersForCpu } from "../config/settings/fargate-sizes";
import { desiredCountProblem } from "../config/settings/service-task-counts";
import { stackNameSegment } from "../config/settings/stack-name-segment";
import type { CpuArchitecture } from "../config/settings/stack-settings";
import type { ContainerSecret } from "./gateway-secrets";

export interface ProxyServiceArgs {
  /**
   * An IAM policy set as the permissions boundary of the task and execution roles: whatever their
   * own policies say, they can do no more than it allows. Needed when the deploying role may create
   * roles only with a boundary (docs/iam/deploy-role-policy.json). Absent: no boundary.
   */
  readonly permissionsBoundaryArn?: pulumi.Input<string>;
  /** Private subnets whose route out is a NAT gateway or, with assignPublicIp, public subnets. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Give each task a public IPv4 address: only for tasks in public subnets without NAT (egress
   * public-subnets), where it is their only way to the providers; their security group still takes
   * traffic from the load balancer only. A plain value.
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /** The service's group (see NetworkSecurity). */
  readonly securityGroupId: pulumi.Input<string>;
  readonly targetGroupArn: pulumi.Input<string>;
  /** The listener forwarding to the target group: ECS refuses a target group not yet attached. */
  readonly listener: pulumi.Resource;
  /**
   * What a task reads as it starts but the task definition does not refer to: the config object
   * and the secret values. The service waits for them, so a new task definition never rolls out
   * ahead of its config object or a secret value (its tasks would fail to start).
   * @default []
   */
  readonly readAtTaskStart?: readonly pulumi.Resource[];
  /** @example 2 */
  readonly desiredCount: number;
  /**
   * Application Auto Scaling owns the running count (see ProxyAutoscaling): desiredCount is then
   * only the count at creation, and Pulumi ignores the live value, or every `pulumi up` would
   * reset a scaled-out service to desiredCount in the middle of a traffic peak. A plain value.
   * @default false
   */
  readonly autoscaled?: boolean;
  /**
   * Where the tasks pull LiteLLM from: a mirror of the pinned release (an ECR pull-through cache,
   * a private registry), by the release's tag or a digest (config/litellm/image-source.ts). An image
   * in a private ECR repository gives the execution role exactly the pull permissions for it
   * (config/access/ecr-pull-permissions.ts); another private registry's credentials are not
   * supported. A plain value.
   * @default "ghcr.io/berriai/litellm:v1.108.7"
   */
  readonly image?: string;
  /** Task CPU units (1024 = 1 vCPU); workers = whole vCPUs, at least 1. */
  readonly cpu: number;
  /** Task memory in MiB, valid for `cpu` on Fargate. */
  readonly memoryMib: number;
  /**
   * Some LiteLLM releases published broken arm64 images; switch only for a verified release.
   * @default "X86_64"
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Fargate on-demand, Fargate Spot, or `onDemandBase` on-demand tasks with the rest on Spot
   * (config/settings/fargate-capacity.ts). The service places tasks by a capacity provider strategy
   * (never launchType: CreateService takes one or the other); with Spot, the container's drain on
   * SIGTERM is shortened so the whole stop fits Spot's two-minute warning (pass the load
   * balancer the matching deregistration delay: taskStopTimings). A plain value.
   * @default "on-demand"
   */
  readonly capacity?: CapacityMode;
  /**
   * With capacity `mixed`: the tasks kept on-demand; every task above them runs on Spot.
   * @default 2
   */
  readonly onDemandBase?: number;
  /**
   * ECS Container Insights on the cluster (billed as CloudWatch custom metrics and performance-log
   * ingestion); off, the service still has the free AWS/ECS CPU and memory metrics. A plain value.
   * @default false
   */
  readonly containerInsights?: boolean;
  readonly configBucketName: pulumi.Input<string>;
  /** The config object's key (contains the config's hash, so a new config rolls the service). */
  readonly configObjectKey: string;
  /** What the task role may read: the bucket's config objects. */
  readonly configObjectsArn: pulumi.Input<string>;
  /** The container's `secrets`, from GatewaySecrets. */
  readonly containerSecrets: pulumi.Input<ContainerSecret[]>;
  /** The ARNs behind `containerSecrets`: the execution role may read exactly these. */
  readonly secretArns: pulumi.Input<pulumi.Input<string>[]>;
  /** Plain variables beyond LiteLLM's runtime ones (the database host, user, name). No secrets. */
  readonly environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The catalog's Bedrock models with the Region each is called in (catalogBedrockModels): the
   * task role may invoke exactly these (see config/access/bedrock-permissions.ts). Empty: no
   * Bedrock permission at all.
   * @default []
   */
  readonly bedrockModels?: readonly BedrockModelReference[];
  /** CloudWatch Logs retention for the container's output. */
  readonly logRetentionDays: number;
  /**
   * Make `pulumi up` wait until the service is steady and fail on a rolled-back deployment. Turn
   * off while a secret has no value yet: tasks cannot start until the operator fills it.
   * @default true
   */
  readonly waitForSteadyState?: boolean;
  /**
   * Labels whose change must roll the service although the task definition does not change: ECS
   * reads secrets only at task start, so a new secret version (or an operator's declaration that
   * keys were filled outside Pulumi) reaches running tasks only through a new deployment. Any change
   * of a value makes `pulumi up` force one. Only Pulumi's state holds them (nothing is sent to AWS);
   * never put a secret value here.
   * @default {}
   * @example { LITELLM_MASTER_KEY: "<secret version id>", providerKeysRevision: "2026-12-02" }
   */
  readonly redeployTriggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Time a new task has before failed load balancer checks count against it: LiteLLM runs its
 * database migrations before it listens, which takes a minute or two on a fresh database.
 */
export const HEALTH_CHECK_GRACE_PERIOD_SECONDS = 300;
/** Rolling deployments keep full capacity and may double it while new tasks start. */
const DEPLOYMENT_MINIMUM_HEALTHY_PERCENT = 100;

/** The ARN of the private ECR repository the image is in; undefined for any other registry. */
function imageRepositoryArn(image: string | undefined): string | undefined {
  const repository = image === undefined ? undefined : ecrRepository(image);
  return repository === undefined ? undefined : ecrRepositoryArn(repository);
}

/**
 * Rejects a Fargate size, a task count or a capacity AWS would refuse or the availability rule
 * forbids, before any resource exists (the rules live in config/settings/, where the stack settings
 * check the same values); returns the uvicorn workers per task and the capacity.
 */
function normalizeArgs(args: ProxyServiceArgs): { workers: number; capacity: FargateCapacity } {
  const sizeProblems = fargateSizeProblems(args.cpu, args.memoryMib);
  if (sizeProblems.length > 0) {
    throw new Error(`ProxyService: ${sizeProblems.join(" ")}`);
  }
  const countProblem = desiredCountProblem(args.desiredCount);
  if (countProblem !== undefined) {
    throw new Error(`ProxyService: ${countProblem}`);
  }
  const badImage = args.image === undefined ? undefined : imageProblem(args.image);
  if (badImage !== undefined) {
    throw new Error(`ProxyService: image ${badImage}; pass ${IMAGE_FORM}, or omit it for the official image.`);
  }
  const bedrockProblems = bedrockModelProblems(args.bedrockModels ?? []);
  if (bedrockProblems.length > 0) {
    throw new Error(`ProxyService: ${bedrockProblems.join(" ")}`);
  }
  const capacity: FargateCapacity = { capacity: args.capacity ?? "on-demand", onDemandBase: args.onDemandBase ?? DEFAULT_ON_DEMAND_BASE };
  if (!CAPACITY_MODES.includes(capacity.capacity) || !Number.isInteger(capacity.onDemandBase) || capacity.onDemandBase < 0) {
    throw new Error(
      `ProxyService: capacity "${capacity.capacity}" with onDemandBase ${capacity.onDemandBase}; pass capacity ${CAPACITY_MODES.join(", ")} and onDemandBase a whole number of tasks, e.g. capacity "mixed", onDemandBase 2.`,
    );
  }
  const capacityRuleProblems = capacityProblems(capacity, args.desiredCount);
  if (capacityRuleProblems.length > 0) {
    throw new Error(`ProxyService: ${capacityRuleProblems.join(" ")}`);
  }
  return { workers: workersForCpu(args.cpu), capacity };
}

/**
 * LiteLLM on ECS Fargate: cluster, log group, the two roles, the task definition and the service.
 *
 * - The image is pinned to one release (LITELLM_IMAGE); the command holds flags only, because the
 *   image's entrypoint already runs `litellm`.
 * - The root filesystem is read-only; LiteLLM writes only the empty task-local volumes of
 *   WRITABLE_PATHS (config/litellm/container-filesystem.ts, which the end-to-end suite also starts
 *   LiteLLM with). The container keeps the image's user, root (same file says why).
 * - Both roles trust only ECS tasks of this account and Region (aws:SourceAccount and
 *   aws:SourceArn, config/access/ecs-trust-policy.ts).
 * - The execution role (used by ECS to start the task) reads exactly the injected secrets and
 *   writes to this log group; ECR pull permissions only for an image in a private ECR repository
 *   (the official image comes from the public ghcr.io registry).
 *   The task role (used by LiteLLM) reads the config objects and, only if the catalog uses
 *   Bedrock, invokes exactly the catalog's Bedrock models (and the inference profiles they name).
 */
export class ProxyService extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  public readonly taskDefinitionArn: pulumi.Output<string>;
  public readonly taskRoleArn: pulumi.Output<string>;
  public readonly executionRoleArn: pulumi.Output<string>;

  constructor(name: string, args: ProxyServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:ProxyService", name, {}, opts);
    const { workers, capacity } = normalizeArgs(args);
    const stopTimings = taskStopTimings(usesSpot(capacity));
    const { cluster, capacityProviders } = this.createCluster(name, args.containerInsights ?? false);
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: args.logRetentionDays }, { parent: this });
    const trustPolicy = this.trustPolicy();
    const execution = this.createExecutionRole(name, args, logGroup, trustPolicy);
    const task = this.createTaskRole(name, args, trustPolicy);
    const containerDefinitions = this.containerDefinitions(args, workers, logGroup, stopTimings);
    const taskDefinition = this.createTaskDefinition(name, args, execution.role, task.role, containerDefinitions);
    const service = this.createService(name, args, { cluster, capacityProviders, capacity }, taskDefinition, [execution.policy, task.policy]);

    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.taskDefinitionArn = taskDefinition.arn;
    this.taskRoleArn = task.role.arn;
    this.executionRoleArn = execution.role.arn;
    this.registerOutputs({
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      logGroupName: this.logGroupName,
      taskDefinitionArn: this.taskDefinitionArn,
      taskRoleArn: this.taskRoleArn,
      executionRoleArn: this.executionRoleArn,
    });
  }

  /**
   * The cluster, with both Fargate capacity providers associated (free; a service's strategy may
   * name only providers of its cluster). No default strategy: the service names its own.
   */
  private createCluster(name: string, containerInsightsEnabled: boolean): { cluster: aws.ecs.Cluster; capacityProviders: aws.ecs.ClusterCapacityProviders } {
    // Always declared, so turning it off sets "disabled" rather than leaving the account default.
    const containerInsights = containerInsightsEnabled ? "enabled" : "disabled";
    const cluster = new aws.ecs.Cluster(`${name}-cluster`, { settings: [{ name: "containerInsights", value: containerInsights }] }, { parent: this });
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(
      `${name}-capacity-providers`,
      { clusterName: cluster.name, capacityProviders: [...FARGATE_CAPACITY_PROVIDERS] },
      { parent: this },
    );
    return { cluster, capacityProviders };
  }

  /** Both roles' trust policy: ECS tasks of the deploying account in the stack's Region only. */
  private trustPolicy(): pulumi.Output<string> {
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    return pulumi
      .all([identity.accountId, partition.partition, region.region])
      .apply(([accountId, partitionName, regionName]) =>
        JSON.stringify(ecsTasksTrustPolicy({ accountId, partition: partitionName, region: regionName })),
      );
  }

  /** ECS uses it to start tasks: it writes to this log group and reads exactly the injected secrets. */
  private createExecutionRole(
    name: string,
    args: ProxyServiceArgs,
    logGroup: aws.cloudwatch.LogGroup,
    trustPolicy: pulumi.Output<string>,
  ): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(
      `${name}-execution-role`,
      { assumeRolePolicy: trustPolicy, description: "ECS starts LiteLLM tasks: logs and injected secrets", ...permissionsBoundaryOf(args.permissionsBoundaryArn) },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "WriteContainerLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: [pulumi.interpolate`${logGroup.arn}:*`],
            },
            {
              Sid: "ReadInjectedSecrets",
              Effect: "Allow",
              Action: ["secretsmanager:GetSecretValue"],
              Resource: args.secretArns,
            },
            // Only for an image in a private ECR repository (the image setting); none for ghcr.io.
            ...ecrPullStatements(imageRepositoryArn(args.image)),
          ],
        }),
      },
      { parent: this },
    );
    return { role, policy };
  }

  /** LiteLLM itself uses it: it reads the config objects and, only if the catalog uses Bedrock, invokes models. */
  private createTaskRole(
    name: string,
    args: ProxyServiceArgs,
    trustPolicy: pulumi.Output<string>,
  ): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(
      `${name}-task-role`,
      { assumeRolePolicy: trustPolicy, description: "LiteLLM itself: config objects and Bedrock", ...permissionsBoundaryOf(args.permissionsBoundaryArn) },
      { parent: this },
    );
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const policy = new aws.iam.RolePolicy(
      `${name}-task-policy`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: pulumi
            .all([identity.accountId, partition.partition])
            .apply(([accountId, partitionName]) => [
              {
                Sid: "ReadConfigObjects",
                Effect: "Allow",
                Action: ["s3:GetObject"],
                Resource: [args.configObjectsArn],
              },
              ...bedrockInvokeStatements(args.bedrockModels ?? [], accountId, partitionName),
            ]),
        }),
      },
      { parent: this },
    );
    return { role, policy };
  }

  /** Resolves the Outputs the container needs, then builds it with the pure litellmContainerDefinition. */
  private containerDefinitions(
    args: ProxyServiceArgs,
    workers: number,
    logGroup: aws.cloudwatch.LogGroup,
    stopTimings: TaskStopTimings,
  ): pulumi.Output<string> {
    const region = aws.getRegionOutput({}, { parent: this }).region;
    return pulumi
      .all([args.configBucketName, args.environment ?? {}, args.containerSecrets, logGroup.name, region])
      .apply(([bucketName, environment, secrets, logGroupName, regionName]) =>
        JSON.stringify([
          litellmContainerDefinition({
            image: args.image ?? LITELLM_IMAGE,
            workers,
            configSource: { kind: "s3", bucketName, objectKey: args.configObjectKey },
            keepAliveTimeoutSeconds: PROXY_KEEP_ALIVE_TIMEOUT_SECONDS,
            environment,
            secrets,
            logGroupName,
            region: regionName,
            stopTimeoutSeconds: stopTimings.containerStopTimeoutSeconds,
            gracefulShutdownTimeoutSeconds: stopTimings.gracefulShutdownTimeoutSeconds,
          }),
        ]),
      );
  }

  private createTaskDefinition(
    name: string,
    args: ProxyServiceArgs,
    executionRole: aws.iam.Role,
    taskRole: aws.iam.Role,
    containerDefinitions: pulumi.Output<string>,
  ): aws.ecs.TaskDefinition {
    return new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        // Families are per account and region: the stack name keeps dev's and prod's revisions apart.
        // RegisterTaskDefinition allows letters, digits, `_` and `-` only; a stack name may hold `.`.
        family: `${name}-${stackNameSegment(pulumi.getStack())}`,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(args.cpu),
        memory: String(args.memoryMib),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.cpuArchitecture ?? "X86_64" },
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        // The writable paths of the read-only container (its mountPoints name them).
        volumes: writableVolumes(),
        containerDefinitions,
      },
      { parent: this },
    );
  }

  /**
   * `rolePolicies`: the service waits for them, or a new revision's tasks start before ECS may read
   * their secrets; and for the cluster's capacity providers, which its strategy names.
   */
  private createService(
    name: string,
    args: ProxyServiceArgs,
    placement: { cluster: aws.ecs.Cluster; capacityProviders: aws.ecs.ClusterCapacityProviders; capacity: FargateCapacity },
    taskDefinition: aws.ecs.TaskDefinition,
    rolePolicies: readonly aws.iam.RolePolicy[],
  ): aws.ecs.Service {
    return new aws.ecs.Service(
      `${name}-service`,
      {
        cluster: placement.cluster.arn,
        taskDefinition: taskDefinition.arn,
        // A strategy, not launchType: CreateService refuses both ("If a capacityProviderStrategy is
        // specified, the launchType parameter must be omitted"). On a service created with
        // launchType FARGATE, the provider (terraform-provider-aws 6.x) changes the strategy in place
        // because forceNewDeployment is true below: one UpdateService and a rolling deployment onto
        // the new placement. launchType is Optional+Computed there, so leaving it out is no change.
        capacityProviderStrategies: capacityProviderStrategy(placement.capacity),
        desiredCount: args.desiredCount,
        networkConfiguration: {
          subnets: args.subnetIds,
          securityGroups: [args.securityGroupId],
          assignPublicIp: args.assignPublicIp ?? false,
        },
        loadBalancers: [{ targetGroupArn: args.targetGroupArn, containerName: CONTAINER_NAME, containerPort: PROXY_PORT }],
        healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_PERIOD_SECONDS,
        // A release that never turns healthy is rolled back to the last working task definition.
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
        deploymentMaximumPercent: DEPLOYMENT_MAXIMUM_PERCENT,
        // Tasks are spread over zones; after a zone recovers ECS moves tasks back.
        availabilityZoneRebalancing: "ENABLED",
        enableExecuteCommand: false,
        propagateTags: "SERVICE",
        // `pulumi up` reports a failed rollout instead of declaring success while ECS rolls back.
        waitForSteadyState: args.waitForSteadyState ?? true,
        // The provider passes forceNewDeployment to every UpdateService it makes, and a changed
        // trigger is such an update (terraform-provider-aws internal/service/ecs/service.go:
        // resourceServiceUpdate, triggersCustomizeDiff). So a new secret version rolls the tasks.
        // The cost: any other in-place change of the service (a new desiredCount without
        // autoscaling, say) also replaces its tasks, as a rolling deployment at full capacity.
        forceNewDeployment: true,
        triggers: args.redeployTriggers ?? {},
      },
      // What tasks need at start but the task definition does not refer to (the role policies,
      // the config object, the secret values): without it here, tasks of a new revision can start
      // before ECS may read their secrets or LiteLLM its config, and fail.
      {
        parent: this,
        dependsOn: [args.listener, placement.capacityProviders, ...rolePolicies, ...(args.readAtTaskStart ?? [])],
        ...(args.autoscaled === true ? { ignoreChanges: ["desiredCount"] } : {}),
      },
    );
  }
}

