/**
 * Fallback lists name aliases. LiteLLM accepts a fallback to a model group that does not exist
 * and only fails when the fallback is needed, in the middle of an outage; these checks move that
 * failure to render time.
 *
 * Catalogs can be large (thousands of aliases, long fallback chains): every lookup here is a set
 * or map lookup, and the graph walk keeps its own stack, so no chain is too long to check.
 */
import { aliasPath } from "./catalog-paths";
import type { CatalogProblem } from "./catalog-validation-error";
import { shownName, shownNames, shownText } from "./shown-value";

/** The per-alias fallback lists, with the field names they have in the catalog. */
export const FALLBACK_KINDS = ["fallbacks", "contextWindowFallbacks", "contentPolicyFallbacks"] as const;
export type FallbackKind = (typeof FALLBACK_KINDS)[number];

/** How many alias names a fix or a cycle quotes before it says "and N more". */
const MAX_NAMES_SHOWN = 10;

export interface AliasUniverse {
  /** Every alias defined in the catalog. */
  readonly defined: ReadonlySet<string>;
  /** The aliases served on the stack being checked (all of them when no stack is given), in catalog order. */
  readonly served: readonly string[];
  /** `served` as a set, for lookups. */
  readonly servedSet: ReadonlySet<string>;
  /** The stack being checked, for messages. */
  readonly stack?: string;
}

/** The universe of a catalog whose aliases are `defined`, of which `served` are served on `stack`. */
export function aliasUniverse(defined: readonly string[], served: readonly string[], stack?: string): AliasUniverse {
  return { defined: new Set(defined), served, servedSet: new Set(served), ...(stack === undefined ? {} : { stack }) };
}

/** Checks one list of alias names; `owner` is the alias the list belongs to (none for defaults). */
export function checkAliasList(
  value: unknown,
  path: string,
  universe: AliasUniverse,
  owner?: string,
): CatalogProblem[] {
  const servedExample = shownName(universe.served.find((name) => name !== owner) ?? "another-alias");
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) {
    return [{ path, message: "must be a list of alias names.", fix: `write e.g. ["${servedExample}"].` }];
  }
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  const stack = shownText(universe.stack ?? "");
  value.forEach((target: string, index) => {
    const entryPath = `${path}[${index}]`;
    const shown = shownText(target);
    if (seen.has(target)) {
      problems.push({ path: entryPath, message: `${shown} is listed twice.`, fix: "remove the repeated entry." });
    }
    seen.add(target);
    if (target === owner) {
      problems.push({
        path: entryPath,
        message: `alias ${shown} falls back to itself, which only repeats the failing call.`,
        fix: `name a different alias, e.g. "${servedExample}", or remove the entry.`,
      });
    } else if (!universe.defined.has(target)) {
      problems.push({
        path: entryPath,
        message: `no alias named ${shown} exists.`,
        fix: `name a defined alias (${shownNames([...universe.defined], MAX_NAMES_SHOWN)}) or add ${shown} to aliases.`,
      });
    } else if (!universe.servedSet.has(target)) {
      problems.push({
        path: entryPath,
        message: `alias ${shown} is not served on stack ${stack}, so this fallback would fail there.`,
        fix: `add ${stack} to ${aliasPath(target)}.stacks, or name an alias served on ${stack} (${shownNames(universe.served, MAX_NAMES_SHOWN)}).`,
      });
    }
  });
  return problems;
}

/** The graph with aliases numbered, so the walk below works on arrays instead of string maps. */
function numbered(edges: ReadonlyMap<string, readonly string[]>): { names: string[]; links: number[][] } {
  const names = [...edges.keys()];
  const numberOf = new Map(names.map((name, position) => [name, position]));
  const links = names.map((name, position) => {
    const targets: number[] = [];
    for (const target of edges.get(name) ?? []) {
      const targetNumber = numberOf.get(target);
      // Links to aliases without a list of their own lead nowhere; self-links are checkAliasList's.
      if (targetNumber !== undefined && targetNumber !== position) {
        targets.push(targetNumber);
      }
    }
    return targets;
  });
  return { names, links };
}

/**
 * The strongly connected components of the graph with more than one alias (Tarjan's algorithm,
 * with an explicit stack instead of recursion, so a chain of any length is walked).
 */
