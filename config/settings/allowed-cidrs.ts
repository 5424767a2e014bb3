/**
 * Who may reach the load balancer: the allowedCidrs setting is checked with isIpv4Cidr, and the
 * NetworkSecurity component checks its allowedCidrs arg with areAllowedCidrs (the same rule).
 */
import { hasHostBits, parseIpv4Cidr } from "./ipv4-cidr";

/** An IPv4 CIDR block, `a.b.c.d/n` with every octet at most 255 (no leading zeros) and n at most 32. */
export function isIpv4Cidr(value: string): boolean {
  return parseIpv4Cidr(value) !== undefined;
}

/** At least one block (with none, nobody could reach the gateway), each an IPv4 CIDR without host bits. */
export function areAllowedCidrs(cidrs: readonly string[]): boolean {
  return (
    cidrs.length > 0 &&
    cidrs.every((text) => {
      const cidr = parseIpv4Cidr(text);
      return cidr !== undefined && !hasHostBits(cidr);
    })
  );
}
