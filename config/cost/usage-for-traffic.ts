/** The usage assumptions of a stack: the defaults, with what its stack file states (expectedTraffic) on top. */
import type { ExpectedTraffic } from "../settings/expected-traffic";
import { DEFAULT_USAGE_ASSUMPTIONS } from "./cost-model";
import type { UsageAssumptions } from "./cost-model";

/** Each stated field and the assumption it sets. */
const ASSUMPTION_OF: Readonly<Record<keyof ExpectedTraffic, keyof UsageAssumptions>> = {
  lcu: "albAverageLcu",
  natGb: "natProcessedGbPerMonth",
  egressGb: "internetEgressGbPerMonth",
  logGb: "logIngestGbPerMonth",
  requestsMillions: "requestsMillionsPerMonth",
};

export function usageForTraffic(traffic: ExpectedTraffic | undefined): UsageAssumptions {
  const usage: Record<keyof UsageAssumptions, number> = { ...DEFAULT_USAGE_ASSUMPTIONS };
  for (const [field, assumption] of Object.entries(ASSUMPTION_OF) as [keyof ExpectedTraffic, keyof UsageAssumptions][]) {
    const stated = traffic?.[field];
    if (stated !== undefined) {
      usage[assumption] = stated;
    }
  }
  return usage;
}
