/**
 * How the LiteLLM process is started: the command-line flags and the plain environment variables.
 * The ECS task definition and the end-to-end tests both build the process from these functions,
 * so the tests run LiteLLM exactly as the container does (only the config source differs: a file
 * on loopback, an S3 object in AWS).
 */
import { GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS } from "./connection-timeouts";
import { PROXY_PORT } from "./network-ports";

/**
 * LiteLLM's drain timeout on SIGTERM (litellm/proxy/shutdown/graceful_shutdown_manager.py, read by
 * proxy_cli.py as uvicorn's `timeout_graceful_shutdown` and gunicorn's `graceful_timeout`).
 */
export const GRACEFUL_SHUTDOWN_TIMEOUT_ENV = "GRACEFUL_SHUTDOWN_TIMEOUT";

/** Defined in network-ports.ts with every other port; re-exported for the callers that start the process. */
export { PROXY_PORT };

/** Public, no key, no database or provider call: what the load balancer probes. */
export const LIVENESS_PATH = "/health/liveliness";

/** Public, answers 503 when the database check fails. */
export const READINESS_PATH = "/health/readiness";

/** Environment variable names LiteLLM reads for its own keys. */
export const MASTER_KEY_ENV = "LITELLM_MASTER_KEY";
export const SALT_KEY_ENV = "LITELLM_SALT_KEY";

/**
 * The Admin UI's switch and credentials. DISABLE_ADMIN_UI: litellm/proxy/common_utils/admin_ui_utils.py
 * is_admin_ui_disabled (str_to_bool, so "True"/"False"), checked by the UI's entry page
 * (/sso/key/generate) and the SAML routes in management_endpoints/ui_sso.py; it does not unmount
 * /ui or refuse POST /login, hence also general_settings.disable_env_credential_login when the UI is
 * off (config/render). UI_USERNAME / UI_PASSWORD: litellm/proxy/auth/login_utils.py
 * get_ui_credentials, read at each sign-in; without UI_PASSWORD the password is the master key.
 */
export const DISABLE_ADMIN_UI_ENV = "DISABLE_ADMIN_UI";
export const UI_USERNAME_ENV = "UI_USERNAME";
export const UI_PASSWORD_ENV = "UI_PASSWORD";
/** LiteLLM's own default user name, set explicitly so the task definition shows who signs in. */
export const ADMIN_UI_USERNAME = "admin";

/**
 * The plain variables that switch the Admin UI on or off (the password is a secret, never here).
 * Off: DISABLE_ADMIN_UI=True. On: DISABLE_ADMIN_UI=False and UI_USERNAME; the task then needs
 * UI_PASSWORD as a secret, or LiteLLM would take the master key as the UI password.
 */
export function adminUiEnvironment(adminUi: boolean): Record<string, string> {
  return adminUi ? { [DISABLE_ADMIN_UI_ENV]: "False", [UI_USERNAME_ENV]: ADMIN_UI_USERNAME } : { [DISABLE_ADMIN_UI_ENV]: "True" };
}

/** Where config.yaml comes from. */
export type ConfigSource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "s3"; readonly bucketName: string; readonly objectKey: string };

export interface ProxyRuntimeOptions {
  /** Worker processes; LiteLLM recommends one per vCPU. */
  readonly workers: number;
  readonly configSource: ConfigSource;
  /**
   * uvicorn's keep-alive timeout. It must exceed the load balancer's idle timeout, or the proxy
   * closes idle connections the load balancer still considers open and clients see 502s.
   */
  readonly keepAliveTimeoutSeconds: number;
  /** The port LiteLLM listens on: PROXY_PORT. @default 4000 */
  readonly port?: number;
  /**
   * LiteLLM's drain on SIGTERM (GRACEFUL_SHUTDOWN_TIMEOUT): GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS, or
   * SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS when Spot tasks make the whole stop fit two minutes
   * (config/litellm/connection-timeouts.ts, taskStopTimings).
   * @default 110
   */
  readonly gracefulShutdownTimeoutSeconds?: number;
}

/**
 * Flags only: the image's entrypoint already ends in `exec litellm "$@"`, so a leading `litellm`
 * would run `litellm litellm ...`. Exec-form arguments are not shell-expanded, so every value is
 * a literal.
 */
export function proxyCommand(options: ProxyRuntimeOptions): string[] {
  const flags = [
    "--port",
    String(options.port ?? PROXY_PORT),
    "--num_workers",
    String(options.workers),
    "--keepalive_timeout",
    String(options.keepAliveTimeoutSeconds),
  ];
  if (options.configSource.kind === "file") {
    flags.unshift("--config", options.configSource.path);
  }
  return flags;
}

/** Production settings every LiteLLM process gets, plus where to read config.yaml from. */
export function proxyEnvironment(options: ProxyRuntimeOptions): Record<string, string> {
  const environment: Record<string, string> = {
    // Only stops LiteLLM from loading a .env file at import (litellm/__init__.py); it turns no
    // endpoint off: /debug/* and the rest of the admin plane stay, behind auth and the load
    // balancer's admin rules (config/access/client-api-paths.ts).
    LITELLM_MODE: "PRODUCTION",
    // No public API documentation: Swagger UI (served at / by default), ReDoc and the OpenAPI
    // schema each have their own switch (litellm/proxy/utils.py get_docs_url, get_redoc_url,
    // get_openapi_url; str_to_bool, so "True").
    NO_DOCS: "True",
    NO_REDOC: "True",
    NO_OPENAPI: "True",
    LITELLM_LOG: "ERROR",
    // Use the cost map shipped in the image instead of fetching one from the internet at start-up.
    LITELLM_LOCAL_MODEL_COST_MAP: "True",
    // On SIGTERM, let in-flight requests finish for the whole stop timeout instead of LiteLLM's
    // default 30 s (see GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS; shorter with Spot tasks).
    [GRACEFUL_SHUTDOWN_TIMEOUT_ENV]: String(options.gracefulShutdownTimeoutSeconds ?? GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS),
  };
  if (options.configSource.kind === "s3") {
    // LiteLLM's own mechanism: read with boto3's default chain, i.e. the ECS task role.
    environment.LITELLM_CONFIG_BUCKET_NAME = options.configSource.bucketName;
    environment.LITELLM_CONFIG_BUCKET_OBJECT_KEY = options.configSource.objectKey;
  }
  return environment;
}
