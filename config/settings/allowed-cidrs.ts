/**
 * Who may reach the load balancer: the allowedCidrs setting is checked with isIpv4Cidr, and the
 * NetworkSecurity component checks its allowedCidrs arg with areAllowedCidrs (the same rule).
 */

const IPV4_OCTET_MAX = 255;
const IPV4_PREFIX_MAX = 32;

/** An IPv4 CIDR block, `a.b.c.d/n` with every octet at most 255 and n at most 32. */
export function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (match === null) {
    return false;
  }
  const octets = match.slice(1, -1).map(Number);
  return octets.every((octet) => octet <= IPV4_OCTET_MAX) && Number(match.at(-1)) <= IPV4_PREFIX_MAX;
}

/** At least one block (with none, nobody could reach the gateway), each an IPv4 CIDR. */
export function areAllowedCidrs(cidrs: readonly string[]): boolean {
  return cidrs.length > 0 && cidrs.every(isIpv4Cidr);
}
