/**
 * Prod's database cannot be replaced or deleted by a `pulumi up`: the instance and the groups it
 * stands on are `protect`ed (deletion protection is on), and changes apply during `pulumi up` with
 * major upgrades refused. Their URNs, with every other stateful resource's, are pinned in
 * stateful-urns.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { oneOf, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";

const DATABASE_TYPES = ["aws:rds/instance:Instance", "aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup"];

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod");
});

describe("prod stack: database day-2", () => {
  it.each(DATABASE_TYPES)("protects %s, so Pulumi refuses to replace or delete it", (type) => {
    expect(oneOf(run, type).protect).toBe(true);
  });

  it("applies changes during pulumi up and refuses a major upgrade", () => {
    const instance = oneOf(run, "aws:rds/instance:Instance");
    expect(instance.inputs).toMatchObject({ applyImmediately: true, allowMajorVersionUpgrade: false, deletionProtection: true });
    // engineVersion is not ignored: a deliberate upgrade must reach RDS, and drift must show.
    expect(instance.ignoreChanges).not.toContain("engineVersion");
  });

  it("runs on the parameter group of its own major", () => {
    const instance = oneOf(run, "aws:rds/instance:Instance").inputs;
    const group = oneOf(run, "aws:rds/parameterGroup:ParameterGroup").inputs;
    expect(group.family).toBe(`postgres${instance.engineVersion as string}`);
    expect(instance.parameterGroupName).toBe("litellm-database-parameters");
  });
});
