/**
 * config.yaml text, byte for byte as the yaml library writes it (block style, YAML 1.1 quoting,
 * which LiteLLM's PyYAML reads: an unquoted 2024-10-21 would be a date, yes/no/on/off booleans),
 * in time linear in its size. The library takes seconds on a catalog of thousands of aliases; here
 * the common scalars (names, routes, whole numbers) are written directly, any other scalar is
 * quoted by the library itself, and a document with anything unusual (a key that is not a plain
 * name, a scalar the library would write over several lines) is handed to the library whole.
 */
import { Document, stringify } from "yaml";

/** How the library writes config.yaml; also the fallback. No anchors: every value is written out. */
export const CONFIG_YAML_OPTIONS = { version: "1.1", lineWidth: 0, sortMapEntries: false, aliasDuplicateObjects: false } as const;

/** Text that can be written plain: starts with a letter, no spaces or indicators, no trailing colon. */
const PLAIN_TEXT = /^[A-Za-z][A-Za-z0-9_./:-]*$/;
/**
 * The library's own YAML 1.1 tests for text that would read back as something other than a
 * string (booleans such as yes/on, null, numbers such as e0, dates): it quotes such text.
 */
const NOT_STRING_TESTS: readonly RegExp[] = new Document(null, CONFIG_YAML_OPTIONS).schema.tags.flatMap((tag) =>
  tag.default === true && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test instanceof RegExp ? [tag.test] : [],
);
/** The same tests as one expression (each is anchored and flag-free), run once per string. */
const NOT_STRING = new RegExp(NOT_STRING_TESTS.map((test) => `(?:${test.source})`).join("|"));
/** YAML's limit for a key written without `? ` (PyYAML's too). */
const MAX_IMPLICIT_KEY_LENGTH = 1024;
const INDENT = "  ";
const VALUE_KEY = "k";

type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** Thrown inside the fast writer when the library must write the whole document. */
class NeedsLibrary extends Error {}

function isPlainText(text: string): boolean {
  return PLAIN_TEXT.test(text) && !text.endsWith(":") && !NOT_STRING.test(text);
}

class BlockWriter {
  private readonly quoted = new Map<unknown, string>();
  private readonly plainKeys = new Set<string>();

  scalar(value: YamlValue): string {
    if (value === undefined) {
      throw new NeedsLibrary();
    }
    if (typeof value === "string" && isPlainText(value)) {
      return value;
    }
    if (typeof value === "boolean" || (typeof value === "number" && Number.isSafeInteger(value) && !Object.is(value, -0))) {
      return String(value);
    }
    let text = this.quoted.get(value);
    if (text === undefined) {
      // As a map's value: at the top of a document the library writes some text differently ("..." ends a document).
      text = stringify({ [VALUE_KEY]: value }, CONFIG_YAML_OPTIONS).slice(VALUE_KEY.length + 2).replace(/\n$/, "");
      if (text.includes("\n")) {
        throw new NeedsLibrary();
      }
      this.quoted.set(value, text);
    }
    return text;
  }

  key(key: string): string {
    // Setting names repeat on every entry: each is checked once.
    if (!this.plainKeys.has(key)) {
      if (!isPlainText(key) || key.length > MAX_IMPLICIT_KEY_LENGTH) {
        throw new NeedsLibrary();
      }
      this.plainKeys.add(key);
    }
    return key;
  }

  /** A map's entries, each line indented by `depth` levels. */
  map(map: { readonly [key: string]: YamlValue }, depth: number, out: string[]): void {
    const indent = INDENT.repeat(depth);
    for (const key of Object.keys(map)) {
      const value = map[key];
      if (value === undefined) {
        continue; // the library leaves out a key whose value is undefined
      }
      const head = `${indent}${this.key(key)}:`;
      if (Array.isArray(value) && value.length > 0) {
        out.push(`${head}\n`);
        this.list(value, depth + 1, out);
      } else if (isMap(value) && Object.keys(value).length > 0) {
        out.push(`${head}\n`);
        this.map(value, depth + 1, out);
      } else {
        out.push(`${head} ${this.inline(value)}\n`);
      }
    }
  }

  /** A list's items, each `- ` indented by `depth` levels; a collection item starts on the dash's line. */
  list(items: readonly YamlValue[], depth: number, out: string[]): void {
    const dash = `${INDENT.repeat(depth)}- `;
    for (const item of items) {
      const nested: string[] = [];
      if (Array.isArray(item) && item.length > 0) {
        this.list(item, depth + 1, nested);
      } else if (isMap(item) && Object.keys(item).length > 0) {
        this.map(item, depth + 1, nested);
      } else {
        out.push(`${dash}${this.inline(item)}\n`);
        continue;
      }
      // The item's first line moves up onto the dash: same column, as the library writes it.
      nested[0] = `${dash}${nested[0].slice(dash.length)}`;
      out.push(...nested);
    }
  }

  private inline(value: YamlValue): string {
    if (Array.isArray(value)) {
      return "[]";
    }
    return isMap(value) ? "{}" : this.scalar(value);
  }
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The fast writer alone: `document` as config.yaml text, or undefined when something in it is
 * left to the library (a key that is not a plain name, a scalar written over several lines).
 */
export function writeBlockYaml(document: { readonly [key: string]: unknown }): string | undefined {
  const out: string[] = [];
  try {
    new BlockWriter().map(document as { readonly [key: string]: YamlValue }, 0, out);
  } catch (error) {
    if (error instanceof NeedsLibrary) {
      return undefined;
    }
    throw error;
  }
  return out.length === 0 ? "{}\n" : out.join("");
}

/** `document` (a map of plain JSON-like values) as config.yaml text. */
export function blockYaml(document: { readonly [key: string]: unknown }): string {
  return writeBlockYaml(document) ?? stringify(document, CONFIG_YAML_OPTIONS);
}
