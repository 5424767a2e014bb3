/** A stack without a WAF has no request-body limit, and the program (so `npm run plan`) says so; one with a WAF does not. */
import { beforeAll, describe, expect, it } from "vitest";

import type { StackRun } from "../stack/stack-harness";
import { runStacksInChildren } from "../stack/stack-runs-in-children";

const UNLIMITED = "request bodies are unlimited";

describe("the unlimited request bodies warning", () => {
  let dev: StackRun;
  let devWithWaf: StackRun;
  let prod: StackRun;

  beforeAll(async () => {
    // Each in its own process: the mocks are process-wide.
    [dev, devWithWaf, prod] = await runStacksInChildren([{ stack: "dev" }, { stack: "dev", extraConfig: { waf: "true" } }, { stack: "prod" }]);
  });

  it("warns on dev (waf: false), naming the stack and the command that turns the WAF on", () => {
    const warnings = dev.warnings.filter((warning) => warning.includes(UNLIMITED));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Stack dev has no WAF");
    expect(warnings[0]).toContain("without a key");
    expect(warnings[0]).toContain("pulumi config set --stack dev waf true");
    expect(dev.resources.some((resource) => resource.type === "aws:wafv2/webAcl:WebAcl")).toBe(false);
  });

  it("does not warn where the WAF enforces the limit", () => {
    for (const run of [devWithWaf, prod]) {
      expect(run.warnings.filter((warning) => warning.includes(UNLIMITED))).toEqual([]);
      expect(run.resources.filter((resource) => resource.type === "aws:wafv2/webAcl:WebAcl")).toHaveLength(1);
    }
  });
});
