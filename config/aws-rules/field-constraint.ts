/**
 * config/aws-rules/: the rules AWS documents for the names, descriptions, identifiers and tags a
 * stack sends, and the check that holds a stack's declared resources to them. Pure: it reads
 * plain resource records (type, logical name, inputs) and imports nothing from Pulumi,
 * components/ or scripts/. The tests and `npm run plan` run it over each stack's resources.
 *
 * This file: what one AWS field accepts, and the function that says what is wrong with a value.
 */

/** What AWS accepts in one field; every part is optional except the length. */
export interface FieldConstraint {
  /** Every character must match this single-character pattern. */
  readonly characters?: RegExp;
  /** The same rule in AWS's words, for the message. */
  readonly charactersText?: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** A rule on the first character, e.g. a letter. */
  readonly first?: { readonly pattern: RegExp; readonly text: string };
  /** A rule on the last character, e.g. not a hyphen. */
  readonly last?: { readonly pattern: RegExp; readonly text: string };
  /** Further rules (reserved prefixes, no two hyphens in a row): each returns a problem or undefined. */
  readonly more?: readonly ((value: string) => string | undefined)[];
}

/** Lengths are counted as AWS counts them for these fields: in characters (UTF-16 code points here). */
function length(value: string): number {
  return [...value].length;
}

/** Every problem with `value` under `constraint`, in words; empty when AWS accepts it. */
export function constraintProblems(value: string, constraint: FieldConstraint): string[] {
  const problems: string[] = [];
  const size = length(value);
  if (size < constraint.minLength || size > constraint.maxLength) {
    problems.push(`is ${size} characters long; AWS allows ${constraint.minLength} to ${constraint.maxLength}`);
  }
  if (constraint.characters !== undefined) {
    const pattern = constraint.characters;
    const refused = [...new Set([...value].filter((character) => !pattern.test(character)))];
    if (refused.length > 0) {
      problems.push(
        `contains ${refused.map((character) => JSON.stringify(character)).join(", ")}; AWS allows only ${constraint.charactersText ?? pattern.source}`,
      );
    }
  }
  if (size > 0 && constraint.first !== undefined && !constraint.first.pattern.test([...value][0])) {
    problems.push(`must start with ${constraint.first.text}`);
  }
  if (size > 0 && constraint.last !== undefined && !constraint.last.pattern.test([...value].at(-1) ?? "")) {
    problems.push(`must end with ${constraint.last.text}`);
  }
  for (const rule of constraint.more ?? []) {
    const problem = rule(value);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
  return problems;
}

/** A rule refusing a prefix (case-insensitive where AWS says so). */
export function notStartingWith(prefix: string, options: { readonly ignoreCase?: boolean } = {}): (value: string) => string | undefined {
  return (value) => {
    const starts = options.ignoreCase === true ? value.toLowerCase().startsWith(prefix.toLowerCase()) : value.startsWith(prefix);
    return starts ? `must not start with "${prefix}" (reserved by AWS)` : undefined;
  };
}

/** A rule refusing a suffix. */
export function notEndingWith(suffix: string): (value: string) => string | undefined {
  return (value) => (value.endsWith(suffix) ? `must not end with "${suffix}" (reserved by AWS)` : undefined);
}

/** A rule requiring a prefix. */
export function startingWith(prefix: string): (value: string) => string | undefined {
  return (value) => (value.startsWith(prefix) ? undefined : `must start with "${prefix}"`);
}

/** RDS and ElastiCache identifiers: no two hyphens in a row. */
export function noConsecutiveHyphens(value: string): string | undefined {
  return value.includes("--") ? "must not contain two consecutive hyphens" : undefined;
}

/** Values AWS refuses outright, e.g. WAF's reserved metric names. */
export function notOneOf(reserved: readonly string[]): (value: string) => string | undefined {
  return (value) => (reserved.includes(value) ? `must not be ${reserved.map((word) => `"${word}"`).join(" or ")} (reserved by AWS)` : undefined);
}
