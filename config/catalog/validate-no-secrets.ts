/**
 * The catalog is rendered to config.yaml and stored in S3: no string in it, key or value, may be
 * a credential. The walk keeps its own stack and remembers what it has seen, so a deeply nested
 * or cyclic value (possible from JavaScript) is checked without a recursion limit or a loop.
 */
import { aliasPath } from "./catalog-paths";
import type { CatalogProblem } from "./catalog-validation-error";
import { describeSecretValue } from "./secret-value-detection";
import { shownName } from "./shown-value";

/** Where a value sits; the path is spelt only for a value that is reported. */
interface Place {
  readonly parent?: Place;
  /** An object key, or a list index. */
  readonly step: string | number;
}

function pathOf(place: Place | undefined): string {
  const steps: (string | number)[] = [];
  for (let at = place; at !== undefined; at = at.parent) {
    steps.push(at.step);
  }
  steps.reverse();
  let path = "";
  for (const [position, step] of steps.entries()) {
    if (typeof step === "number") {
      path += `[${step}]`;
    } else if (position === 1 && steps[0] === "aliases") {
      path = aliasPath(step);
    } else {
      path += path === "" ? shownName(step) : `.${shownName(step)}`;
    }
  }
  return path;
}

/**
 * Calls `found` with where each credential-looking string in `root` sits (object keys included:
 * a key can be pasted as a name too), in the order they are written. A plain loop over its own
 * stack: generators and recursion cost too much on a catalog of thousands of aliases.
 */
function findSecretStrings(root: unknown, found: (place: Place | undefined, kind: string) => void): void {
  const seen = new Set<object>();
  // Parallel stacks: a value and where it sits (its container's place and its key or index).
  // A leaf gets a Place only when it is reported: most of a catalog is short strings.
  const values: unknown[] = [root];
  const parents: (Place | undefined)[] = [undefined];
  const steps: (string | number | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const parent = parents.pop();
    const step = steps.pop();
    if (typeof value === "string") {
      const kind = describeSecretValue(value);
      if (kind !== undefined) {
        found(step === undefined ? parent : { parent, step }, kind);
      }
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) {
      continue;
    }
    seen.add(value);
    const place: Place | undefined = step === undefined ? parent : { parent, step };
    if (Array.isArray(value)) {
      for (let position = value.length - 1; position >= 0; position -= 1) {
        values.push(value[position]);
        parents.push(place);
        steps.push(position);
      }
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      const kind = describeSecretValue(key);
      if (kind !== undefined) {
        found({ parent: place, step: key }, kind);
      }
    }
    // Pushed last first, so values are visited in the order they are written.
    for (let position = keys.length - 1; position >= 0; position -= 1) {
      const key = keys[position];
      values.push((value as Record<string, unknown>)[key]);
      parents.push(place);
      steps.push(key);
    }
  }
}

/** One problem per place that holds a credential-looking string; the string itself is never repeated. */
export function validateNoSecretValues(catalog: Readonly<Record<string, unknown>>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const reported = new Set<string>();
  findSecretStrings(catalog, (place, kind) => {
    const path = pathOf(place);
    if (!reported.has(path)) {
      reported.add(path);
      problems.push({
        path,
        message: `this looks like ${kind}. The catalog is rendered to config.yaml and stored in S3, so it must never hold a credential.`,
        fix: `put the secret in an environment variable and write only its NAME in apiKeyEnv or credentialsEnv, e.g. apiKeyEnv: "OPENAI_API_KEY"; rotate the key if it was committed.`,
      });
    }
  });
  return problems;
}
