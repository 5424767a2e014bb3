import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ACCESS_LOG_PREFIX, accessLogObjectsArn, elbLogDeliveryPrincipal, elbLogDeliveryProblem } from "../config/access/log-delivery";

export interface AccessLogBucketArgs {
  /**
   * The stack's region (aws:region), a plain value: it decides who the bucket policy lets write
   * (ELB's account in Regions older than August 2022, ELB's log-delivery service in newer ones).
   * @example "us-east-1"
   */
  readonly region: string;
  /**
   * Days a log object is kept; also how long a deleted or overwritten version survives.
   * @example 365
   */
  readonly retentionDays: number;
}

/** S3 lifecycle: incomplete multipart uploads cost storage until aborted; ELB files are small, a day is plenty. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 1;

/**
 * The load balancer's access logs (who called what, from where, with which status and latency),
 * kept for `retentionDays` for the investigation after an incident (Security Hub ELB.5).
 *
 * Private (every public access block on, ACLs disabled), encrypted with SSE-S3: the only
 * server-side encryption ALB access logs support (Elastic Load Balancing User Guide, "Enable access
 * logs for your Application Load Balancer", Step 1: "The only server-side encryption option that's
 * supported is Amazon S3-managed keys (SSE-S3)"), so no customer managed KMS key. Versioned: ELB
 * never overwrites a log file, so versions cost nothing until someone deletes or overwrites one,
 * and then the original survives for the retention period: an intruder cannot erase their tracks
 * with s3:DeleteObject alone. Every request must use TLS.
 *
 * The bucket policy lets exactly ELB's documented principal for the region put objects under
 * `<prefix>/AWSLogs/<account>/` and nothing else. The load balancer must depend on `bucketPolicy`:
 * ELB writes a test file when access logs are turned on and refuses the attribute if it cannot.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** The prefix to give the load balancer's `access_logs.s3.prefix` attribute. */
  public readonly prefix: string;
  /** The policy that lets ELB write: the load balancer's access-log attribute must wait for it. */
  public readonly bucketPolicy: aws.s3.BucketPolicy;

  constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:AccessLogBucket", name, {}, opts);
    const regionProblem = elbLogDeliveryProblem(args.region);
    if (regionProblem !== undefined) {
      throw new Error(`AccessLogBucket: region ${regionProblem}. Deploy to a commercial Region, or turn access logs off (pulumi config set accessLogs false).`);
    }
    if (!Number.isInteger(args.retentionDays) || args.retentionDays < 1) {
      throw new Error(`AccessLogBucket: retentionDays ${args.retentionDays} is not a whole number of days of at least 1. Pass e.g. 365 (the securityLogRetentionDays setting).`);
    }

    // forceDestroy: the logs expire on their own; without it `pulumi destroy` fails on a non-empty bucket.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: true }, { parent: this });
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: this },
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-after-retention",
            status: "Enabled",
            filter: {},
            expiration: { days: args.retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: args.retentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
          },
        ],
      },
      // S3 refuses noncurrent-version rules on a bucket whose versioning is not yet configured.
      { parent: this, dependsOn: [versioning] },
    );

    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const principal = elbLogDeliveryPrincipal(args.region);
    this.bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
              Sid: "ElbWritesAccessLogs",
              Effect: "Allow",
              Principal: principal,
              Action: "s3:PutObject",
              Resource: pulumi.all([bucket.arn, accountId]).apply(([arn, account]) => accessLogObjectsArn(arn, account)),
            },
          ],
        }),
      },
      // S3 rejects concurrent changes to a bucket's policy and its public access block.
      { parent: this, dependsOn: [publicAccessBlock] },
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.prefix = ACCESS_LOG_PREFIX;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, prefix: this.prefix });
  }
}
