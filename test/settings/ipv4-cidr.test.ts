/** The CIDR helper against a brute-force model: every address of a block, as numbers. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  cidrsOverlap,
  containsCidr,
  formatIpv4,
  formatNetwork,
  hasHostBits,
  isCoveredBy,
  lastAddress,
  networkAddress,
  parseIpv4Cidr,
} from "../../config/settings/ipv4-cidr";
import type { Ipv4Cidr } from "../../config/settings/ipv4-cidr";

const ADDRESSES = 2 ** 32;
const anyAddress = fc.integer({ min: 0, max: ADDRESSES - 1 });
const anyCidr = fc.record({ address: anyAddress, prefixLength: fc.integer({ min: 0, max: 32 }) });
/** Blocks of at most 256 addresses near one another, so a brute-force walk of their addresses stays cheap. */
const smallCidr = fc.record({ address: fc.integer({ min: 0, max: 4095 }), prefixLength: fc.integer({ min: 24, max: 32 }) });

function addresses(cidr: Ipv4Cidr): Set<number> {
  const all = new Set<number>();
  for (let address = networkAddress(cidr); address <= lastAddress(cidr); address += 1) {
    all.add(address);
  }
  return all;
}

describe("parseIpv4Cidr", () => {
  it("reads back what formatIpv4 writes, for any address and prefix", () => {
    fc.assert(
      fc.property(anyCidr, (cidr) => {
        expect(parseIpv4Cidr(`${formatIpv4(cidr.address)}/${cidr.prefixLength}`)).toEqual(cidr);
      }),
    );
  });

  it.each(["256.0.0.0/8", "10.0.0.0/33", "10.0.0.0", "::/0", "10.0.0/8", "010.0.0.0/8", "10.0.0.0/08", " 10.0.0.0/8", "10.0.0.0/-1"])(
    "refuses %j",
    (text) => expect(parseIpv4Cidr(text)).toBeUndefined(),
  );

  it("keeps 128.0.0.0 and above positive (no signed 32-bit arithmetic)", () => {
    expect(parseIpv4Cidr("255.255.255.255/32")).toEqual({ address: ADDRESSES - 1, prefixLength: 32 });
    expect(formatNetwork({ address: ADDRESSES - 1, prefixLength: 1 })).toBe("128.0.0.0/1");
  });
});

describe("host bits", () => {
  it.each([
    ["10.0.0.1/16", true, "10.0.0.0/16"],
    ["10.0.0.0/16", false, "10.0.0.0/16"],
    ["203.0.113.10/32", false, "203.0.113.10/32"],
    ["0.0.0.1/0", true, "0.0.0.0/0"],
    ["192.168.1.128/25", false, "192.168.1.128/25"],
  ])("%s: host bits %s, network %s", (text, expected, network) => {
    const cidr = parseIpv4Cidr(text) as Ipv4Cidr;
    expect(hasHostBits(cidr)).toBe(expected);
    expect(formatNetwork(cidr)).toBe(network);
  });

  it("clearing them gives a block without host bits that holds the address", () => {
    fc.assert(
      fc.property(anyCidr, (cidr) => {
        const network = parseIpv4Cidr(formatNetwork(cidr)) as Ipv4Cidr;
        expect(hasHostBits(network)).toBe(false);
        expect(networkAddress(cidr) <= cidr.address && cidr.address <= lastAddress(cidr)).toBe(true);
        expect(lastAddress(cidr) - networkAddress(cidr) + 1).toBe(2 ** (32 - cidr.prefixLength));
      }),
    );
  });
});

describe("containment, overlap and coverage agree with the addresses they stand for", () => {
  it("containsCidr and cidrsOverlap", () => {
    fc.assert(
      fc.property(smallCidr, smallCidr, (first, second) => {
        const a = addresses(first);
        const b = addresses(second);
        expect(containsCidr(first, second)).toBe([...b].every((address) => a.has(address)));
        expect(cidrsOverlap(first, second)).toBe([...b].some((address) => a.has(address)));
      }),
    );
  });

  it("isCoveredBy, with the union of several blocks", () => {
    fc.assert(
      fc.property(smallCidr, fc.array(smallCidr, { maxLength: 6 }), (inner, outers) => {
        const union = new Set(outers.flatMap((outer) => [...addresses(outer)]));
        expect(isCoveredBy(inner, outers)).toBe([...addresses(inner)].every((address) => union.has(address)));
      }),
    );
  });

  it("covers 10.0.0.0/23 with its two halves, though neither contains it alone", () => {
    const halves = ["10.0.0.0/24", "10.0.1.0/24"].map((text) => parseIpv4Cidr(text) as Ipv4Cidr);
    const whole = parseIpv4Cidr("10.0.0.0/23") as Ipv4Cidr;
    expect(isCoveredBy(whole, halves)).toBe(true);
    expect(halves.some((half) => containsCidr(half, whole))).toBe(false);
    expect(isCoveredBy(whole, [halves[0]])).toBe(false);
  });
});
