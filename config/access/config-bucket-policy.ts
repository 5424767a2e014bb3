/**
 * The config bucket's policy: TLS only, and no principal but the deploying one (and the account
 * root, for recovery) may write, overwrite or delete a config object. Pure, so the document can be
 * read and tested without AWS.
 *
 * Why: LiteLLM trusts config.yaml completely (a rewritten `api_base` would send provider keys to
 * whoever names it at the next task start), and without this any principal of the account with
 * s3:PutObject on `*` could rewrite it (security review, L3). An explicit Deny in the bucket policy
 * wins over any Allow in an identity policy (IAM user guide, "Policy evaluation logic").
 *
 * - aws:PrincipalArn is the ARN of the principal that signed the request; for a role session it
 *   is the role's ARN, not the session's (IAM user guide, "AWS global condition context keys",
 *   aws:PrincipalArn). The deploying principal is therefore given as its IAM ARN: an assumed-role
 *   caller (arn:aws:sts::<account>:assumed-role/<role>/<session>) is turned into its role's ARN
 *   with aws.iam.getSessionContext, an IAM user's ARN passes through unchanged.
 * - The account root stays exempt so a locked-out operator can always repair the bucket.
 * - Only object writes are denied. The bucket policy itself stays changeable by any principal IAM
 *   allows to (a rarer, more privileged right than s3:PutObject): so a new deploying role (CI
 *   replaced, an operator deploying by hand) simply rewrites this policy with itself as writer at
 *   its first `pulumi up`, instead of being locked out until the root user steps in.
 * - The ECS task role only reads (LiteLLM's load_config_utils.py s3_object_reader calls
 *   get_object and nothing else), so it is not exempt.
 */

/**
 * Every action that creates, replaces or removes an object, its ACL, tags or lock settings
 * (Service Authorization Reference, Amazon S3: PutObject also authorizes CopyObject and the
 * multipart upload calls). Replication writes are listed too: no replication is configured, so
 * none may appear.
 */
export const CONFIG_OBJECT_WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectAcl",
  "s3:PutObjectVersionAcl",
  "s3:PutObjectTagging",
  "s3:PutObjectVersionTagging",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:DeleteObjectTagging",
  "s3:DeleteObjectVersionTagging",
  "s3:RestoreObject",
  "s3:ReplicateObject",
  "s3:ReplicateDelete",
  "s3:ReplicateTags",
] as const;

const ASSUMED_ROLE_ARN = /^arn:[^:]+:sts::\d{12}:assumed-role\//;

export interface ConfigBucketWriters {
  /**
   * The deploying principal's IAM ARN: getSessionContext's issuerArn (a role, with its path) or an
   * IAM user's ARN. Never an STS assumed-role session ARN: aws:PrincipalArn never equals one.
   */
  readonly deployerArn: string;
  readonly accountId: string;
  readonly partition: string;
}

/** The principals that may write config objects: the deployer and the account root, sorted. */
export function configWriterArns(writers: ConfigBucketWriters): string[] {
  if (ASSUMED_ROLE_ARN.test(writers.deployerArn)) {
    throw new Error(
      `ConfigBucket: "${writers.deployerArn}" is an STS session ARN, which aws:PrincipalArn never equals; pass the role's ARN (aws.iam.getSessionContext's issuerArn).`,
    );
  }
  return [...new Set([writers.deployerArn, `arn:${writers.partition}:iam::${writers.accountId}:root`])].sort();
}

/** The whole bucket policy document. */
export function configBucketPolicy(bucketArn: string, writers: ConfigBucketWriters): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyConfigWritesExceptDeployer",
        Effect: "Deny",
        Principal: "*",
        Action: [...CONFIG_OBJECT_WRITE_ACTIONS],
        Resource: [`${bucketArn}/*`],
        Condition: { ArnNotEquals: { "aws:PrincipalArn": configWriterArns(writers) } },
      },
    ],
  };
}
