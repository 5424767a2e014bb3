/** The RDS names the database component derives: valid for RDS whatever the stack is called. */
import { describe, expect, it } from "vitest";

import { finalSnapshotIdentifier } from "../../components/database";

/** RDS: a letter first, then letters, digits and single hyphens, no hyphen at the end, at most 255. */
const RDS_SNAPSHOT_IDENTIFIER = /^[A-Za-z](?:-?[A-Za-z0-9])*$/;
const MAX_LENGTH = 255;

describe("finalSnapshotIdentifier", () => {
  it("names the snapshot after the stack, so two stacks in one account never collide", () => {
    expect(finalSnapshotIdentifier("litellm-database", "prod")).toBe("litellm-database-prod-final-snapshot");
    expect(finalSnapshotIdentifier("litellm-database", "staging")).not.toBe(finalSnapshotIdentifier("litellm-database", "prod"));
  });

  it.each(["prod", "my_org.prod", "eu--west", "1st", "-x-", "a".repeat(300)])("stays a valid RDS identifier for stack %s", (stack) => {
    const identifier = finalSnapshotIdentifier("litellm-database", stack);
    expect(identifier).toMatch(RDS_SNAPSHOT_IDENTIFIER);
    expect(identifier.length).toBeLessThanOrEqual(MAX_LENGTH);
    expect(identifier.endsWith("-final-snapshot")).toBe(true);
  });
});
