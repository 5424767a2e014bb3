/** dbApplyImmediately and dbAllowMajorVersionUpgrade, and the parameter groups per PostgreSQL major. */
import { describe, expect, it } from "vitest";

import { parameterGroupResourceName } from "../../components/database";
import { parameterGroupMajorsProblem } from "../../config/settings/database-storage";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { stackConfig } from "../stack/stack-harness";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

describe("database day-2 settings", () => {
  it("defaults to RDS's own behaviour: changes wait for the maintenance window, no major upgrade", () => {
    expect(parseStackSettings(VALID_SETTINGS).database).toMatchObject({ applyImmediately: false, allowMajorVersionUpgrade: false });
  });

  it("takes both when set", () => {
    const settings = parseStackSettings({ ...VALID_SETTINGS, dbApplyImmediately: true, dbAllowMajorVersionUpgrade: true });
    expect(settings.database).toMatchObject({ applyImmediately: true, allowMajorVersionUpgrade: true });
  });

  it.each([
    ["dbApplyImmediately", "pulumi config set dbApplyImmediately true"],
    ["dbAllowMajorVersionUpgrade", "pulumi config set dbAllowMajorVersionUpgrade false"],
  ])("rejects a non-boolean %s with the setting and the command that fixes it", (key, command) => {
    const [problem] = expectedProblems({ ...VALID_SETTINGS, [key]: "yes" });
    expect(problem).toContain(`litellm-gateway:${key}: found "yes"`);
    expect(problem).toContain(command);
  });

  it("commits changes that apply during pulumi up on both stacks", () => {
    for (const stack of ["dev", "prod"]) {
      expect(stackConfig(stack)["litellm-gateway:dbApplyImmediately"]).toBe("true");
      expect(stackConfig(stack)["litellm-gateway:dbAllowMajorVersionUpgrade"]).toBeUndefined();
    }
  });
});

describe("parameter groups per PostgreSQL major", () => {
  it("keeps the name (and so the URN) of the group created before names carried the major", () => {
    expect(parameterGroupResourceName("litellm-database", "17")).toBe("litellm-database-parameters");
  });

  it("gives a new major its own group beside the old one", () => {
    expect(parameterGroupResourceName("litellm-database", "18")).toBe("litellm-database-parameters-postgres18");
    expect(parameterGroupResourceName("litellm-database", "18")).not.toBe(parameterGroupResourceName("litellm-database", "17"));
  });

  it("accepts the instance's major among the groups, as during an upgrade", () => {
    expect(parameterGroupMajorsProblem("17", ["17"])).toBeUndefined();
    expect(parameterGroupMajorsProblem("18", ["17", "18"])).toBeUndefined();
  });

  it("refuses an instance major without its group, naming the constant to change", () => {
    expect(parameterGroupMajorsProblem("18", ["17"])).toContain('add "18" to PARAMETER_GROUP_MAJORS');
    expect(parameterGroupMajorsProblem("17", ["17", "17"])).toContain("lists a major twice");
  });
});
