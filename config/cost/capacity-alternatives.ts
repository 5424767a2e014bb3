/**
 * The capacity choices worth weighing next to a stack's own (an AlternativeSource): with Spot
 * tasks, all on-demand; without, as many tasks on Spot as the availability rule allows (all of
 * one task; those above a base of 2 otherwise). None for two on-demand tasks, the rule's minimum.
 */
import { DEREGISTRATION_DELAY_SECONDS, SPOT_DEREGISTRATION_DELAY_SECONDS, SPOT_INTERRUPTION_WARNING_SECONDS } from "../litellm/connection-timeouts";
import { DEFAULT_ON_DEMAND_BASE, MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS } from "../settings/fargate-capacity";
import type { AlternativeBill } from "./cost-alternatives";
import type { BillOfMaterials } from "./cost-model";

const WARNING = `with ${SPOT_INTERRUPTION_WARNING_SECONDS} s warning`;
const SPOT_DRAINS = `drains shorten to ${SPOT_DEREGISTRATION_DELAY_SECONDS} s (from ${DEREGISTRATION_DELAY_SECONDS} s), on deploys too`;

function withSpotTasks(bom: BillOfMaterials, spotTasks: number): BillOfMaterials {
  return { ...bom, fargate: { ...bom.fargate, spotTasks } };
}

export function capacityAlternatives(bom: BillOfMaterials): readonly AlternativeBill[] {
  const { tasks } = bom.fargate;
  if ((bom.fargate.spotTasks ?? 0) > 0) {
    return [
      {
        label: "capacity on-demand (instead of Spot)",
        bill: withSpotTasks(bom, 0),
        note: `no Spot interruptions (a task taken back ${WARNING}, its requests running longer than ${SPOT_DEREGISTRATION_DELAY_SECONDS} s cut), and ${DEREGISTRATION_DELAY_SECONDS} s drains on deploys instead of ${SPOT_DEREGISTRATION_DELAY_SECONDS} s`,
      },
    ];
  }
  if (tasks < MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS) {
    return [
      {
        label: "capacity spot",
        bill: withSpotTasks(bom, tasks),
        note: `the only task may be taken back ${WARNING} (ECS starts a new one when Spot capacity allows: an outage until then); ${SPOT_DRAINS}`,
      },
    ];
  }
  if (tasks > DEFAULT_ON_DEMAND_BASE) {
    return [
      {
        label: `capacity mixed, onDemandBase ${DEFAULT_ON_DEMAND_BASE}`,
        bill: withSpotTasks(bom, tasks - DEFAULT_ON_DEMAND_BASE),
        note: `${DEFAULT_ON_DEMAND_BASE} tasks stay on-demand; the rest may be taken back ${WARNING}; ${SPOT_DRAINS}`,
      },
    ];
  }
  return [];
}
