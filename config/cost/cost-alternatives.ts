/**
 * What the main choices the stack did not make would cost: the same bill of materials with one
 * choice changed, priced with the same assumptions, so the plan shows what each choice buys.
 * Here the capacity choices (on-demand instead of Spot, or Spot for the tasks above the
 * availability rule's base).
 */
import { DEREGISTRATION_DELAY_SECONDS, SPOT_DEREGISTRATION_DELAY_SECONDS, SPOT_INTERRUPTION_WARNING_SECONDS } from "../litellm/connection-timeouts";
import { DEFAULT_ON_DEMAND_BASE, MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS } from "../settings/fargate-capacity";
import type { FargateCapacity } from "../settings/fargate-capacity";
import type { RegionPrices } from "./aws-prices";
import { estimateMonthlyCost } from "./cost-model";
import type { BillOfMaterials, CostEstimate, UsageAssumptions } from "./cost-model";

export interface CostAlternative {
  /** The choice, as a setting would make it. @example "capacity on-demand (instead of Spot)" */
  readonly label: string;
  readonly monthlyUsd: number;
  /** monthlyUsd less the stack's own total: positive costs more. */
  readonly deltaUsd: number;
  /** What the choice buys or gives up. */
  readonly note: string;
}

const CENTS_PER_DOLLAR = 100;
const WARNING = `with ${SPOT_INTERRUPTION_WARNING_SECONDS} s warning`;
const SPOT_DRAINS = `drains shorten to ${SPOT_DEREGISTRATION_DELAY_SECONDS} s (from ${DEREGISTRATION_DELAY_SECONDS} s), on deploys too`;

function alternative(label: string, bom: BillOfMaterials, usage: UsageAssumptions, prices: RegionPrices, current: CostEstimate, note: string): CostAlternative {
  const { totalMonthlyUsd } = estimateMonthlyCost(bom, usage, prices);
  const deltaUsd = Math.round((totalMonthlyUsd - current.totalMonthlyUsd) * CENTS_PER_DOLLAR) / CENTS_PER_DOLLAR;
  return { label, monthlyUsd: totalMonthlyUsd, deltaUsd, note };
}

function withSpotTasks(bom: BillOfMaterials, spotTasks: number): BillOfMaterials {
  return { ...bom, fargate: { ...bom.fargate, spotTasks } };
}

/**
 * The other capacity choice worth weighing: with Spot tasks, all on-demand; without, as many tasks
 * on Spot as the availability rule allows (all of one task; those above a base of 2 otherwise).
 * Empty when there is no such choice (two on-demand tasks, the rule's minimum).
 */
export function capacityAlternatives(
  capacity: FargateCapacity,
  bom: BillOfMaterials,
  usage: UsageAssumptions,
  prices: RegionPrices,
  current: CostEstimate,
): CostAlternative[] {
  const { tasks } = bom.fargate;
  if ((bom.fargate.spotTasks ?? 0) > 0) {
    return [
      alternative("capacity on-demand (instead of Spot)", withSpotTasks(bom, 0), usage, prices, current,
        `no Spot interruptions (a task taken back ${WARNING}, its requests running longer than ${SPOT_DEREGISTRATION_DELAY_SECONDS} s cut), and ${DEREGISTRATION_DELAY_SECONDS} s drains on deploys instead of ${SPOT_DEREGISTRATION_DELAY_SECONDS} s`),
    ];
  }
  if (capacity.capacity !== "on-demand") {
    return [];
  }
  if (tasks < MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS) {
    return [
      alternative("capacity spot", withSpotTasks(bom, tasks), usage, prices, current,
        `the only task may be taken back ${WARNING} (ECS starts a new one when Spot capacity allows: an outage until then); ${SPOT_DRAINS}`),
    ];
  }
  if (tasks > DEFAULT_ON_DEMAND_BASE) {
    return [
      alternative(`capacity mixed, onDemandBase ${DEFAULT_ON_DEMAND_BASE}`, withSpotTasks(bom, tasks - DEFAULT_ON_DEMAND_BASE), usage, prices, current,
        `${DEFAULT_ON_DEMAND_BASE} tasks stay on-demand; the rest may be taken back ${WARNING}; ${SPOT_DRAINS}`),
    ];
  }
  return [];
}
