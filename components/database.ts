import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { POSTGRES_PORT } from "../config/litellm/network-ports";
import { isBackupRetentionDays, MAX_BACKUP_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS, parameterGroupMajorsProblem, storageCanGrow } from "../config/settings/database-storage";
import { stackNameSegment } from "../config/settings/stack-name-segment";
import type { DatabaseSettings } from "../config/settings/stack-settings";

export interface DatabaseArgs extends DatabaseSettings {
  /** Private subnets in at least two zones (an RDS subnet group requires two). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The group that admits only the service's tasks on 5432 (see NetworkSecurity). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The master password, from GatewaySecrets (letters and digits only). */
  readonly password: pulumi.Input<string>;
}

/**
 * A current PostgreSQL major; RDS picks the newest minor and applies minor upgrades itself.
 * Changing it is a major upgrade: docs/runbooks.md, "Upgrading PostgreSQL to a new major version".
 */
export const POSTGRES_MAJOR_VERSION = "17";
/**
 * The majors whose parameter group the stack declares. RDS takes a major upgrade only together
 * with a parameter group of the new family (ModifyDBInstance, EngineVersion: "if a nondefault DB
 * parameter group is currently in use, a new DB parameter group in the DB parameter group family
 * for the new engine version must be specified"), and a group's family cannot change in place
 * (terraform-provider-aws internal/service/rds/parameter_group.go: family is ForceNew). So an
 * upgrade first adds the new major here (its group is created beside the old one), then moves
 * POSTGRES_MAJOR_VERSION, and only later drops the old major.
 */
export const PARAMETER_GROUP_MAJORS: readonly string[] = [POSTGRES_MAJOR_VERSION];
/** The group created before group names carried their major: its name, and so its URN, stay as they were. */
const FIRST_PARAMETER_GROUP_MAJOR = "17";
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
 * The logical name of the parameter group for `major`: one per major, so a new major's group is a
 * new resource beside the old one rather than a replacement of it (which `protect` refuses, and
 * whose delete of the old group fails for as long as the instance still uses it).
 * @example parameterGroupResourceName("litellm-database", "17") === "litellm-database-parameters"
 * @example parameterGroupResourceName("litellm-database", "18") === "litellm-database-parameters-postgres18"
 */
