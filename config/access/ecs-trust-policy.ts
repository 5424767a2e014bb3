/**
 * Who may assume the ECS task role and the task execution role: ECS tasks of this account in
 * this Region only. Pure, so the document can be read and tested without AWS.
 *
 * Source: Amazon ECS developer guide, "Amazon ECS task IAM role" (creating the role): "it is
 * recommended that you use the aws:SourceAccount or aws:SourceArn condition keys in the trust
 * relationship policy associated with the role to scope the permissions further to prevent the
 * confused deputy security issue. Using the aws:SourceArn condition key to specify a specific
 * cluster is not currently supported, you should use the wildcard to specify all clusters." Its
 * example is exactly this statement: ArnLike aws:SourceArn `arn:aws:ecs:<region>:<account>:*`
 * and StringEquals aws:SourceAccount `<account>`.
 *
 * The execution role gets the same statement. Its own page ("Amazon ECS task execution IAM role")
 * shows an unconditioned trust policy and says nothing either way, so this is not documented for
 * it: if a task ever fails with "ECS was unable to assume the role" for the execution role, drop
 * the condition there first (ProxyService, createExecutionRole) and report it.
 */

/** The service principal Fargate tasks assume both roles through. */
export const ECS_TASKS_SERVICE_PRINCIPAL = "ecs-tasks.amazonaws.com";

export interface TrustScope {
  /** The deploying account (aws.getCallerIdentity). */
  readonly accountId: string;
  /** e.g. "aws", "aws-us-gov", "aws-cn" (aws.getPartition). */
  readonly partition: string;
  /** The Region the tasks run in (aws.getRegion). */
  readonly region: string;
}

/** Every ECS resource of the account in the Region: the tightest SourceArn ECS supports. */
export function ecsSourceArnPattern(scope: TrustScope): string {
  return `arn:${scope.partition}:ecs:${scope.region}:${scope.accountId}:*`;
}

/** The trust policy document of an ECS task role or task execution role. */
export function ecsTasksTrustPolicy(scope: TrustScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcsTasksOfThisAccountAndRegion",
        Effect: "Allow",
        Principal: { Service: ECS_TASKS_SERVICE_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: {
          ArnLike: { "aws:SourceArn": ecsSourceArnPattern(scope) },
          StringEquals: { "aws:SourceAccount": scope.accountId },
        },
      },
    ],
  };
}
