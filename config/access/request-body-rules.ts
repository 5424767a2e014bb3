/**
 * The request-body limit the web ACL enforces, as plain values: the `content-length` regex, the
 * two custom rules' statements and their capacity units. Pure, so the regex is property-tested
 * and the capacity is summed without Pulumi.
 *
 * Why the header and not the body: behind an Application Load Balancer WAF sees only the first
 * 8 KB of a body, a limit that is fixed for ALB and AppSync; AssociationConfig.RequestBody, which
 * raises it to 64 KB, applies only to CloudFront, API Gateway, Cognito, App Runner and Verified
 * Access (WAF API Reference, AssociationConfig and RequestBodyAssociatedResourceTypeConfig: "For
 * Application Load Balancer and AWS AppSync, the limit is fixed at 8 KB (8,192 bytes)"). A body
 * rule can therefore never measure a prompt of megabytes; the `content-length` header states the
 * size up front, and HTTP/1.1 frames a request body only by it or by Transfer-Encoding (RFC 9112
 * section 6.3: with neither, the body is empty). So: block a content-length above the limit, block
 * any Transfer-Encoding (chunked bodies carry no length), and block POST/PUT/PATCH without a
 * numeric content-length (an HTTP/2 body may come without one).
 */

/** One MiB in bytes (2^20): the setting is in MiB, content-length in bytes. */
export const BYTES_PER_MIB = 1_048_576;

/**
 * Default request-body limit. What prompts with images need, per provider (December 2026):
 * - Anthropic Messages API: 32 MB per request (docs.anthropic.com/en/api/overview, "Request size
 *   limits": 32 MB for Messages and Token Counting; Batch 256 MB, Files 500 MB), images at most
 *   5 MB each as base64.
 * - Amazon Bedrock: Anthropic Claude through InvokeModel takes at most 20 MB of payload (Bedrock
 *   User Guide, Anthropic Claude Messages API, "Request and Response"); Converse at most 20 images
 *   of 3.75 MB and 5 documents of 4.5 MB (Bedrock API Reference, Message.content).
 * - OpenAI: images up to 20 MB each, up to 500 per request and 50 MB of image bytes per request
 *   (OpenAI Images and vision guide, "Image input requirements"); base64 in JSON makes that about
 *   67 MB of body.
 * 32 MiB (33,554,432 bytes, above Anthropic's 32 MB and Bedrock's 20 MB) passes every request
 * Anthropic and Bedrock accept and OpenAI requests with up to about 24 MB of images; a body LiteLLM
 * would only forward to a provider that refuses it is stopped at the edge. A single-worker task
 * holds such a body several times over while parsing and re-sending it (raw bytes, the decoded JSON,
 * the provider request), about 100-150 MB per request at the limit, which a 2-4 GiB task survives
 * for tens of concurrent requests; unlimited, a few 1 GB bodies would exhaust it.
 * Raise it (e.g. to 68) for clients that send OpenAI its full 50 MB of images, or for file uploads.
 */
export const DEFAULT_MAX_REQUEST_BODY_MIB = 32;

/** Below 1 MiB one photo in a prompt is refused: surely a typo. */
export const MIN_MAX_REQUEST_BODY_MIB = 1;

/** The largest upload any provider's API takes (OpenAI Files 512 MB; Anthropic Files 500 MB). */
export const MAX_MAX_REQUEST_BODY_MIB = 512;

/** The maxRequestBodyMib setting and the WebApplicationFirewall component's maxRequestBodyMib hold to this. */
export function isMaxRequestBodyMib(mib: number): boolean {
  return Number.isInteger(mib) && mib >= MIN_MAX_REQUEST_BODY_MIB && mib <= MAX_MAX_REQUEST_BODY_MIB;
}

/** WAF API Reference, RegexMatchStatement.RegexString: "Minimum length of 1. Maximum length of 512." */
export const MAX_WAF_REGEX_LENGTH = 512;

const DECIMAL_DIGITS = 10;

/** `[5-9]`, or the digit itself when the range has one member. */
function digitsFrom(lowest: number): string {
  const highest = DECIMAL_DIGITS - 1;
  return lowest === highest ? String(highest) : `[${lowest}-${highest}]`;
}

/** `[0-9]{count}`, nothing for 0, `[0-9]` for 1. */
function anyDigits(count: number): string {
  if (count === 0) {
    return "";
  }
  return count === 1 ? "[0-9]" : `[0-9]{${count}}`;
}

/**
 * A regex that matches a decimal integer (leading zeros allowed) exactly when its value is greater
 * than `limit`, and nothing else. One branch for numbers with more significant digits than the
 * limit, and one per digit of the limit: the same leading digits, then a larger digit, then any
 * digits. Every branch carries its own `^0*` and `$`, so the regex needs no group: WAF supports
 * PCRE "with some exceptions", among them "Backreferences and capturing subexpressions", "Large
 * values of quantifiers" and a "Large number of | branches" (WAF Developer Guide, "Supported
 * regular expression syntax in AWS WAF"); this one uses only character classes, quantifiers of at
 * most the limit's digit count and at most 10 branches. JavaScript reads this subset as PCRE does,
 * so the tests prove it with JavaScript's RegExp.
 * @throws when limit is not a non-negative safe integer
 */
