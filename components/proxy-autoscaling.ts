import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { workersForCpu } from "../config/settings/fargate-sizes";
import { isAutoscalingRange, isTaskCount, MAX_DESIRED_COUNT } from "../config/settings/service-task-counts";

export interface ProxyAutoscalingArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly serviceName: pulumi.Input<string>;
  /** The floor: the stack's desiredCount. @example 3 */
  readonly minCount: number;
  /** The ceiling: the stack's maxCount, above minCount (otherwise create no ProxyAutoscaling). @example 6 */
  readonly maxCount: number;
  /** Task CPU units: the request target is per worker, and a task runs one worker per vCPU. */
  readonly cpu: number;
  /** `app/<name>/<id>` of the load balancer. */
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  /** `targetgroup/<name>/<id>` of the tasks' target group. */
  readonly targetGroupArnSuffix: pulumi.Input<string>;
}

/**
 * Average service CPU the CPU policy keeps: LiteLLM's own work (routing, token counting, logging
 * callbacks) is CPU-bound, and 60% leaves a task headroom for the minute a new task takes to start.
 */
export const TARGET_CPU_PERCENT = 60;
/**
 * Requests per minute per worker the request policy keeps. Most of an LLM request is waiting on
 * the provider, so CPU stays low while concurrency (and memory) climbs: this policy scales on the
 * traffic itself. One worker served about 100 requests/s through the proxy in our benchmark
 * (bench/proxy-overhead.ts); 1,500 a minute (25/s) keeps a task far below that, since real
 * requests hold connections for seconds, not milliseconds.
 */
export const TARGET_REQUESTS_PER_WORKER_PER_MINUTE = 1500;
/** Add a task within a minute of sustained load: a new task needs a minute or two to serve. */
export const SCALE_OUT_COOLDOWN_SECONDS = 60;
/**
 * Remove one only after 10 quiet minutes: LLM traffic comes in bursts, and a task removed too
 * early must be started again (with its migration check) when the next burst arrives.
 */
export const SCALE_IN_COOLDOWN_SECONDS = 600;

/**
 * Application Auto Scaling for the LiteLLM service between minCount and maxCount, with two
 * target-tracking policies: average CPU and ALB requests per target. Each scales out on its own
 * signal; the service scales in only when both allow it.
 *
 * The ECS service must ignore changes to its desiredCount (ProxyService's `autoscaled`), or
 * every `pulumi up` would reset the count autoscaling chose.
 */
export class ProxyAutoscaling extends pulumi.ComponentResource {
  public readonly resourceId: pulumi.Output<string>;
  public readonly policyNames: pulumi.Output<string[]>;

  constructor(name: string, args: ProxyAutoscalingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:ProxyAutoscaling", name, {}, opts);
    if (!isTaskCount(args.minCount)) {
      throw new Error(`ProxyAutoscaling: minCount is ${args.minCount}; pass the service's desiredCount, a whole number from 1 to ${MAX_DESIRED_COUNT}, e.g. 2.`);
    }
    if (!isAutoscalingRange(args.minCount, args.maxCount)) {
      throw new Error(
        `ProxyAutoscaling: maxCount is ${args.maxCount} with minCount ${args.minCount}; pass a whole number above minCount and at most ${MAX_DESIRED_COUNT}, e.g. ${args.minCount * 2}, or create no ProxyAutoscaling when the service should not scale.`,
      );
    }

    const target = new aws.appautoscaling.Target(
      `${name}-target`,
      {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`,
        minCapacity: args.minCount,
        maxCapacity: args.maxCount,
      },
      { parent: this },
    );
    const policyBase = {
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
    };
    const cooldowns = { scaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS, scaleInCooldown: SCALE_IN_COOLDOWN_SECONDS };

    const cpuPolicy = new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        ...policyBase,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
          targetValue: TARGET_CPU_PERCENT,
          ...cooldowns,
        },
      },
      { parent: this },
    );
    const requestPolicy = new aws.appautoscaling.Policy(
      `${name}-requests`,
      {
        ...policyBase,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${args.loadBalancerArnSuffix}/${args.targetGroupArnSuffix}`,
          },
          targetValue: TARGET_REQUESTS_PER_WORKER_PER_MINUTE * workersForCpu(args.cpu),
          ...cooldowns,
        },
      },
      { parent: this },
    );

    this.resourceId = target.resourceId;
    this.policyNames = pulumi.all([cpuPolicy.name, requestPolicy.name]);
    this.registerOutputs({ resourceId: this.resourceId, policyNames: this.policyNames });
  }
}
