/**
 * IPv4 CIDR blocks as numbers: parse `a.b.c.d/n`, tell whether host bits are set, and compare
 * blocks (containment, overlap, coverage by a list). Small enough to own rather than a package;
 * the settings checks of allowedCidrs, adminCidrs and existingVpcCidrs are built on it.
 */

const OCTETS = 4;
const OCTET_MAX = 255;
export const IPV4_BITS = 32;

/**
 * A parsed block: the address as a number in [0, 2^32) and the prefix length. Plain arithmetic,
 * never bitwise operators, which work on signed 32-bit integers and turn 128.0.0.0 negative.
 */
export interface Ipv4Cidr {
  /** The address as written (host bits included, when set). */
  readonly address: number;
  readonly prefixLength: number;
}

/**
 * Decimal octets without leading zeros (`010.0.0.0` is octal to some parsers and refused by Go's,
 * so by the AWS provider), each at most 255, and a prefix from 0 to 32.
 */
const CIDR_PATTERN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(0|[1-9]\d?)$/;

/** The block written as `a.b.c.d/n`, or undefined when it is not one. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const octets = match.slice(1, 1 + OCTETS).map(Number);
  const prefixLength = Number(match[1 + OCTETS]);
  if (octets.some((octet) => octet > OCTET_MAX) || prefixLength > IPV4_BITS) {
    return undefined;
  }
  const address = octets.reduce((value, octet) => value * (OCTET_MAX + 1) + octet, 0);
  return { address, prefixLength };
}

/** The number of addresses in a block of this prefix length. */
function blockSize(prefixLength: number): number {
  return 2 ** (IPV4_BITS - prefixLength);
}

/** The first address of the block (host bits cleared). */
export function networkAddress(cidr: Ipv4Cidr): number {
  const size = blockSize(cidr.prefixLength);
  return Math.floor(cidr.address / size) * size;
}

/** The last address of the block. */
export function lastAddress(cidr: Ipv4Cidr): number {
  return networkAddress(cidr) + blockSize(cidr.prefixLength) - 1;
}

/** True when the address has bits set past the prefix (10.0.0.1/16): not the block it looks like. */
export function hasHostBits(cidr: Ipv4Cidr): boolean {
  return cidr.address !== networkAddress(cidr);
}

/** `a.b.c.d` of an address number. */
export function formatIpv4(address: number): string {
  const octets: number[] = [];
  let rest = address;
  for (let index = 0; index < OCTETS; index += 1) {
    octets.unshift(rest % (OCTET_MAX + 1));
    rest = Math.floor(rest / (OCTET_MAX + 1));
  }
  return octets.join(".");
}

/** The block with host bits cleared, as text: 10.0.0.1/16 becomes 10.0.0.0/16. */
export function formatNetwork(cidr: Ipv4Cidr): string {
  return `${formatIpv4(networkAddress(cidr))}/${cidr.prefixLength}`;
}

/** True when every address of `inner` is in `outer`. */
export function containsCidr(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return networkAddress(outer) <= networkAddress(inner) && lastAddress(inner) <= lastAddress(outer);
}

/** True when the blocks share at least one address (for CIDR blocks: one contains the other). */
export function cidrsOverlap(first: Ipv4Cidr, second: Ipv4Cidr): boolean {
  return networkAddress(first) <= lastAddress(second) && networkAddress(second) <= lastAddress(first);
}

/**
 * True when every address of `inner` is in at least one of `outers`, together: 10.0.0.0/23 is
 * covered by 10.0.0.0/24 and 10.0.1.0/24 although neither contains it alone.
 */
export function isCoveredBy(inner: Ipv4Cidr, outers: readonly Ipv4Cidr[]): boolean {
  const ranges = outers.map((outer) => [networkAddress(outer), lastAddress(outer)] as const).sort(([a], [b]) => a - b);
  let next = networkAddress(inner);
  const last = lastAddress(inner);
  for (const [start, end] of ranges) {
    if (start > next) {
      break;
    }
    next = Math.max(next, end + 1);
    if (next > last) {
      return true;
    }
  }
  return next > last;
}
