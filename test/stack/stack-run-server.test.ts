/**
 * The stack-run server's workers run one stack after another; a run the program refuses ends its
 * worker. The pool must not hand that worker the next request while it exits: refused and valid
 * runs asked at once each get their own answer.
 */
import { expect, it } from "vitest";

import { runStack } from "./stack-harness";

it("answers valid runs asked alongside refused ones, each with its own result", async () => {
  const refused = ["1", "2", "3"].map((bad) => runStack("dev", { desiredCount: "0", providerKeysRevision: `refused-${bad}` }));
  const valid = ["a", "b", "c"].map((revision) => runStack("dev", { providerKeysRevision: `valid-${revision}` }));
  const [refusals, answers] = await Promise.all([Promise.allSettled(refused), Promise.allSettled(valid)]);
  for (const refusal of refusals) {
    expect(refusal.status === "rejected" && String(refusal.reason)).toContain("litellm-gateway:desiredCount");
  }
  const runs = answers.map((answer) => {
    if (answer.status === "rejected") throw answer.reason;
    return answer.value;
  });
  expect(runs.map((run) => run.config["litellm-gateway:providerKeysRevision"])).toEqual(["valid-a", "valid-b", "valid-c"]);
  for (const run of runs) {
    expect(run.resources.some((resource) => resource.type === "aws:ecs/service:Service")).toBe(true);
  }
});
