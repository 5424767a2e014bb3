/** LitellmGateway's pure steps: which provider keys a rendered config needs, and the Redis wiring check. */
import { describe, expect, it } from "vitest";

import { providerKeySelection, unusedProviderKeysWarning } from "../../config/render/provider-key-selection";
import { redisWiringProblem } from "../../config/settings/redis-wiring";

const rendered = (secretEnvNames: string[], yaml: string, deploymentEnvNames: string[] = []) => ({ secretEnvNames, yaml, deploymentEnvNames });

describe("the provider keys a rendered config needs", () => {
  it.each([
    ["the renderer's names, sorted", rendered(["OPENAI_API_KEY", "ANTHROPIC_API_KEY"], ""), ["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]],
    [
      "an os.environ/ reference the renderer did not list",
      rendered(["OPENAI_API_KEY"], "api_key: os.environ/MISTRAL_API_KEY\n"),
      ["MISTRAL_API_KEY", "OPENAI_API_KEY"],
    ],
    ["a name listed and referenced, once", rendered(["OPENAI_API_KEY"], "api_key: os.environ/OPENAI_API_KEY\n"), ["OPENAI_API_KEY"]],
    [
      "not the names the deployment fills itself (Redis)",
      rendered(["OPENAI_API_KEY"], "host: os.environ/REDIS_HOST\npassword: os.environ/REDIS_PASSWORD\n", ["REDIS_HOST", "REDIS_PASSWORD"]),
      ["OPENAI_API_KEY"],
    ],
    ["none at all", rendered([], "model_list: []\n"), []],
  ])("%s", (_case, config, names) => {
    expect(providerKeySelection(config, {}).names).toEqual(names);
  });

  it("keeps the values of needed keys and reports the others as unused", () => {
    const selection = providerKeySelection(rendered(["OPENAI_API_KEY"], ""), { OPENAI_API_KEY: "sk-1", UNUSED_KEY: "x" });
    expect(selection.values).toEqual({ OPENAI_API_KEY: "sk-1" });
    expect(selection.unused).toEqual(["UNUSED_KEY"]);
  });

  it.each([
    [[], undefined],
    [["UNUSED_KEY"], 'Stack config sets UNUSED_KEY, which the catalog does not use on stack "prod"; ignored. Remove with: pulumi config rm <name>'],
  ])("warns about unused key values %j", (unused, warning) => {
    expect(unusedProviderKeysWarning("prod", unused)).toBe(warning);
  });
});

describe("Redis wiring: its security group and its AUTH token must both exist", () => {
  it.each([
    [{ securityGroup: true, authToken: true }, false],
    [{ securityGroup: false, authToken: true }, true],
    [{ securityGroup: true, authToken: false }, true],
    [{ securityGroup: false, authToken: false }, true],
  ])("%j refused: %s", (wiring, refused) => {
    const problem = redisWiringProblem(wiring);
    if (refused) {
      expect(problem).toMatch(/NetworkSecurity with redis: true and GatewaySecrets with redisAuthToken: true/);
    } else {
      expect(problem).toBeUndefined();
    }
  });
});
