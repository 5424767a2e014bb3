/**
 * The `otel` setting: LiteLLM's OpenTelemetry callback exporting a span per request to a collector
 * or vendor over OTLP/HTTP (config/litellm/otel-environment.ts says what LiteLLM reads).
 *
 * The endpoint must be `https://` on port 443: the task's security group lets only HTTPS out
 * (components/network-security.ts), and a trace carries model names, token counts and, with the
 * headers, the vendor's API key, none of which may cross a network in clear text. A collector in
 * the VPC is reached the same way, behind TLS on 443. The headers (`x-honeycomb-team=...`,
 * `Authorization=Basic ...`) live only in a Secrets Manager secret the task receives as an ECS
 * secret; credentials written into the URL would be a plain variable, so they are refused.
 */
import { HTTPS_PORT } from "../litellm/network-ports";

export interface OtelSettings {
  /** The collector's OTLP/HTTP base URL (`/v1/traces` is appended) or its traces URL. @example "https://api.honeycomb.io" */
  readonly endpoint: string;
  /**
   * A Secrets Manager secret (full ARN, with its 6-character suffix) whose value is the export's
   * headers, `name=value` pairs separated by commas; the execution role may read it. Absent: no headers.
   */
  readonly headersSecretArn?: string;
}

const HTTPS_SCHEME = "https:";

/** What is wrong with an endpoint, in words (without echoing it: it may hold a credential); undefined when it is fine. */
export function otelEndpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "found a value that is not a URL";
  }
  if (url.username !== "" || url.password !== "") {
    return "found credentials in the URL, which would be a plain task variable; put them in the headers secret (otel.headersSecretArn) instead";
  }
  if (url.protocol !== HTTPS_SCHEME) {
    return `found the URL scheme ${url.protocol.replace(":", "")}, but the export must be https: the task's security group lets only HTTPS (${HTTPS_PORT}) out, and traces and their headers must not cross a network in clear text (put the collector behind TLS on ${HTTPS_PORT})`;
  }
  if (url.port !== "" && Number(url.port) !== HTTPS_PORT) {
    return `found port ${url.port}, but the task's security group lets only port ${HTTPS_PORT} out (use the collector's HTTPS endpoint on ${HTTPS_PORT})`;
  }
  if (url.search !== "" || url.hash !== "") {
    return "found a query or fragment in the URL; LiteLLM appends /v1/traces to the path, so give the collector's base URL";
  }
  return undefined;
}