export function parameterGroupResourceName(componentName: string, major: string): string {
  return major === FIRST_PARAMETER_GROUP_MAJOR ? `${componentName}-parameters` : `${componentName}-parameters-postgres${major}`;
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
    if (!storageCanGrow(args.allocatedStorageGib, args.maxAllocatedStorageGib)) {
      throw new Error(
        `Database: maxAllocatedStorageGib (${args.maxAllocatedStorageGib}) must exceed allocatedStorageGib (${args.allocatedStorageGib}) or storage can never grow; e.g. 100 with 20.`,
      );
    }
    if (!isBackupRetentionDays(args.backupRetentionDays)) {
      throw new Error(
        `Database: backupRetentionDays is ${args.backupRetentionDays}; backups must stay on: pass a whole number of days from ${MIN_BACKUP_RETENTION_DAYS} to ${MAX_BACKUP_RETENTION_DAYS}, e.g. 7.`,
      );
    }
    const majorsProblem = parameterGroupMajorsProblem(POSTGRES_MAJOR_VERSION, PARAMETER_GROUP_MAJORS);
    if (majorsProblem !== undefined) {
      throw new Error(majorsProblem);
    }
    if (args.allowMajorVersionUpgrade) {
      pulumi.log.warn(
        `Database: dbAllowMajorVersionUpgrade is true, so a change of POSTGRES_MAJOR_VERSION (now ${POSTGRES_MAJOR_VERSION}) upgrades the database in place; set it back to false once the upgrade is done (pulumi config rm dbAllowMajorVersionUpgrade).`,
        this,
      );
    }

    // `protect` wherever deletion protection is on, and exactly there: one setting, so a stack
    // cannot have one without the other, and the teardown runbook (dbDeletionProtection false,
    // pulumi up, pulumi destroy) lifts both. They guard different things. deletionProtection makes
    // RDS refuse DeleteDBInstance, nothing more. A change that replaces the instance (a force-new
    // input such as dbName, username or storageEncrypted, or a new URN after a rename) is
    // create-before-delete in Pulumi: a new, empty instance is created, DATABASE_HOST is repointed
    // and the service rolls onto it, and only then does the old instance's delete fail. With
    // `protect`, the engine refuses the replacement before any step runs, and a preview shows it as
    // an error (pulumi/pulumi pkg/resource/deploy/step_generator.go, generateStepsFromDiff: "unable
    // to replace resource ... as it is currently marked for protection"; pull requests 8810, 15969).
    // Two limits, from the same check (`new.Protect && old.Protect`): protection holds only once a
    // `pulumi up` has written it to the state, and a change that turns dbDeletionProtection off may
    // replace in the same run; the plan's --baseline comparison (scripts/offline/plan-replacements.ts)
    // flags both. The subnet and parameter groups are protected too: the instance cannot exist
    // without them, and deleting either while it is in use fails half-way through an update.
    const protect = args.deletionProtection;

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, description: "LiteLLM gateway database (private subnets)" },
      { parent: this, protect },
    );

    // rds.force_ssl=1: the server refuses any connection without TLS, whatever a client asks for.
    // pending-reboot: RDS accepts it for static and dynamic parameters alike, while "immediate"
    // (the provider's default) fails with "cannot use immediate apply method for static parameter"
    // on releases where rds.force_ssl is static. A new instance boots with the group, so it
    // applies from the start either way (and 1 is already PostgreSQL 15+'s default on RDS).
    const parameterGroups = new Map(
      PARAMETER_GROUP_MAJORS.map((major) => [
        major,
        new aws.rds.ParameterGroup(
          parameterGroupResourceName(name, major),
          {
            family: `postgres${major}`,
            description: "LiteLLM gateway: TLS required",
            parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
          },
          { parent: this, protect },
        ),
      ]),
    );
    const parameterGroup = parameterGroups.get(POSTGRES_MAJOR_VERSION);
    if (parameterGroup === undefined) {
      // Cannot happen after parameterGroupMajorsProblem above; the lookup stays typed instead of cast.
      throw new Error(`Database: no parameter group for PostgreSQL ${POSTGRES_MAJOR_VERSION}; add "${POSTGRES_MAJOR_VERSION}" to PARAMETER_GROUP_MAJORS in components/database.ts.`);
    }

    const instance = new aws.rds.Instance(
      `${name}-instance`,
      {
        engine: "postgres",
        engineVersion: POSTGRES_MAJOR_VERSION,
        // ModifyDBInstance, AllowMajorVersionUpgrade: "Major version upgrades must be allowed when
        // specifying a value for the EngineVersion parameter that's a different major version than
        // the DB instance's current version." Off unless a stack turns it on for the one upgrade, so
        // a stray change of POSTGRES_MAJOR_VERSION fails rather than upgrading.
        allowMajorVersionUpgrade: args.allowMajorVersionUpgrade,
        // ModifyDBInstance, ApplyImmediately: without it, changes are "applied during the next
        // maintenance window"; with it, this request's and any pending modifications apply as soon
        // as possible (DBInstanceClass, EngineVersion and some others with an outage).
        applyImmediately: args.applyImmediately,
        // RDS Extended Support bills extra once a major reaches end of standard support; an
        // upgrade is the cheaper answer, so opt out of the silent surcharge. The consequence: at the
        // end of standard support RDS upgrades the major itself, and every later `pulumi up` asks
        // for the old major again and fails until POSTGRES_MAJOR_VERSION follows (runbook, "Upgrading
        // PostgreSQL to a new major version"). Not ignoreChanges on engineVersion: that would also
        // swallow the deliberate upgrade, and hide the drift rather than report it.
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
      { parent: this, protect },
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
