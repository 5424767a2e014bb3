/**
 * A Pulumi stack name as a piece of an AWS name. Stack names may hold `.` and `_` (`team.prod`,
 * `eu_west.prod`), which many AWS names refuse: an ECS task family takes letters, digits, `_` and
 * `-` only; an RDS snapshot identifier and an ElastiCache id take letters, digits and single
 * hyphens; a KMS alias takes letters, digits, `/`, `_` and `-`. Letters, digits and single inner
 * hyphens fit every one of them, so every name built from the stack uses this segment.
 * @example stackNameSegment("team.prod") === "team-prod"
 */
export function stackNameSegment(stack: string): string {
  const segment = stack
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .replace(/-+$/, "");
  if (segment === "") {
    throw new Error(`Stack name "${stack}" has no letter or digit to name AWS resources after; rename the stack (pulumi stack rename <org>/<project>/<name>), e.g. "prod".`);
  }
  return segment;
}
