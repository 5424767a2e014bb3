/**
 * How LiteLLM 1.108.7 exports request traces over OpenTelemetry, checked in that release's source
 * (site-packages/litellm):
 *
 * - `litellm_settings.callbacks: ["otel"]` registers the OpenTelemetry logger
 *   (litellm_core_utils/custom_logger_registry.py: "otel" -> integrations/opentelemetry.py).
 * - With no explicit config it reads the environment (OpenTelemetryConfig.from_env):
 *   OTEL_EXPORTER (or OTEL_EXPORTER_OTLP_PROTOCOL, which wins), OTEL_ENDPOINT (or
 *   OTEL_EXPORTER_OTLP_ENDPOINT, which wins), OTEL_HEADERS (or OTEL_EXPORTER_OTLP_HEADERS, which
 *   wins; `key=value,key2=value2`), OTEL_SERVICE_NAME and OTEL_ENVIRONMENT_NAME (the resource's
 *   service.name and deployment.environment).
 * - `otlp_http`, `http/protobuf` and `http/json` all build the same exporter
 *   (opentelemetry.exporter.otlp.proto.http, `_get_span_processor`), which always sends protobuf:
 *   asking for JSON would not get JSON, so the gateway offers OTLP/HTTP with protobuf only.
 * - The endpoint is normalised to end in /v1/traces (`_normalize_otel_endpoint`).
 * - The exporter needs opentelemetry-sdk and opentelemetry-exporter-otlp 1.45.1, the release's
 *   `proxy-runtime` extra (the runtime set LiteLLM builds its image with; this project cannot pull
 *   the image to list its packages, so a deploy's first trace is the proof there);
 *   scripts/setup-e2e.sh installs the same pins.
 *
 * The whole OTEL_* namespace is reserved (reserved-env-names.ts): a user's OTEL_EXPORTER_OTLP_*
 * variable would silently win over what the task sets.
 */

/** The callback name LiteLLM registers the OpenTelemetry logger under. */
export const OTEL_CALLBACK = "otel";
/** LiteLLM's name for the OTLP/HTTP (protobuf) span exporter. */
export const OTLP_HTTP_EXPORTER = "otlp_http";

export const OTEL_EXPORTER_ENV = "OTEL_EXPORTER";
export const OTEL_ENDPOINT_ENV = "OTEL_ENDPOINT";
/** Injected as an ECS secret, never as a plain variable: it usually carries the vendor's API key. */
export const OTEL_HEADERS_ENV = "OTEL_HEADERS";
export const OTEL_SERVICE_NAME_ENV = "OTEL_SERVICE_NAME";
export const OTEL_ENVIRONMENT_NAME_ENV = "OTEL_ENVIRONMENT_NAME";

/** The traces' service.name: one name for every stack, told apart by deployment.environment. */
export const OTEL_SERVICE_NAME = "litellm-gateway";

export interface OtelExport {
  /** The collector's OTLP/HTTP base URL or its /v1/traces URL. */
  readonly endpoint: string;
  /** The traces' deployment.environment: the stack name. */
  readonly environmentName: string;
}

/** The plain (non-secret) variables that make LiteLLM's `otel` callback export to `endpoint`. */
export function otelEnvironment(otel: OtelExport): Record<string, string> {
  return {
    [OTEL_EXPORTER_ENV]: OTLP_HTTP_EXPORTER,
    [OTEL_ENDPOINT_ENV]: otel.endpoint,
    [OTEL_SERVICE_NAME_ENV]: OTEL_SERVICE_NAME,
    [OTEL_ENVIRONMENT_NAME_ENV]: otel.environmentName,
  };
}
