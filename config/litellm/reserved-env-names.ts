/**
 * Environment variable names a user may not choose (a provider key's apiKeyEnv, and any name the
 * user adds later): the ones the ECS task sets itself, the ones the OS, Python and the libraries in
 * the image rely on, and the namespaces LiteLLM and the AWS SDK read. A user's variable under one of
 * them would either be overwritten by the task or overwrite what the task or runtime needs (and a
 * provider key named LITELLM_MASTER_KEY would send the master key to a provider).
 *
 * The task's own names are held to the container definition the stacks really register:
 * test/stack/gateway-invariants.ts fails when the task sets a variable this list does not reserve.
 */
import { DATABASE_HOST_ENV, DATABASE_NAME_ENV, DATABASE_PASSWORD_ENV, DATABASE_SSLMODE_ENV, DATABASE_USERNAME_ENV } from "./database-environment";
import { DISABLE_ADMIN_UI_ENV, GRACEFUL_SHUTDOWN_TIMEOUT_ENV, MASTER_KEY_ENV, SALT_KEY_ENV, UI_PASSWORD_ENV, UI_USERNAME_ENV } from "./proxy-runtime";
import { REDIS_HOST_ENV, REDIS_PASSWORD_ENV, REDIS_PORT_ENV, REDIS_SSL_ENV } from "./redis-environment";

/** Set by the task (config/litellm/proxy-runtime.ts, database- and redis-environment.ts). */
const TASK_ENV_NAMES: readonly string[] = [
  MASTER_KEY_ENV,
  SALT_KEY_ENV,
  DATABASE_HOST_ENV,
  DATABASE_NAME_ENV,
  DATABASE_USERNAME_ENV,
  DATABASE_PASSWORD_ENV,
  DATABASE_SSLMODE_ENV,
  // LiteLLM builds it from the DATABASE_* parts; set, it would win over them.
  "DATABASE_URL",
  REDIS_HOST_ENV,
  REDIS_PORT_ENV,
  REDIS_PASSWORD_ENV,
  REDIS_SSL_ENV,
  UI_USERNAME_ENV,
  UI_PASSWORD_ENV,
  DISABLE_ADMIN_UI_ENV,
  GRACEFUL_SHUTDOWN_TIMEOUT_ENV,
  "NO_DOCS",
  "NO_REDOC",
  "NO_OPENAPI",
];

/** What the OS, the shell, Python, OpenSSL and HTTP clients in the image read. */
const RUNTIME_ENV_NAMES: readonly string[] = [
  "PATH",
  "HOME",
  "HOSTNAME",
  "USER",
  "SHELL",
  "PWD",
  "LANG",
  "LC_ALL",
  "TZ",
  "TMPDIR",
  "TERM",
  "LD_PRELOAD",
  "LD_LIBRARY_PATH",
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONSTARTUP",
  "PYTHONUNBUFFERED",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE",
  "CURL_CA_BUNDLE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
];

/**
 * Namespaces: LiteLLM reads LITELLM_* as its own settings; AWS_* belong to the SDK's credential
 * chain and region; ECS_* are set by the ECS agent (container metadata, credentials endpoint);
 * PRISMA_* configure the database client LiteLLM runs; OTEL_* configure the OpenTelemetry export
 * (otel-environment.ts), where a user's OTEL_EXPORTER_OTLP_* would win over the task's OTEL_*.
 */
const RESERVED_ENV_PREFIXES: readonly string[] = ["LITELLM_", "AWS_", "ECS_", "PRISMA_", "OTEL_"];

/** Why a name is reserved, in words for an error message; undefined when it is free. */
export function reservedEnvNameReason(name: string): string | undefined {
  if (TASK_ENV_NAMES.includes(name)) {
    return "set by the gateway's task itself";
  }
  if (RUNTIME_ENV_NAMES.includes(name)) {
    return "relied on by the operating system or the Python runtime in the image";
  }
  const prefix = RESERVED_ENV_PREFIXES.find((candidate) => name.startsWith(candidate));
  return prefix === undefined ? undefined : `in the ${prefix}* namespace (LiteLLM, the AWS SDK, the ECS agent, Prisma or OpenTelemetry read it)`;
}

/** A name the task sets or the runtime relies on: refused as a provider key's apiKeyEnv and among GatewaySecrets' providerKeyNames. */
export function isReservedEnvName(name: string): boolean {
  return reservedEnvNameReason(name) !== undefined;
}
