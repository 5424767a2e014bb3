import { createHash } from "node:crypto";

/** Hex characters of the raw name's hash kept when cleaning changed it. */
const DISAMBIGUATION_HEX_LENGTH = 6;

/**
 * A Pulumi stack name as a piece of an AWS name. Stack names may hold `.` and `_` (`team.prod`,
 * `eu_west.prod`), which many AWS names refuse: an ECS task family takes letters, digits, `_` and
 * `-` only; an RDS snapshot identifier and an ElastiCache id take letters, digits and single
 * hyphens; a KMS alias takes letters, digits, `/`, `_` and `-`. Letters, digits and single inner
 * hyphens fit every one of them, so every name built from the stack uses this segment.
 *
 * A clean name is kept as it is (`prod` stays `prod`). A name that had to be cleaned gets six hex
 * characters of its hash, so two stacks in one account that clean to the same text (`team.prod`
 * and `team-prod`) never share a task family, a snapshot name or a KMS alias.
 * @example stackNameSegment("prod") === "prod"
 * @example stackNameSegment("team.prod") === "team-prod-" + 6 hex characters
 */
export function stackNameSegment(stack: string): string {
  const segment = stack
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .replace(/-+$/, "");
  if (segment === "") {
    throw new Error(`Stack name "${stack}" has no letter or digit to name AWS resources after; rename the stack (pulumi stack rename <org>/<project>/<name>), e.g. "prod".`);
  }
  if (segment === stack) {
    return segment;
  }
  const hash = createHash("sha256").update(stack).digest("hex").slice(0, DISAMBIGUATION_HEX_LENGTH);
  return `${segment}-${hash}`;
}
