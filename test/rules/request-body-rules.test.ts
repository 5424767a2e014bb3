/**
 * The request-body limit at the WAF: the content-length regex matches exactly the decimal integers
 * above the limit (property-tested against BigInt arithmetic), fits WAF's RegexString limit and its
 * regex rules over the whole setting range, and the web ACL's rules stay in order and within the
 * 1,500 capacity units of the base price.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  BODY_METHOD_REGEX,
  bodyTooLargeStatement,
  bodyWithoutLengthStatement,
  BYTES_PER_MIB,
  contentLengthAboveRegex,
  DEFAULT_MAX_REQUEST_BODY_MIB,
  MAX_MAX_REQUEST_BODY_MIB,
  MAX_WAF_REGEX_LENGTH,
  MIN_MAX_REQUEST_BODY_MIB,
  NUMERIC_CONTENT_LENGTH_REGEX,
  statementCapacityUnits,
} from "../../config/access/request-body-rules";
import type { StatementSpec } from "../../config/access/request-body-rules";
import { WEB_ACL_BASE_CAPACITY_UNITS, webAclCapacityUnits, webAclRuleSpecs } from "../../config/access/web-acl-rules";

/** The regex as WAF runs it: PCRE and JavaScript agree on classes, quantifiers, anchors and `|`. */
function matches(limit: number, value: string): boolean {
  return new RegExp(contentLengthAboveRegex(limit)).test(value);
}

/** The truth the regex must equal: a non-empty run of decimal digits whose value exceeds the limit. */
function isAbove(limit: number, value: string): boolean {
  return /^[0-9]+$/.test(value) && BigInt(value) > BigInt(limit);
}

const settingLimits = fc.integer({ min: MIN_MAX_REQUEST_BODY_MIB, max: MAX_MAX_REQUEST_BODY_MIB }).map((mib) => mib * BYTES_PER_MIB);
const anyLimit = fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat(), settingLimits);
const leadingZeros = fc.nat({ max: 4 }).map((count) => "0".repeat(count));

describe("contentLengthAboveRegex", () => {
  it("matches a decimal integer, with or without leading zeros, iff it is greater than the limit", () => {
    fc.assert(
      fc.property(anyLimit, fc.bigInt({ min: 0n, max: 10n ** 25n }), leadingZeros, (limit, value, zeros) => {
        const text = `${zeros}${value}`;
        expect(matches(limit, text)).toBe(value > BigInt(limit));
      }),
      { numRuns: 3000 },
    );
  });

  it("matches near the limit exactly as arithmetic says (limit - 1, limit, limit + 1 and neighbours in every digit)", () => {
    fc.assert(
      fc.property(anyLimit, fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 15 }), leadingZeros, (limit, offset, power, zeros) => {
        for (const candidate of [BigInt(limit) + BigInt(offset), BigInt(limit) + 10n ** BigInt(power), BigInt(limit) - 10n ** BigInt(power)]) {
          if (candidate >= 0n) {
            expect(matches(limit, `${zeros}${candidate}`), `${limit} vs ${candidate}`).toBe(candidate > BigInt(limit));
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("matches no string that is not all digits (empty, signs, spaces, units, lists, hex)", () => {
    const mixed = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9 ,+\-.xeEa-f\t]{0,30}$/),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map((value) => `${value} `),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map((value) => `${value}, ${value}`),
    );
    fc.assert(
      fc.property(anyLimit, mixed, (limit, value) => {
        expect(matches(limit, value)).toBe(isAbove(limit, value));
      }),
      { numRuns: 3000 },
    );
    for (const value of ["", "-1", "+99999999999", "1e12", "0x7fffffff", " 99999999999", "99999999999 "]) {
      expect(matches(32 * BYTES_PER_MIB, value), JSON.stringify(value)).toBe(false);
    }
  });

  it("for the default 32 MiB: 33554432 passes, 33554433 and 000033554433 are blocked", () => {
    const limit = DEFAULT_MAX_REQUEST_BODY_MIB * BYTES_PER_MIB;
    expect(limit).toBe(33_554_432);
    expect(matches(limit, "33554432")).toBe(false);
    expect(matches(limit, "33554433")).toBe(true);
    expect(matches(limit, "000033554433")).toBe(true);
    expect(matches(limit, "0")).toBe(false);
    expect(matches(limit, "999999999999999999999")).toBe(true);
  });

  it("handles limits whose digits are 0 or 9 and the limit 0, for every value up to twice the limit", () => {
    for (const limit of [0, 9, 10, 99, 100, 909, 990, 1009, 9990]) {
      const regex = new RegExp(contentLengthAboveRegex(limit));
      for (let value = 0; value <= limit * 2 + 11; value += 1) {
        expect(regex.test(String(value)), `${value} > ${limit}`).toBe(value > limit);
      }
    }
  });

  it("stays within WAF's 512-character RegexString over the whole setting range, with no group and at most 10 branches", () => {
    for (const mib of [MIN_MAX_REQUEST_BODY_MIB, DEFAULT_MAX_REQUEST_BODY_MIB, MAX_MAX_REQUEST_BODY_MIB]) {
      const regex = contentLengthAboveRegex(mib * BYTES_PER_MIB);
      expect(regex.length, `${mib} MiB`).toBeLessThanOrEqual(MAX_WAF_REGEX_LENGTH);
    }
    fc.assert(
      fc.property(settingLimits, (limit) => {
        const regex = contentLengthAboveRegex(limit);
        expect(regex.length).toBeLessThanOrEqual(MAX_WAF_REGEX_LENGTH);
        // WAF refuses capturing subexpressions and large numbers of branches.
        expect(regex).not.toMatch(/[()]/);
        expect(regex.split("|").length).toBeLessThanOrEqual(10);
        for (const branch of regex.split("|")) {
          expect(branch).toMatch(/^\^0\*[0-9[\]\-{},]+\$$/);
        }
      }),
    );
    expect(MAX_WAF_REGEX_LENGTH).toBe(512);
  });

  it("refuses a negative or fractional limit", () => {
    expect(() => contentLengthAboveRegex(-1)).toThrow("not a non-negative integer");
    expect(() => contentLengthAboveRegex(1.5)).toThrow("not a non-negative integer");
  });
});

describe("the other regexes", () => {
  it("recognises a numeric content-length and nothing else", () => {
    const numeric = new RegExp(NUMERIC_CONTENT_LENGTH_REGEX);
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(numeric.test(value)).toBe(/^[0-9]+$/.test(value));
      }),
    );
    expect(numeric.test("0")).toBe(true);
    expect(numeric.test("")).toBe(false);
  });

  it("recognises exactly POST, PUT and PATCH as body methods, with no group", () => {
    const methods = new RegExp(BODY_METHOD_REGEX);
    for (const method of ["POST", "PUT", "PATCH"]) {
      expect(methods.test(method), method).toBe(true);
    }
    for (const method of ["GET", "HEAD", "OPTIONS", "DELETE", "POSTX", "XPUT", "post"]) {
      expect(methods.test(method), method).toBe(false);
    }
    expect(BODY_METHOD_REGEX).not.toMatch(/[()]/);
  });
});

