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

/** Every string in `root` (object keys included: a key can be pasted as a name too), with where it sits. */
function* stringsIn(root: unknown): Generator<{ place: Place | undefined; text: string }> {
  const seen = new Set<object>();
  const pending: { value: unknown; place: Place | undefined }[] = [{ value: root, place: undefined }];
  while (pending.length > 0) {
    const { value, place } = pending.pop() as { value: unknown; place: Place | undefined };
    if (typeof value === "string") {
      yield { place, text: value };
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) {
      continue;
    }
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [step] of entries) {
      if (typeof step === "string") {
        yield { place: { parent: place, step }, text: step };
      }
    }
    // Pushed last first, so values are visited in the order they are written.
    for (let position = entries.length - 1; position >= 0; position -= 1) {
      const [step, entry] = entries[position];
      pending.push({ value: entry, place: { parent: place, step } });
    }
  }
}

/** One problem per place that holds a credential-looking string; the string itself is never repeated. */
export function validateNoSecretValues(catalog: Readonly<Record<string, unknown>>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const reported = new Set<string>();
  for (const { place, text } of stringsIn(catalog)) {
    const kind = describeSecretValue(text);
    if (kind === undefined) {
      continue;
    }
    const path = pathOf(place);
    if (!reported.has(path)) {
      reported.add(path);
      problems.push({
        path,
        message: `this looks like ${kind}. The catalog is rendered to config.yaml and stored in S3, so it must never hold a credential.`,
        fix: `put the secret in an environment variable and write only its NAME in apiKeyEnv or credentialsEnv, e.g. apiKeyEnv: "OPENAI_API_KEY"; rotate the key if it was committed.`,
      });
    }
  }
  return problems;
}
