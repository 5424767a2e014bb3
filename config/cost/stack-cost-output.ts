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
import type { BillOfMaterials, CostEstimate, UsageAssumptions } from "./cost-model";

/**
 * Why the estimate is left out in a priced region: a database class or Redis node type the price
 * table does not hold (an unpriced region is a choice the plan reports on its own). Undefined when
 * everything is priced.
 */
export function unpricedWarning(stack: string, bom: BillOfMaterials, region: string | undefined): string | undefined {
  if (region === undefined || !isPricedRegion(region)) {
    return undefined;
  }
  const prices = pricesForRegion(region);
  const missing = [
    ...(bom.database !== undefined && !Object.hasOwn(prices.rdsInstances, bom.database.instanceClass)
      ? [`dbInstanceClass ${bom.database.instanceClass} (priced: ${Object.keys(prices.rdsInstances).join(", ")})`]
      : []),
    ...(bom.redis !== undefined && !Object.hasOwn(prices.elasticacheValkeyNodesPerHour, bom.redis.nodeType)
      ? [`redisNodeType ${bom.redis.nodeType} (priced: ${Object.keys(prices.elasticacheValkeyNodesPerHour).join(", ")})`]
      : []),
  ];
  if (missing.length === 0) {
    return undefined;
  }
  return (
    `Stack ${stack}: the price table of ${region} has no price for ${missing.join(" or ")}, so the estimatedMonthlyCostUsd and costEstimate outputs are left out. ` +
    "Choose a priced one, or add its price with its source to config/cost/aws-prices.ts"
  );
}

/**
 * The estimate at `usage` (the stack's stated traffic: usageForTraffic), or undefined when
 * `region`, the database class or the node type is unpriced.
 */
export function exportedCostEstimate(bom: BillOfMaterials, region: string | undefined, usage: UsageAssumptions = DEFAULT_USAGE_ASSUMPTIONS): CostEstimate | undefined {
  if (region === undefined || !isPricedRegion(region)) {
    return undefined;
  }
  const prices = pricesForRegion(region);
  if (bom.database !== undefined && !Object.hasOwn(prices.rdsInstances, bom.database.instanceClass)) {
    return undefined;
  }
  if (bom.redis !== undefined && !Object.hasOwn(prices.elasticacheValkeyNodesPerHour, bom.redis.nodeType)) {
    return undefined;
  }
  return estimateMonthlyCost(bom, usage, prices);
}