export function contentLengthAboveRegex(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new Error(`contentLengthAboveRegex: limit ${limit} is not a non-negative integer number of bytes.`);
  }
  const digits = String(limit);
  const branches = [`[1-9][0-9]{${digits.length},}`];
  for (let position = 0; position < digits.length; position += 1) {
    const digit = Number(digits[position]);
    if (digit < DECIMAL_DIGITS - 1) {
      branches.push(`${digits.slice(0, position)}${digitsFrom(digit + 1)}${anyDigits(digits.length - position - 1)}`);
    }
  }
  return branches.map((branch) => `^0*${branch}$`).join("|");
}

/** A whole content-length value that is a decimal number. */
export const NUMERIC_CONTENT_LENGTH_REGEX = "^[0-9]+$";

/** Methods that carry a body in LiteLLM's API; GET, HEAD, OPTIONS and DELETE are sent without. */
export const BODY_METHODS = ["POST", "PUT", "PATCH"] as const;

/** `^POST$|^PUT$|^PATCH$`: anchored alternatives, no group. */
export const BODY_METHOD_REGEX = BODY_METHODS.map((method) => `^${method}$`).join("|");

export const CONTENT_LENGTH_HEADER = "content-length";
export const TRANSFER_ENCODING_HEADER = "transfer-encoding";

/** The part of the request a statement reads. WAF matches single header names case-insensitively. */
export type FieldSpec = { readonly kind: "header"; readonly name: string } | { readonly kind: "method" };

/**
 * A rule statement, as much of WAF's statement language as the custom rules use. Text
 * transformations are always NONE: a header value and a method need no decoding, and each other
 * transformation would add 10 capacity units.
 */
export type StatementSpec =
  | { readonly kind: "regex"; readonly field: FieldSpec; readonly regex: string }
  /** Matches when the field is present with a value longer than `size` bytes. */
  | { readonly kind: "size-greater-than"; readonly field: FieldSpec; readonly size: number }
  | { readonly kind: "and"; readonly statements: readonly StatementSpec[] }
  | { readonly kind: "or"; readonly statements: readonly StatementSpec[] }
  | { readonly kind: "not"; readonly statement: StatementSpec };

/** WAF Developer Guide, "Regex match rule statement": 3 WCUs base, no transformation added. */
export const REGEX_MATCH_WCU = 3;
/** WAF Developer Guide, "Size constraint rule statement": 1 WCU base, no transformation added. */
export const SIZE_CONSTRAINT_WCU = 1;

/**
 * Web ACL capacity units of a statement: the base cost of each match statement (single header and
 * method add nothing; only all-query-parameters, JSON body and transformations do) and, for AND,
 * OR and NOT, "Based on nested statements" (WAF Developer Guide, "Using logical rule statements"):
 * the sum of what they hold.
 */
export function statementCapacityUnits(statement: StatementSpec): number {
  switch (statement.kind) {
    case "regex":
      return REGEX_MATCH_WCU;
    case "size-greater-than":
      return SIZE_CONSTRAINT_WCU;
    case "and":
    case "or":
      return statement.statements.reduce((sum, nested) => sum + statementCapacityUnits(nested), 0);
    case "not":
      return statementCapacityUnits(statement.statement);
  }
}

/** Content-length above the limit, in bytes. */
export function bodyTooLargeStatement(maxRequestBodyMib: number): StatementSpec {
  return {
    kind: "regex",
    field: { kind: "header", name: CONTENT_LENGTH_HEADER },
    regex: contentLengthAboveRegex(maxRequestBodyMib * BYTES_PER_MIB),
  };
}

/**
 * A body whose size the content-length rule cannot see: any Transfer-Encoding (chunked), or a
 * POST, PUT or PATCH without a numeric content-length. A header that is absent matches no
 * regex, so NOT(numeric) holds for a missing content-length as for a malformed one; a present
 * header is detected with size > 0 (WAF Developer Guide, "Rate limit the requests that are
 * missing a specific header", uses the same test).
 */
export function bodyWithoutLengthStatement(): StatementSpec {
  return {
    kind: "or",
    statements: [
      { kind: "size-greater-than", field: { kind: "header", name: TRANSFER_ENCODING_HEADER }, size: 0 },
      {
        kind: "and",
        statements: [
          { kind: "regex", field: { kind: "method" }, regex: BODY_METHOD_REGEX },
          { kind: "not", statement: { kind: "regex", field: { kind: "header", name: CONTENT_LENGTH_HEADER }, regex: NUMERIC_CONTENT_LENGTH_REGEX } },
        ],
      },
    ],
  };
}
