/** Which aliases a stack serves: dev and prod share one catalog and differ only by `stacks`. */
import type { AliasDefinition, Catalog } from "./catalog-types";

/** True when the alias has no `stacks` list or lists this stack. */
export function isServedOn(alias: Pick<AliasDefinition, "stacks">, stack: string): boolean {
  return alias.stacks === undefined || alias.stacks.includes(stack);
}

/** The aliases served on `stack`, sorted so every consumer sees the same order. */
export function servedAliasNames<A extends string>(catalog: Catalog<A>, stack: string): A[] {
  const names = Object.keys(catalog.aliases) as A[];
  return names.filter((name) => isServedOn(catalog.aliases[name], stack)).sort(compareText);
}

/** Plain code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareText(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}
