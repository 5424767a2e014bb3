/**
 * How LiteLLM 1.108.7 finds its database, checked in that release's source
 * (litellm/proxy/proxy_cli.py and litellm/proxy/utils.py `construct_database_url_from_env_vars`).
 *
 * Choice: discrete DATABASE_* variables, the password injected as an ECS secret.
 * - Not a DATABASE_URL secret: the URL would have to be assembled with the password inside
 *   Secrets Manager and rebuilt on every endpoint change; the discrete form keeps the secret to the
 *   password alone and LiteLLM URL-encodes it (quote_plus) itself. The generated password is
 *   letters and digits anyway.
 * - Not RDS IAM auth: it needs a `GRANT rds_iam` inside the database after creation, which a
 *   Pulumi program cannot do without a SQL provider; a later issue can switch.
 *
 * Facts from the pinned source that shape the values:
 * - With no `--config` flag (the config comes from S3), the CLI builds
 *   `postgresql://USERNAME:PASSWORD@DATABASE_HOST/DATABASE_NAME` and never reads DATABASE_PORT, so a
 *   non-default port would have to be part of DATABASE_HOST. The instance listens on 5432, the
 *   URL's default, so the bare address is right for this path and for LiteLLM's newer
 *   DatabaseURLSettings path (which does read DATABASE_PORT) alike.
 * - The username variable is DATABASE_USERNAME (DATABASE_USER is only an alias in the newer path).
 * - DATABASE_SSLMODE is appended to the URL as `sslmode=`; `require` encrypts. The database also
 *   refuses unencrypted connections (rds.force_ssl=1). `verify-full` would need the RDS CA bundle
 *   inside the image, which the stock image does not ship.
 * - Without `--config`, the CLI does not read `general_settings` at all: the Prisma pool is
 *   LiteLLM's default of 10 connections per worker (LITELLM_DEFAULT_POOL_LIMIT_PER_WORKER), and
 *   `database_connection_pool_limit` or `disable_prisma_schema_update` in the bucket's config.yaml
 *   have no effect on it. No environment variable sets the pool size in this release.
 * - Migrations: the CLI runs `prisma migrate` at every task start unless DISABLE_SCHEMA_UPDATE is
 *   true. Tasks starting together race on it (a known LiteLLM issue: several tasks at the first
 *   deploy, old and new tasks during a rollout). This issue keeps migrations at start-up; a one-off
 *   migration task run before the service rolls, with DISABLE_SCHEMA_UPDATE=true on the service,
 *   is a later issue.
 */

export const DATABASE_HOST_ENV = "DATABASE_HOST";
export const DATABASE_USERNAME_ENV = "DATABASE_USERNAME";
export const DATABASE_NAME_ENV = "DATABASE_NAME";
export const DATABASE_SSLMODE_ENV = "DATABASE_SSLMODE";
/** Injected as an ECS secret, never as a plain variable. */
export const DATABASE_PASSWORD_ENV = "DATABASE_PASSWORD";

/** Prisma's pool per uvicorn worker when the config comes from a bucket (see above). */
export const LITELLM_DEFAULT_POOL_LIMIT_PER_WORKER = 10;

export interface DatabaseEndpoint {
  /** The instance's address without a port; it listens on PostgreSQL's default 5432. */
  readonly host: string;
  readonly username: string;
  readonly databaseName: string;
}

/** The plain (non-secret) variables; the password comes separately as a secret. */
export function databaseEnvironment(endpoint: DatabaseEndpoint): Record<string, string> {
  return {
    [DATABASE_HOST_ENV]: endpoint.host,
    [DATABASE_USERNAME_ENV]: endpoint.username,
    [DATABASE_NAME_ENV]: endpoint.databaseName,
    [DATABASE_SSLMODE_ENV]: "require",
  };
}
