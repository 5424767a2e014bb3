/**
 * The fast config.yaml writer must write exactly what the yaml library writes, for any document
 * of the shapes the renderer produces and for awkward text (dates, YAML 1.1 booleans, colons,
 * line breaks, long keys), since the library is the reference the golden files were made with.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";

import { blockYaml, CONFIG_YAML_OPTIONS, writeBlockYaml } from "../../config/render/block-yaml";

const RUNS = 150;

/** Text biased toward what YAML treats specially. */
const awkwardText = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./:-]{0,20}$/),
  fc.constantFrom("yes", "No", "ON", "off", "y", "n", "null", "true", "2024-10-21", "1:20", "0x1f", ".inf", "a:", "a::b", "a: b", "a #b", "- a", "", " a", "a\nb", "<<", "~", "é", "x".repeat(1100)),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9 :#'"\-.,[\]{}&*!|>%@`\\]{0,10}$/),
);
const scalar = fc.oneof(awkwardText, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/), awkwardText);

function documents(keys: fc.Arbitrary<string>, scalars: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalars, tie("list"), tie("map")),
    list: fc.array(tie("value"), { maxLength: 4 }),
    map: fc.dictionary(keys, tie("value"), { maxKeys: 4 }),
  })).map as fc.Arbitrary<Record<string, unknown>>;
}

/** Keys the library itself writes without quotes (so not yes, null, e0, ...). */
const plainKey = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_./:-]{0,15}$/)
  .filter((text) => stringify({ [text]: 1 }, CONFIG_YAML_OPTIONS) === `${text}: 1\n`);
const oneLineScalar = scalar.filter((value) => typeof value !== "string" || !/[\n\r\u0085\u2028\u2029]/.test(value));

describe("the config.yaml writer", () => {
  it("writes what the yaml library writes, for any document", () => {
    fc.assert(
      fc.property(documents(key, scalar), (doc) => {
        expect(blockYaml(doc)).toBe(stringify(doc, CONFIG_YAML_OPTIONS));
      }),
      { numRuns: RUNS },
    );
  });

  it("writes documents with plain keys and one-line scalars itself, exactly as the library does", () => {
    fc.assert(
      fc.property(documents(plainKey, oneLineScalar), (doc) => {
        const written = writeBlockYaml(doc);
        expect(written).toBeDefined();
        expect(written).toBe(stringify(doc, CONFIG_YAML_OPTIONS));
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves a document to the library when a key is not a plain name or is too long for a simple key", () => {
    expect(writeBlockYaml({ "a b": 1 })).toBeUndefined();
    expect(writeBlockYaml({ yes: 1 })).toBeUndefined();
    expect(writeBlockYaml({ ["k".repeat(1025)]: 1 })).toBeUndefined();
    expect(blockYaml({ ["k".repeat(1025)]: 1 })).toBe(stringify({ ["k".repeat(1025)]: 1 }, CONFIG_YAML_OPTIONS));
  });

  it("writes the renderer's shapes itself: names, routes, whole numbers, nested fallback lists", () => {
    const doc = {
      model_list: [{ model_name: "gpt-4.1", litellm_params: { model: "bedrock/us.anthropic.claude-v1:0", api_version: "2024-10-21", rpm: 5, weight: 0.5 } }],
      router_settings: { fallbacks: [{ "gpt-4.1": ["claude"] }], enable_pre_call_checks: false, supported: [], extra: {} },
    };
    expect(writeBlockYaml(doc)).toBe(stringify(doc, CONFIG_YAML_OPTIONS));
  });
});
