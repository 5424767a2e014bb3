/**
 * No catalog is too large or too deep to check: fallback chains and cycles are walked with the
 * walk's own stack, and so is every value in the catalog, so a chain 100,000 links long (far past
 * any JavaScript recursion limit) validates, and a cycle that long is found and reported on one
 * short line. No timing is asserted here; bench/catalog-scale.ts measures.
 */
import { describe, expect, it } from "vitest";

import { validateCatalog } from "../../config/catalog/validate-catalog";
import { findFallbackCycles } from "../../config/catalog/validate-fallbacks";

const CHAIN_LINKS = 100_000;
/**
 * The whole-catalog check also validates every deployment, so it uses a shorter chain that is
 * still twice past Node's recursion limit (about 11,000 frames of a small function).
 */
const CATALOG_CHAIN_LINKS = 20_000;
/** A problem longer than this is not a line a person reads. */
const MAX_PROBLEM_CHARACTERS = 1_000;

const names = Array.from({ length: CHAIN_LINKS }, (_, index) => `m${index}`);

/** m0 -> m1 -> ... -> m<links - 1>, closed back to m0. */
function closedChainCatalog(links: number): unknown {
  const aliases: Record<string, unknown> = {};
  for (const [index, name] of names.slice(0, links).entries()) {
    const next = index + 1 < links ? names[index + 1] : names[0];
    aliases[name] = {
      deployments: [{ provider: "bedrock", model: `model-${index}`, region: "us-east-1" }],
      fallbacks: [next],
    };
  }
  return { aliases };
}

function chainEdges(closed: boolean): Map<string, string[]> {
  return new Map(names.map((name, index) => [name, index + 1 < names.length ? [names[index + 1]] : closed ? [names[0]] : []]));
}

describe("fallback chains far deeper than any recursion limit", () => {
  it(`a chain of ${CHAIN_LINKS} links has no cycle`, () => {
    expect(findFallbackCycles(chainEdges(false))).toEqual([]);
  });

  it(`a cycle of ${CHAIN_LINKS} aliases is found once, through all of them`, () => {
    const cycles = findFallbackCycles(chainEdges(true));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(CHAIN_LINKS);
    expect(cycles[0][0]).toBe("m0");
    expect(cycles[0][CHAIN_LINKS - 1]).toBe(names[CHAIN_LINKS - 1]);
  });

  it(`a whole catalog whose fallbacks close a cycle of ${CATALOG_CHAIN_LINKS} aliases validates to exactly that one problem, on one short line`, () => {
    const problems = validateCatalog(closedChainCatalog(CATALOG_CHAIN_LINKS), { stack: "prod" });
    expect(problems).toHaveLength(1);
    const [cycle] = problems;
    expect(cycle.path).toBe("aliases.m0.fallbacks");
    expect(cycle.message).toContain(`a cycle of ${CATALOG_CHAIN_LINKS} aliases: m0 -> m1 -> m2 -> m3 -> m4 -> … (`);
    expect(cycle.message).toContain(`-> ${names[CATALOG_CHAIN_LINKS - 1]} -> m0;`);
    const line = `${cycle.path}: ${cycle.message} Fix: ${cycle.fix}`;
    expect(line).not.toContain("\n");
    expect(line.length).toBeLessThan(MAX_PROBLEM_CHARACTERS);
  });

  it("a value nested deeper than any recursion limit is checked, not crashed on", () => {
    let deep: unknown = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";
    for (let level = 0; level < CHAIN_LINKS; level += 1) {
      deep = { level: deep };
    }
    const catalog = { aliases: { chat: { deployments: [{ provider: "bedrock", model: "m", region: "us-east-1" }], extra: deep } } };
    const problems = validateCatalog(catalog);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining(`"extra" is not a catalog setting here`),
      expect.stringContaining("this looks like an OpenAI, Anthropic or LiteLLM key"),
    ]);
    expect(JSON.stringify(problems)).not.toContain("sk-proj-abcdefghijklmnopqrstuvwxyz012345");
  });

  it("a value that contains itself is checked once, not looped over", () => {
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    const catalog = { aliases: { chat: { deployments: [{ provider: "bedrock", model: "m", region: "us-east-1", extra: cyclic }] } } };
    expect(validateCatalog(catalog).map((problem) => problem.path)).toEqual(["aliases.chat.deployments[0].extra"]);
  });
});
