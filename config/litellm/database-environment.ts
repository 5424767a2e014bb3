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
 * - DATABASE_SSLMODE is appended to the URL as `sslmode=`; `require` encrypts but checks no
 *   certificate: Prisma treats an absent `sslaccept` as `accept_invalid_certs`, and libpq (the
 *   migration lock's psycopg connection) verifies only with a root certificate
 *   (litellm_proxy_extras/utils.py:765-787, litellm/proxy/db/db_url_settings.py:221-254). The
 *   database refuses unencrypted connections (rds.force_ssl=1).
 *   Decision: stay on `require`, do not verify RDS's certificate. The release could verify: with
 *   DATABASE_SSLMODE=verify-full and DATABASE_SSLROOTCERT=<path to the RDS bundle>
 *   (db_url_settings.py:376,421-437) it gives Prisma `sslcert` + `sslaccept=strict`, pinned to the
 *   one root that signs the server (db_url_settings.py:177-197), and psycopg `verify-full`. But
 *   the stock image has no file to point at: RDS's roots are private, and neither certifi's bundle
 *   nor Debian's ca-certificates contains one. Getting the file into the image would need a custom
 *   image, an init container writing to a shared volume, or an entrypoint that downloads the
 *   bundle at every start, which adds one more way for a task to fail to start. What verification
 *   would stop is an active man in the middle inside the VPC (the database is in private subnets
 *   and its security group admits only the tasks); `require` already stops anyone just reading
 *   the traffic. Revisit when this project builds its own image.
 * - Without `--config`, the CLI does not read `general_settings` at all: the Prisma pool is
 *   LiteLLM's default of 10 connections per worker (LITELLM_DEFAULT_POOL_LIMIT_PER_WORKER), and
 *   `database_connection_pool_limit` or `disable_prisma_schema_update` in the bucket's config.yaml
 *   have no effect on it. No environment variable sets the pool size in this release.
 * - Migrations: the CLI runs `prisma migrate deploy` at every task start unless
 *   DISABLE_SCHEMA_UPDATE is true, and we keep it so (no separate migration task). Tasks that
 *   start together do not race: the release's default v2 resolver (proxy_cli.py:188-195) runs
 *   each deploy while holding Prisma's advisory key as a transaction lock on a pinned connection
 *   (litellm_proxy_extras/migration_lock.py:66-71,121-162). A waiter polls for up to
 *   LITELLM_MIGRATION_LOCK_TIMEOUT (600 s), and then, like any migration it cannot recover, stops
 *   the process with exit code 2 (proxy_cli.py:1518-1528). The essential container stops the task,
 *   so ECS's circuit breaker rolls the deployment back. Evidence, timings and the one case that
 *   needs a person: docs/database-migrations.md.
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

/**
 * The keys of an RDS-format database secret the task reads for an existing database, by variable
 * (`port` is not read: see ExistingDatabaseSettings in config/settings/existing-parts.ts).
 */
export const DATABASE_SECRET_JSON_KEYS: Readonly<Record<string, string>> = {
  [DATABASE_HOST_ENV]: "host",
  [DATABASE_USERNAME_ENV]: "username",
  [DATABASE_PASSWORD_ENV]: "password",
  [DATABASE_NAME_ENV]: "dbname",
};

/**
 * ECS's reference to one JSON key of a secret's current value: `<arn>:<json-key>:<version-stage>:<version-id>`
 * with the last two empty (AWSCURRENT), as in
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html.
 */
export function secretJsonKeyReference(secretArn: string, jsonKey: string): string {
  return `${secretArn}:${jsonKey}::`;
}

/**
 * The plain (non-secret) variables; the password comes separately as a secret. Without an endpoint
 * (an existing database, whose host, user and name come from its secret) only the TLS mode.
 */
export function databaseEnvironment(endpoint: DatabaseEndpoint | undefined): Record<string, string> {
  return {
    ...(endpoint === undefined
      ? {}
      : { [DATABASE_HOST_ENV]: endpoint.host, [DATABASE_USERNAME_ENV]: endpoint.username, [DATABASE_NAME_ENV]: endpoint.databaseName }),
    [DATABASE_SSLMODE_ENV]: "require",
  };
}
