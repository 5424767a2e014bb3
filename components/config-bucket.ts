import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { configBucketPolicy } from "../config/access/config-bucket-policy";
import { CONFIG_OBJECT_PREFIX, configObjectKey, configSha256, isStorableConfig } from "../config/render/config-object-key";

export interface ConfigBucketArgs {
  /**
   * The rendered LiteLLM config.yaml. It holds `os.environ/NAME` references, never key values.
   * A plain string: its hash names the object.
   */
  readonly configYaml: string;
  /**
   * The one principal (besides the account root) that may write config objects: an IAM role or
   * user ARN, e.g. the CI deploy role. Set it when more than one principal runs this stack's
   * previews or deploys (a preview role, an operator's laptop): without it the writer is whoever
   * runs `pulumi up` or `pulumi preview`, so each of them would show or make a policy change.
   * Absent: the principal running Pulumi (its role's ARN for an assumed-role session).
   * @example "arn:aws:iam::123456789012:role/litellm-gateway-deploy-prod"
   */
  readonly writerArn?: string;
}

/**
 * Delivers config.yaml to the stock LiteLLM image without building one: LiteLLM reads
 * LITELLM_CONFIG_BUCKET_NAME / LITELLM_CONFIG_BUCKET_OBJECT_KEY at start with the task role.
 *
 * The bucket is private (every public access block on, ACLs disabled), versioned, encrypted at rest
 * (SSE-S3, so readers need no KMS grant), refuses any request that is not over TLS, and refuses
 * object writes from every principal but the one running `pulumi up` and the account root
 * (config/access/config-bucket-policy.ts says why and how).
 *
 * Each config is stored under `config/<sha256>.yaml` and kept when a newer one replaces it
 * (retainOnDelete): a catalog change rolls the service through a new key, and if the deployment
 * circuit breaker rolls back, the previous task definition still finds the config it was built with.
 */
export class ConfigBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** Plain string: the task definition's environment uses it. */
  public readonly objectKey: string;
  /** Hex SHA-256 of the config, for operators comparing what runs with what was rendered. */
  public readonly configSha256: string;
  /** ARN pattern of every config object (`<bucket ARN>/config/*`): what the task role may read. */
  public readonly configObjectsArn: pulumi.Output<string>;
  /**
   * The object itself. Tasks read it at start, and nothing in the task definition refers to it
   * (the key is a plain string): the service must depend on it or a new config can roll out
   * before it is uploaded.
   */
  public readonly configObject: aws.s3.BucketObjectv2;

  constructor(name: string, args: ConfigBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:ConfigBucket", name, {}, opts);
    if (!isStorableConfig(args.configYaml)) {
      throw new Error("ConfigBucket: configYaml is empty. Pass the output of renderLitellmConfig(catalog, ...).yaml.");
    }

    // forceDestroy: the config objects outlive their replacement on purpose (see above), so without
    // it `pulumi destroy` could never remove the bucket; once the service is gone nothing reads them.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: true }, { parent: this });
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: this },
    );
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      { parent: this },
    );
    // The principal running `pulumi up`: an assumed-role session is turned into its role's ARN
    // (the provider reads the role's path with iam:GetRole), an IAM user's ARN passes through.
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const writerArn =
      args.writerArn === undefined ? aws.iam.getSessionContextOutput({ arn: identity.arn }, { parent: this }).issuerArn : pulumi.output(args.writerArn);
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: bucket.id,
        policy: pulumi
          .all([bucket.arn, writerArn, identity.accountId, partition])
          .apply(([bucketArn, deployerArn, accountId, partitionName]) =>
            JSON.stringify(configBucketPolicy(bucketArn, { deployerArn, accountId, partition: partitionName })),
          ),
      },
      // S3 rejects concurrent changes to a bucket's policy and its public access block. The alias
      // keeps the policy of stacks deployed before it also denied writes (then `-tls-only`) in
      // place instead of deleting and recreating it.
      { parent: this, dependsOn: [publicAccessBlock], aliases: [{ name: `${name}-tls-only` }] },
    );

    this.objectKey = configObjectKey(args.configYaml);
    this.configSha256 = configSha256(args.configYaml);
    this.configObject = new aws.s3.BucketObjectv2(
      `${name}-config`,
      {
        bucket: bucket.id,
        key: this.objectKey,
        content: args.configYaml,
        contentType: "application/yaml",
        serverSideEncryption: "AES256",
      },
      // After the policy: when the writer changes (another deploy role), the new policy must be in
      // place before the new writer puts the object, or S3 refuses it.
      { parent: this, retainOnDelete: true, dependsOn: [policy] },
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.configObjectsArn = pulumi.interpolate`${bucket.arn}/${CONFIG_OBJECT_PREFIX}*`;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      objectKey: this.objectKey,
      configSha256: this.configSha256,
      configObjectsArn: this.configObjectsArn,
    });
  }
}
