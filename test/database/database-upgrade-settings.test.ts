/**
 * dev with the two database day-2 settings turned the other way: nothing is `protect`ed where
 * deletion protection is off, a major upgrade is let through with a warning, and changes wait for
 * the maintenance window.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("dev", { dbAllowMajorVersionUpgrade: "true", dbApplyImmediately: "false" });
});

describe("dev stack with dbAllowMajorVersionUpgrade and without dbApplyImmediately", () => {
  it.each(["aws:rds/instance:Instance", "aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup"])(
    "leaves %s unprotected: dbDeletionProtection is false, so protection follows it",
    (type) => {
      expect(oneOf(run, type).protect).toBe(false);
    },
  );

  it("passes both settings to the instance", () => {
    expect(oneOf(run, "aws:rds/instance:Instance").inputs).toMatchObject({ allowMajorVersionUpgrade: true, applyImmediately: false });
  });

  it("warns that a major upgrade is allowed and how to turn it off again", () => {
    const warning = run.warnings.find((message) => message.includes("dbAllowMajorVersionUpgrade"));
    expect(warning).toContain("upgrades the database in place");
    expect(warning).toContain("pulumi config rm dbAllowMajorVersionUpgrade");
  });
});
