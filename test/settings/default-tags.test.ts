/** The project and stack default tags that split the bill: set right, missing (warned) or wrong (refused). */
import { describe, expect, it } from "vitest";

import { defaultTagsCheck } from "../../config/settings/default-tags";
import { availableStacks } from "../../offline/run-stack-offline";
import { projectName, stackConfig } from "../stack/stack-harness";

const CONTEXT = { project: "litellm-gateway", stack: "staging" };
const tagsConfig = (tags: Record<string, string>) => ({ "aws:defaultTags": JSON.stringify({ tags }) });

describe("aws:defaultTags", () => {
  it("is set in every committed stack file with the project's name and the stack's own name", () => {
    expect(availableStacks()).toEqual(["dev", "prod"]);
    for (const stack of availableStacks()) {
      const tags = JSON.parse(stackConfig(stack)["aws:defaultTags"]) as { tags: Record<string, string> };
      expect(tags).toEqual({ tags: { project: projectName(), stack } });
      expect(defaultTagsCheck(stackConfig(stack), { project: projectName(), stack })).toEqual({ problems: [], warnings: [] });
    }
  });

  it("refuses a stack tag naming another stack (a copied stack file), with the command that fixes it", () => {
    const check = defaultTagsCheck(tagsConfig({ project: "litellm-gateway", stack: "dev" }), CONTEXT);
    expect(check.problems).toEqual([
      `aws:defaultTags.tags.stack: found "dev", but this is stack "staging", so its costs would be filed under the wrong stack in Cost Explorer (a stack file copied from another stack?). Fix: pulumi config set --stack staging --path 'aws:defaultTags.tags.stack' staging`,
    ]);
  });

  it("refuses a project tag naming another project", () => {
    expect(defaultTagsCheck(tagsConfig({ project: "other", stack: "staging" }), CONTEXT).problems).toEqual([expect.stringMatching(/^aws:defaultTags\.tags\.project: found "other", but this is project "litellm-gateway"/)]);
  });

  it("warns, naming the commands, when the tags or the whole setting are missing", () => {
    expect(defaultTagsCheck({}, CONTEXT)).toEqual({
      problems: [],
      warnings: [
        "Stack staging: aws:defaultTags sets no project or stack tag, so Cost Explorer cannot split this stack's AWS bill by it. Set them: pulumi config set --stack staging --path 'aws:defaultTags.tags.project' litellm-gateway && pulumi config set --stack staging --path 'aws:defaultTags.tags.stack' staging",
      ],
    });
    expect(defaultTagsCheck(tagsConfig({ project: "litellm-gateway", team: "ml" }), CONTEXT).warnings).toEqual([expect.stringContaining("sets no stack tag")]);
  });

  it("refuses a value that is not a tags map", () => {
    expect(defaultTagsCheck({ "aws:defaultTags": "yes" }, CONTEXT).problems).toEqual([expect.stringMatching(/^aws:defaultTags: found yes, not an object with a tags map/)]);
  });
});
