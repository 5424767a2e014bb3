import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { POSTGRES_PORT } from "../config/network-ports";
import { stackNameSegment } from "../config/stack-name-segment";

export interface DatabaseArgs {
  /** Private subnets in at least two zones (an RDS subnet group requires two). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The group that admits only the service's tasks on 5432 (see NetworkSecurity). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The master password, from GatewaySecrets (letters and digits only). */
  readonly password: pulumi.Input<string>;
  /** @example "db.t4g.micro" */
  readonly instanceClass: string;
  /** Initial gp3 storage. @default none: the stack setting dbAllocatedStorageGib (20) is passed */
  readonly allocatedStorageGib: number;
  /** Storage autoscaling ceiling; must exceed allocatedStorageGib. */
  readonly maxAllocatedStorageGib: number;
  /** A synchronous standby in another zone. */
  readonly multiAz: boolean;
  /** The instance cannot be deleted until this is turned off. */
  readonly deletionProtection: boolean;
  /**
   * When false, deleting the instance first takes a snapshot named
   * `<name>-<stack>-final-snapshot` (see finalSnapshotIdentifier).
   */
  readonly skipFinalSnapshot: boolean;
  /** Days of automated backups (point-in-time recovery); at least 1. */
  readonly backupRetentionDays: number;
}

/** A current PostgreSQL major; RDS picks the newest minor and applies minor upgrades itself. */
export const POSTGRES_MAJOR_VERSION = "17";
export const DATABASE_NAME = "litellm";
export const DATABASE_USERNAME = "litellm";

/** RDS snapshot identifiers: at most 255 characters. */
const MAX_SNAPSHOT_IDENTIFIER_LENGTH = 255;

/**
 * The final snapshot's name. Snapshot names are per account and region, so the stack name is part
 * of it: two stacks in one account (prod and a prod-like staging) would otherwise both name theirs
 * `<name>-final-snapshot`, and the second teardown would fail with DBSnapshotAlreadyExists. RDS
 * accepts letters, digits and single hyphens, starting with a letter and not ending in a hyphen;
 * the stack part is stackNameSegment's (a stack name may hold `_` and `.`).
 * @example finalSnapshotIdentifier("litellm-database", "prod") === "litellm-database-prod-final-snapshot"
 */
export function finalSnapshotIdentifier(resourceName: string, stack: string): string {
  return `${resourceName}-${stackNameSegment(stack)}-final-snapshot`
    .replace(/[^A-Za-z0-9]+/g, "-")
    .slice(-MAX_SNAPSHOT_IDENTIFIER_LENGTH)
    .replace(/^[^A-Za-z]+/, "");
}

/**
 * LiteLLM's PostgreSQL: private, encrypted, TLS-only, backed up, with storage that grows on its own.
 *
 * The master password is a generated one held in Secrets Manager (GatewaySecrets), not an
 * RDS-managed one: RDS rotates managed passwords (every 7 days by default) and ECS reads secrets
 * only at task start, so running tasks would fail on their next new connection after a rotation.
 */
export class Database extends pulumi.ComponentResource {
  /** Host name without port (the instance listens on 5432). */
  public readonly address: pulumi.Output<string>;
  /** `host:port`. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly databaseName: pulumi.Output<string>;
  public readonly username: pulumi.Output<string>;
  /** The instance identifier: the `DBInstanceIdentifier` dimension of its CloudWatch metrics. */
  public readonly identifier: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:Database", name, {}, opts);
    if (args.maxAllocatedStorageGib <= args.allocatedStorageGib) {
      throw new Error(
        `Database: maxAllocatedStorageGib (${args.maxAllocatedStorageGib}) must exceed allocatedStorageGib (${args.allocatedStorageGib}) or storage can never grow; e.g. 100 with 20.`,
      );
    }
    if (args.backupRetentionDays < 1) {
      throw new Error(`Database: backupRetentionDays is ${args.backupRetentionDays}; backups must stay on (1 to 35), e.g. 7.`);
    }

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, description: "LiteLLM gateway database (private subnets)" },
      { parent: this },
    );

    // rds.force_ssl=1: the server refuses any connection without TLS, whatever a client asks for.
    // pending-reboot: RDS accepts it for static and dynamic parameters alike, while "immediate"
    // (the provider's default) fails with "cannot use immediate apply method for static parameter"
    // on releases where rds.force_ssl is static. A new instance boots with the group, so it
    // applies from the start either way (and 1 is already PostgreSQL 15+'s default on RDS).
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-parameters`,
      {
        family: `postgres${POSTGRES_MAJOR_VERSION}`,
        description: "LiteLLM gateway: TLS required",
        parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
      },
      { parent: this },
    );

    const instance = new aws.rds.Instance(
      `${name}-instance`,
      {
        engine: "postgres",
        engineVersion: POSTGRES_MAJOR_VERSION,
        // RDS Extended Support bills extra once a major reaches end of standard support; an
        // upgrade is the cheaper answer, so opt out of the silent surcharge.
        engineLifecycleSupport: "open-source-rds-extended-support-disabled",
        autoMinorVersionUpgrade: true,
        instanceClass: args.instanceClass,
        dbName: DATABASE_NAME,
        username: DATABASE_USERNAME,
        password: args.password,
        port: POSTGRES_PORT,
        parameterGroupName: parameterGroup.name,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [args.securityGroupId],
        publiclyAccessible: false,
        storageType: "gp3",
        allocatedStorage: args.allocatedStorageGib,
        maxAllocatedStorage: args.maxAllocatedStorageGib,
        storageEncrypted: true,
        multiAz: args.multiAz,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: args.skipFinalSnapshot,
        ...(args.skipFinalSnapshot ? {} : { finalSnapshotIdentifier: finalSnapshotIdentifier(name, pulumi.getStack()) }),
        backupRetentionPeriod: args.backupRetentionDays,
        copyTagsToSnapshot: true,
        // Keep the automated backups when the instance is deleted: they are the last way back.
        deleteAutomatedBackups: false,
      },
      { parent: this },
    );

    this.address = instance.address;
    this.endpoint = instance.endpoint;
    this.port = instance.port;
    this.databaseName = pulumi.output(DATABASE_NAME);
    this.username = pulumi.output(DATABASE_USERNAME);
    this.identifier = instance.identifier;
    this.registerOutputs({
      address: this.address,
      endpoint: this.endpoint,
      port: this.port,
      databaseName: this.databaseName,
      username: this.username,
      identifier: this.identifier,
    });
  }
}
