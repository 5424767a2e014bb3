/**
 * How a value found in a catalog is quoted back in a problem. Catalogs may come from JavaScript,
 * so the value can be anything (a bigint, a cyclic object, a pasted key, a name with a line
 * break); the quote is always one short line, never a credential, and never throws.
 */
import { describeSecretValue } from "./secret-value-detection";

/** Past this many characters a quoted value is cut: a problem is one readable line. */
const MAX_SHOWN_CHARACTERS = 80;
const HEX = 16;
const UNICODE_ESCAPE_DIGITS = 4;
/** A name that can be written as it is, without quotes, in a path or a list. */
const PLAIN_NAME = /^[A-Za-z0-9._:/-]+$/;

function cut(text: string): string {
  return text.length <= MAX_SHOWN_CHARACTERS ? text : `${text.slice(0, MAX_SHOWN_CHARACTERS)}…`;
}

/** A string as JSON would quote it (line breaks escaped), cut short; a credential is described, never shown. */
export function shownText(text: string): string {
  const secret = describeSecretValue(text);
  if (secret !== undefined) {
    return `<a value that looks like ${secret}, not shown>`;
  }
  // JSON escapes \n and the other C0 controls; these also break a line (U+2028, U+2029, NEL) or a terminal.
  const quoted = JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(HEX).padStart(UNICODE_ESCAPE_DIGITS, "0")}`);
  return quoted.length <= MAX_SHOWN_CHARACTERS ? quoted : `${cut(quoted)}"`;
}

/** Any value as one short line: strings quoted, numbers and booleans as written, anything else by kind. */
export function shownValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return shownText(value);
    case "number":
    case "boolean":
      return String(value);
    case "bigint":
      return `${value.toString()}n (a bigint)`;
    case "undefined":
      return "nothing";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return value === null ? "null" : Array.isArray(value) ? `a list of ${value.length}` : "an object";
  }
}

/** A name (alias, field) as written when it is plain, quoted (and hidden when it looks like a key) otherwise. */
export function shownName(name: string): string {
  return PLAIN_NAME.test(name) && describeSecretValue(name) === undefined ? cut(name) : shownText(name);
}

/** At most `limit` names, then how many more: a fix stays one readable line however large the catalog. */
export function shownNames(names: readonly string[], limit: number): string {
  const shown = names.slice(0, limit).map(shownName).join(", ");
  return names.length <= limit ? shown : `${shown} and ${names.length - limit} more`;
}