/** Nesting of logical statements: the provider's typed `rules` take three levels. */
function logicalDepth(statement: StatementSpec): number {
  switch (statement.kind) {
    case "and":
    case "or":
      return 1 + Math.max(...statement.statements.map(logicalDepth));
    case "not":
      return 1 + logicalDepth(statement.statement);
    default:
      return 0;
  }
}

describe("the web ACL's rules", () => {
  const rules = webAclRuleSpecs(2000, DEFAULT_MAX_REQUEST_BODY_MIB);

  it("orders reputation, rate limit, the two body rules, then the managed inspections, under unique priorities", () => {
    const ordered = [...rules].sort((left, right) => left.priority - right.priority);
    expect(ordered.map((rule) => rule.name)).toEqual([
      "aws-ip-reputation",
      "rate-limit-per-ip",
      "body-too-large",
      "body-without-length",
      "aws-common-rule-set",
      "aws-known-bad-inputs",
    ]);
    expect(new Set(rules.map((rule) => rule.priority)).size).toBe(rules.length);
  });

  it("costs 3 WCUs for the size rule and 7 for the unsized-body rule (regex 3, size constraint 1, logic free)", () => {
    expect(statementCapacityUnits(bodyTooLargeStatement(DEFAULT_MAX_REQUEST_BODY_MIB))).toBe(3);
    // OR(size(transfer-encoding) 1, AND(regex(method) 3, NOT(regex(content-length) 3)))
    expect(statementCapacityUnits(bodyWithoutLengthStatement())).toBe(7);
  });

  it("uses 937 capacity units in all (25 + 2 + 3 + 7 + 700 + 200), within the 1,500 of the base price, at any body limit", () => {
    expect(webAclCapacityUnits(rules)).toBe(937);
    expect(WEB_ACL_BASE_CAPACITY_UNITS).toBe(1500);
    for (const mib of [MIN_MAX_REQUEST_BODY_MIB, MAX_MAX_REQUEST_BODY_MIB]) {
      expect(webAclCapacityUnits(webAclRuleSpecs(2000, mib))).toBeLessThanOrEqual(WEB_ACL_BASE_CAPACITY_UNITS);
    }
  });

  it("nests logical statements at most three deep, as the provider's typed rules allow", () => {
    for (const rule of rules) {
      if (rule.kind === "custom") {
        expect(logicalDepth(rule.statement), rule.name).toBeLessThanOrEqual(3);
      }
    }
  });
});
