/** Names built from a stack name: valid in every AWS name that carries one, and never shared by two stacks. */
import { describe, expect, it } from "vitest";

import { stackNameSegment } from "../../config/settings/stack-name-segment";

/** Letters and digits in hyphen-separated runs: what task families, RDS ids and KMS aliases all accept. */
const SAFE_SEGMENT = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

describe("stackNameSegment", () => {
  it.each(["dev", "prod", "prod-eu", "Prod2"])("keeps the clean name %s as it is, so existing stacks keep their names", (stack) => {
    expect(stackNameSegment(stack)).toBe(stack);
  });

  it.each(["team.prod", "eu_west.prod", "a..b", "-x-", "team--prod", "x".repeat(100)])("turns %s into a segment every AWS name accepts", (stack) => {
    expect(stackNameSegment(stack)).toMatch(SAFE_SEGMENT);
  });

  it("gives two stacks that clean to the same text different segments", () => {
    const names = ["team.prod", "team-prod", "team_prod", "team..prod"];
    expect(new Set(names.map(stackNameSegment)).size).toBe(names.length);
  });

  it("refuses a stack name with no letter or digit, naming the fix", () => {
    expect(() => stackNameSegment("._-")).toThrow(/pulumi stack rename/);
  });
});
