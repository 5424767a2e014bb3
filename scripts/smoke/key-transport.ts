/**
 * Where the smoke test may send a key (the master key, or the virtual key it creates): over TLS,
 * or over plain HTTP to this machine's own loopback (a LiteLLM started locally, or a port forward,
 * where the bytes never leave the host). Never over plain HTTP across a network: anyone on the path
 * (the runner's network, the internet, the VPC) reads the Authorization header, and the master key
 * is the gateway's admin credential (review finding M3). Dev serves plain HTTP because
 * Pulumi.dev.yaml sets `allowPlainHttp: true`; its smoke test is therefore keyless.
 */

/** 127.0.0.0/8 (RFC 1122 section 3.2.1.3: loopback), `localhost` and IPv6 `::1`. */
const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a key may be sent to `origin`: https, or http to loopback. */
export function keysMayTravelTo(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
}

/** The checks a keyless run skips, for the one line that says so. */
export const KEYED_CHECKS = "models, completions, deployments, virtual key";

/** Why the keyed checks were skipped, and how to get them: one line for the report. */
export function plainHttpSkipDetail(origin: string): string {
  return (
    `skipped (${KEYED_CHECKS}): ${origin} is plain HTTP, and the smoke test never sends a key without TLS ` +
    "(anyone on the path could read it). Only the keyless checks ran. A stack serves plain HTTP only with " +
    "allowPlainHttp: true (Pulumi.dev.yaml); give it TLS (domainName + hostedZone, or certificateArn) for the full smoke test."
  );
}
