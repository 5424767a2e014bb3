/**
 * `expectedTraffic`: the traffic a stack file states for its estimate. Refused out of range or with
 * an unknown field, naming the field; mapped onto the plan's usage assumptions field by field, the
 * defaults kept where it says nothing.
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_USAGE_ASSUMPTIONS } from "../../config/cost/cost-model";
import { usageForTraffic } from "../../config/cost/usage-for-traffic";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { settingsProblems, VALID_SETTINGS } from "./settings-fixtures";

describe("expectedTraffic", () => {
  it("is kept as stated", () => {
    const traffic = { lcu: 0.01, natGb: 0, requestsMillions: 0.1 };
    expect(parseStackSettings({ ...VALID_SETTINGS, expectedTraffic: traffic }).expectedTraffic).toEqual(traffic);
    expect(parseStackSettings(VALID_SETTINGS).expectedTraffic).toBeUndefined();
  });

  it.each([
    [{ requestsMillions: -1 }, "litellm-gateway:expectedTraffic.requestsMillions:"],
    [{ lcu: "0.1" }, "litellm-gateway:expectedTraffic.lcu:"],
    [{ egressGb: 2_000_000 }, "litellm-gateway:expectedTraffic.egressGb:"],
    [{ requests: 1 }, 'unknown field "requests"'],
  ])("refuses %j, naming the field", (traffic, where) => {
    const problems = settingsProblems({ ...VALID_SETTINGS, expectedTraffic: traffic });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(where);
    expect(problems[0]).toContain("pulumi config set --path expectedTraffic.requestsMillions");
  });

  it("sets each usage assumption it states and keeps the defaults for the rest", () => {
    expect(usageForTraffic(undefined)).toEqual(DEFAULT_USAGE_ASSUMPTIONS);
    expect(usageForTraffic({ lcu: 0.01, natGb: 0, egressGb: 1, logGb: 2, requestsMillions: 0.1 })).toEqual({
      albAverageLcu: 0.01,
      natProcessedGbPerMonth: 0,
      internetEgressGbPerMonth: 1,
      logIngestGbPerMonth: 2,
      requestsMillionsPerMonth: 0.1,
    });
    expect(usageForTraffic({ egressGb: 3 })).toEqual({ ...DEFAULT_USAGE_ASSUMPTIONS, internetEgressGbPerMonth: 3 });
  });
});
