/**
 * The database rules: PostgreSQL encrypted at rest, never reachable from the internet, TLS forced
 * by its parameter group, backups kept, and in production protected from deletion with a final
 * snapshot when it is deleted anyway.
 */
import type { ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

export const RDS_INSTANCE_TYPE = "aws:rds/instance:Instance";
export const RDS_PARAMETER_GROUP_TYPE = "aws:rds/parameterGroup:ParameterGroup";

/** Days of automated backups every stack keeps (0 turns backups off). */
export const MIN_BACKUP_DAYS = 1;
/** Days a production stack keeps: a week, so a bad change found after a weekend can be undone. */
export const MIN_PRODUCTION_BACKUP_DAYS = 7;

/** The PostgreSQL parameter that refuses connections without TLS. */
const FORCE_SSL_PARAMETER = "rds.force_ssl";
const FORCE_SSL_ON = "1";

export const databaseEncryptedAndPrivate: ResourceRule = (resource) => {
  if (resource.type !== RDS_INSTANCE_TYPE) return [];
  const problems: string[] = [];
  if (resource.props.storageEncrypted !== true) {
    problems.push(violation(resource, "storage is not encrypted (storageEncrypted is not true)", "set storageEncrypted: true (an existing instance is encrypted by restoring an encrypted snapshot copy)"));
  }
  if (resource.props.publiclyAccessible === true) {
    problems.push(violation(resource, "the database is publicly accessible", "set publiclyAccessible: false and reach it from the tasks' security group only"));
  }
  return problems;
};

export const databaseBackupsKept: ResourceRule = (resource, { production }) => {
  if (resource.type !== RDS_INSTANCE_TYPE) return [];
  const minimum = production ? MIN_PRODUCTION_BACKUP_DAYS : MIN_BACKUP_DAYS;
  const days = resource.props.backupRetentionPeriod;
  if (typeof days === "number" && days >= minimum) return [];
  return [
    violation(
      resource,
      `backupRetentionPeriod is ${days === undefined ? "unset" : String(days)}, below ${minimum} day(s)${production ? " for a production stack" : ""}`,
      `set backupRetentionPeriod to ${minimum} or more (dbBackupRetentionDays in the gateway's stack file)`,
    ),
  ];
};

export const databaseDeletionGuarded: ResourceRule = (resource, { production }) => {
  if (resource.type !== RDS_INSTANCE_TYPE || !production) return [];
  const problems: string[] = [];
  if (resource.props.deletionProtection !== true) {
    problems.push(violation(resource, "deletionProtection is not true on a production stack", "set deletionProtection: true (dbDeletionProtection: true in the stack file)"));
  }
  if (resource.props.skipFinalSnapshot === true || typeof resource.props.finalSnapshotIdentifier !== "string") {
    problems.push(
      violation(resource, "no final snapshot is taken when the production database is deleted", "set skipFinalSnapshot: false with a finalSnapshotIdentifier (dbSkipFinalSnapshot: false in the stack file)"),
    );
  }
  return problems;
};

export const databaseForcesSsl: ResourceRule = (resource) => {
  if (resource.type !== RDS_PARAMETER_GROUP_TYPE) return [];
  const family = resource.props.family;
  if (typeof family !== "string" || !family.startsWith("postgres")) return [];
  const parameters = Array.isArray(resource.props.parameters) ? (resource.props.parameters as Record<string, unknown>[]) : [];
  const forceSsl = parameters.find((parameter) => parameter.name === FORCE_SSL_PARAMETER);
  if (forceSsl !== undefined && String(forceSsl.value) === FORCE_SSL_ON) return [];
  return [violation(resource, `${FORCE_SSL_PARAMETER} is not ${FORCE_SSL_ON}: clients may connect without TLS`, `add the parameter { name: "${FORCE_SSL_PARAMETER}", value: "${FORCE_SSL_ON}" }`)];
};
