/**
 * The models check against a scripted gateway: it compares the served aliases with the catalog's
 * by name, not by count. Found missing by mutation testing: the tests against LiteLLM only add or
 * remove an alias, so a check that compared only the number of aliases still passed them.
 */
import { describe, expect, it } from "vitest";

import { runSmokeChecks } from "../../scripts/smoke/smoke-checks";
import type { CheckResult, SmokeFetch } from "../../scripts/smoke/smoke-checks";

/** A gateway that is healthy and lists `served` on /v1/models; every other call answers 500. */
function gatewayServing(served: readonly string[]): SmokeFetch {
  return (url) => {
    const path = new URL(url).pathname;
    if (path.startsWith("/health/")) {
      return Promise.resolve(Response.json({ status: "healthy" }));
    }
    if (path === "/v1/models") {
      return Promise.resolve(Response.json({ data: served.map((id) => ({ id, object: "model" })) }));
    }
    return Promise.resolve(Response.json({ error: "not scripted" }, { status: 500 }));
  };
}

async function modelsCheck(served: readonly string[], expectedAliases: readonly string[]): Promise<CheckResult | undefined> {
  const results = await runSmokeChecks({ baseUrl: "https://gw", masterKey: "sk-master", expectedAliases, fetch: gatewayServing(served) });
  return results.find((result) => result.name === "models");
}

describe("models check (scripted gateway)", () => {
  it("fails when the gateway serves as many aliases as expected but a different one, naming both", async () => {
    const models = await modelsCheck(["a", "z"], ["a", "b"]);

    expect(models?.status).toBe("fail");
    expect(models?.detail).toContain("missing b");
    expect(models?.detail).toContain("not in the catalog for this stack z");
  });

  it("passes when the gateway serves exactly the expected aliases, in any order", async () => {
    const models = await modelsCheck(["b", "a"], ["a", "b"]);

    expect(models?.status).toBe("pass");
  });
});
