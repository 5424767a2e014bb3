/**
 * The estimate the program exports (`estimatedMonthlyCostUsd`, `costEstimate`), so that
 * `pulumi stack output` shows it after a real deploy. Default usage assumptions; the plan
 * (`npm run plan`) prints the same lines with its assumptions and lets you change them.
 *
 * Never throws: a region or database class the price table does not cover must not stop a
 * deploy, so the estimate is then left out (the plan, by contrast, refuses and says why).
 */
import { isPricedRegion, pricesForRegion } from "./aws-prices";
import { DEFAULT_USAGE_ASSUMPTIONS, estimateMonthlyCost } from "./cost-model";
import type { BillOfMaterials, CostEstimate } from "./cost-model";

/** The estimate with default assumptions, or undefined when `region` or the database class is unpriced. */
export function exportedCostEstimate(bom: BillOfMaterials, region: string | undefined): CostEstimate | undefined {
  if (region === undefined || !isPricedRegion(region)) {
    return undefined;
  }
  const prices = pricesForRegion(region);
  if (bom.database !== undefined && !Object.hasOwn(prices.rdsInstances, bom.database.instanceClass)) {
    return undefined;
  }
  if (bom.redis !== undefined && !Object.hasOwn(prices.elasticacheNodesPerHour, bom.redis.nodeType)) {
    return undefined;
  }
  return estimateMonthlyCost(bom, DEFAULT_USAGE_ASSUMPTIONS, prices);
}