function tangledComponents(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const { names, links } = numbered(edges);
  const unvisited = -1;
  const index = new Int32Array(names.length).fill(unvisited);
  const lowLink = new Int32Array(names.length);
  const onStack = new Uint8Array(names.length);
  const componentStack: number[] = [];
  const components: string[][] = [];
  // The walk's own call stack: a node and how many of its links have been followed.
  const frameNode: number[] = [];
  const frameNext: number[] = [];
  let counter = 0;
  const enter = (node: number): void => {
    index[node] = counter;
    lowLink[node] = counter;
    counter += 1;
    componentStack.push(node);
    onStack[node] = 1;
    frameNode.push(node);
    frameNext.push(0);
  };
  for (let root = 0; root < names.length; root += 1) {
    if (index[root] !== unvisited) {
      continue;
    }
    enter(root);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const node = frameNode[top];
      const targets = links[node];
      if (frameNext[top] < targets.length) {
        const target = targets[frameNext[top]];
        frameNext[top] += 1;
        if (index[target] === unvisited) {
          enter(target);
        } else if (onStack[target] === 1) {
          lowLink[node] = Math.min(lowLink[node], index[target]);
        }
        continue;
      }
      frameNode.pop();
      frameNext.pop();
      if (top > 0) {
        const parent = frameNode[top - 1];
        lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
      }
      if (lowLink[node] === index[node]) {
        const component: string[] = [];
        let member: number;
        do {
          member = componentStack.pop() as number;
          onStack[member] = 0;
          component.push(names[member]);
        } while (member !== node);
        if (component.length > 1) {
          components.push(component);
        }
      }
    }
  }
  return components;
}

/** The shortest cycle through `start` inside `component` (breadth-first, so also iterative). */
function shortestCycleThrough(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head];
    for (const target of edges.get(node) ?? []) {
      if (target === start && node !== start) {
        const cycle = [node];
        for (let step = cameFrom.get(node); step !== undefined; step = cameFrom.get(step)) {
          cycle.push(step);
        }
        return cycle.reverse();
      }
      if (component.has(target) && target !== start && !cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  // Unreachable for a strongly connected component of two or more aliases.
  return [start];
}

function smallestOf(names: readonly string[]): string {
  return names.reduce((smallest, name) => (name < smallest ? name : smallest));
}

/**
 * Fallback cycles, one per group of aliases that fall back into each other: the shortest cycle
 * through the group's smallest alias, starting there. Sorted, so reports are stable.
 * Linear in aliases plus links, and safe for chains of any length.
 */
export function findFallbackCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  return tangledComponents(edges)
    .map((component) => shortestCycleThrough(smallestOf(component), new Set(component), edges))
    .sort((left, right) => (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0));
}

/** `a -> b -> c -> a`, with the middle left out of a very long cycle so the message stays one readable line. */
function describeCycle(cycle: readonly string[]): string {
  const closed = [...cycle, cycle[0]].map(shownName);
  if (closed.length <= MAX_NAMES_SHOWN + 1) {
    return closed.join(" -> ");
  }
  const head = closed.slice(0, MAX_NAMES_SHOWN / 2);
  const tail = closed.slice(-MAX_NAMES_SHOWN / 2);
  return `${head.join(" -> ")} -> … (${closed.length - MAX_NAMES_SHOWN} more) -> ${tail.join(" -> ")}`;
}

/** One problem per cycle, at the fallback list of the cycle's first alias. */
export function checkFallbackCycles(kind: FallbackKind, edges: ReadonlyMap<string, readonly string[]>): CatalogProblem[] {
  return findFallbackCycles(edges).map((cycle) => ({
    path: `${aliasPath(cycle[0])}.${kind}`,
    message: `${kind} form a cycle of ${cycle.length} aliases: ${describeCycle(cycle)}; when all of them fail, LiteLLM retries the same groups until max_fallbacks.`,
    fix: `remove one link, e.g. ${shownText(cycle[1] ?? cycle[0])} from ${aliasPath(cycle[0])}.${kind} or ${shownText(cycle[0])} from ${aliasPath(cycle[cycle.length - 1])}.${kind}.`,
  }));
}
