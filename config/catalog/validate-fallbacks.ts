/**
 * Fallback lists name aliases. LiteLLM accepts a fallback to a model group that does not exist
 * and only fails when the fallback is needed, in the middle of an outage; these checks move that
 * failure to render time.
 */
import { aliasPath } from "./catalog-paths";
import type { CatalogProblem } from "./catalog-validation-error";

/** The per-alias fallback lists, with the field names they have in the catalog. */
export const FALLBACK_KINDS = ["fallbacks", "contextWindowFallbacks", "contentPolicyFallbacks"] as const;
export type FallbackKind = (typeof FALLBACK_KINDS)[number];

export interface AliasUniverse {
  /** Every alias defined in the catalog. */
  readonly defined: readonly string[];
  /** The aliases served on the stack being checked (all of them when no stack is given). */
  readonly served: readonly string[];
  /** The stack being checked, for messages. */
  readonly stack?: string;
}

/** Checks one list of alias names; `owner` is the alias the list belongs to (none for defaults). */
export function checkAliasList(
  value: unknown,
  path: string,
  universe: AliasUniverse,
  owner?: string,
): CatalogProblem[] {
  const servedExample = universe.served.find((name) => name !== owner) ?? "another-alias";
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) {
    return [{ path, message: "must be a list of alias names.", fix: `write e.g. ["${servedExample}"].` }];
  }
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  value.forEach((target: string, index) => {
    const entryPath = `${path}[${index}]`;
    if (seen.has(target)) {
      problems.push({ path: entryPath, message: `"${target}" is listed twice.`, fix: "remove the repeated entry." });
    }
    seen.add(target);
    if (target === owner) {
      problems.push({
        path: entryPath,
        message: `alias "${owner}" falls back to itself, which only repeats the failing call.`,
        fix: `name a different alias, e.g. "${servedExample}", or remove the entry.`,
      });
    } else if (!universe.defined.includes(target)) {
      problems.push({
        path: entryPath,
        message: `no alias named "${target}" exists.`,
        fix: `name a defined alias (${universe.defined.join(", ")}) or add "${target}" to aliases.`,
      });
    } else if (!universe.served.includes(target)) {
      problems.push({
        path: entryPath,
        message: `alias "${target}" is not served on stack "${universe.stack}", so this fallback would fail there.`,
        fix: `add "${universe.stack}" to ${aliasPath(target)}.stacks, or name an alias served on "${universe.stack}" (${universe.served.join(", ")}).`,
      });
    }
  });
  return problems;
}

/** Cycles in one kind of fallback graph, each reported once, starting from its smallest alias. */
export function findFallbackCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (node: string, trail: string[]): void => {
    for (const next of edges.get(node) ?? []) {
      const start = trail.indexOf(next);
      if (start >= 0) {
        const cycle = trail.slice(start);
        const smallest = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
        cycles.set(canonical.join("\u0000"), canonical);
      } else if (next !== node) {
        visit(next, [...trail, next]);
      }
    }
  };
  for (const node of [...edges.keys()].sort()) {
    visit(node, [node]);
  }
  return [...cycles.values()].sort((left, right) => (left.join(" ") < right.join(" ") ? -1 : 1));
}

/** One problem per cycle, at the fallback list of the cycle's first alias. */
export function checkFallbackCycles(kind: FallbackKind, edges: ReadonlyMap<string, readonly string[]>): CatalogProblem[] {
  return findFallbackCycles(edges).map((cycle) => ({
    path: `${aliasPath(cycle[0])}.${kind}`,
    message: `${kind} form a cycle: ${[...cycle, cycle[0]].join(" -> ")}; when all of them fail, LiteLLM retries the same groups until max_fallbacks.`,
    fix: `remove one link, e.g. "${cycle[1] ?? cycle[0]}" from ${aliasPath(cycle[0])}.${kind} or "${cycle[0]}" from ${aliasPath(cycle[cycle.length - 1])}.${kind}.`,
  }));
}
