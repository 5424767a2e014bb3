/** The ports the gateway's traffic uses, shared by the security groups and the resources they guard. */

export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;
export const POSTGRES_PORT = 5432;
/** The port LiteLLM listens on inside the container. */
export const PROXY_PORT = 4000;
/** Redis's standard port; ElastiCache listens on it unless told otherwise. */
export const REDIS_PORT = 6379;

/**
 * The load balancer's listener ports. With a certificate: 443 serves and 80 only redirects to it.
 * Without one (a dev stack): 80 serves plain HTTP.
 */
export function listenerPorts(hasCertificate: boolean): number[] {
  return hasCertificate ? [HTTP_PORT, HTTPS_PORT] : [HTTP_PORT];
}
