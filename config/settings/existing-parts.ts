/**
 * Parts a team brings instead of the ones the stack would create (issue 15, "bring your own
 * parts"): an existing master key secret, an image source, a Redis/Valkey endpoint, a database.
 * The forms are checked here, before any resource exists; whether each thing exists, and whether
 * the tasks can reach it, only AWS knows.
 */
import { MANAGED_SECRET_ARN_PATTERN } from "./secret-arn";

/** What an ARN setting must look like, in words (one place for the settings' help and the component's errors). */
export const SECRET_ARN_FORM =
  "a full Secrets Manager secret ARN, arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters> (aws secretsmanager describe-secret --secret-id <name> --query ARN prints it)";

export function isSecretArn(value: string): boolean {
  return MANAGED_SECRET_ARN_PATTERN.test(value);
}

/**
 * A Redis or Valkey the team runs (ElastiCache, MemoryDB, their own): where it listens and the
 * secret holding its AUTH token (the whole secret string is the token). It must accept TLS: the
 * tasks always connect with REDIS_SSL=true.
 */
export interface ExistingRedisSettings {
  /** Its primary (or configuration) endpoint's host name or IPv4 address. */
  readonly host: string;
  /** @example 6379 */
  readonly port: number;
  /** The full ARN of the secret whose value is the AUTH token, injected as REDIS_PASSWORD. */
  readonly authTokenSecretArn: string;
}

export const MAX_TCP_PORT = 65_535;

/** A host name (letters, digits, hyphens, dotted labels of at most 63) or an IPv4 address: what a Redis endpoint is. */
const REDIS_HOST_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isRedisHost(host: string): boolean {
  return REDIS_HOST_PATTERN.test(host);
}

/**
 * A PostgreSQL database the team runs: the secret holding its connection details in the RDS secret
 * JSON form (`host`, `port`, `username`, `password`, `dbname`, the form RDS-managed and rotated
 * secrets use). The task reads each key straight from the secret (ECS `valueFrom: <arn>:<key>::`),
 * so none of them reaches the stack's state. It must listen on 5432 and accept TLS: LiteLLM
 * 1.108.7 builds `postgresql://user:password@host/dbname` without the port
 * (litellm/proxy/utils.py construct_database_url_from_env_vars) and connects with sslmode=require.
 */
export interface ExistingDatabaseSettings {
  /** The full ARN of the secret. */
  readonly secretArn: string;
}

/** The database settings that describe the RDS instance the stack creates, refused beside existingDatabase. */
export const CREATED_DATABASE_SETTINGS = [
  "dbInstanceClass",
  "dbAllocatedStorageGib",
  "dbMaxAllocatedStorageGib",
  "dbMultiAz",
  "dbDeletionProtection",
  "dbSkipFinalSnapshot",
  "dbBackupRetentionDays",
  "dbApplyImmediately",
  "dbAllowMajorVersionUpgrade",
] as const;

/** The ones without a default: required unless existingDatabase is set. */
export const REQUIRED_DATABASE_SETTINGS = ["dbInstanceClass", "dbMultiAz", "dbDeletionProtection", "dbSkipFinalSnapshot"] as const;
