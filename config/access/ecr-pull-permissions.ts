/**
 * What the ECS execution role needs to pull the LiteLLM image from a private ECR repository (the
 * `image` setting), and nothing more:
 *
 * - `ecr:GetAuthorizationToken` on `*`: the registry login; the action has no resource to scope to.
 * - `ecr:BatchCheckLayerAvailability`, `ecr:GetDownloadUrlForLayer`, `ecr:BatchGetImage` on the one
 *   repository: the pull itself. These four are what the ECS task execution role needs for ECR
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html,
 *   "Amazon ECR" permissions; the same set as the AmazonECSTaskExecutionRolePolicy managed policy).
 * - `ecr:BatchImportUpstreamImage` on the same repository: with a pull-through cache rule, the first
 *   pull of a tag imports it from the upstream registry as the pulling principal
 *   (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html). Not
 *   `ecr:CreateRepository`: the cache repository must exist before the first deploy (pull the
 *   image once, or create it with a repository creation template), so the role creates nothing.
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[] | "*";
}

export const ECR_PULL_ACTIONS: readonly string[] = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchGetImage",
  "ecr:BatchImportUpstreamImage",
];

/**
 * The execution role's ECR statements for an image in the repository `repositoryArn`
 * (config/litellm/image-source.ts: ecrRepositoryArn); none without one (any other registry).
 */
export function ecrPullStatements(repositoryArn: string | undefined): PolicyStatement[] {
  if (repositoryArn === undefined) {
    return [];
  }
  return [
    { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
    { Sid: "PullLitellmImage", Effect: "Allow", Action: ECR_PULL_ACTIONS, Resource: [repositoryArn] },
  ];
}
