/**
 * What the main alternatives to a stack's choices would cost: each alternative is the same bill of
 * materials with one choice changed, priced by the same model, and shown next to the stack's total
 * (`npm run plan` lists them under the estimate). Pure.
 *
 * To add a kind of alternative (on-demand instead of Spot, another cache engine...), write an
 * AlternativeSource that returns the changed bills, and list it in ALTERNATIVE_SOURCES.
 */
import type { RegionPrices } from "./aws-prices";
import { capacityAlternatives } from "./capacity-alternatives";
import { estimateMonthlyCost } from "./cost-model";
import type { BillOfMaterials, UsageAssumptions } from "./cost-model";
import { egressAlternatives } from "./egress-alternatives";

/** One alternative as the plan shows it. */
export interface CostAlternative {
  /** The choice, as the setting that makes it: `egress single-nat`. */
  readonly label: string;
  /** The stack's monthly total with this choice instead. */
  readonly monthlyUsd: number;
  /** monthlyUsd minus the stack's total: negative is cheaper. */
  readonly deltaUsd: number;
  /** What the choice buys or gives up, in one sentence. */
  readonly note: string;
}

/** One alternative before pricing: its label, its note, and the bill with the choice changed. */
export interface AlternativeBill {
  readonly label: string;
  readonly note: string;
  readonly bill: BillOfMaterials;
}

/** The alternatives of one kind for a bill; empty where the kind does not apply (e.g. egress in an existing VPC). */
export type AlternativeSource = (bom: BillOfMaterials) => readonly AlternativeBill[];

/** Every kind of alternative the plan prices, in the order it lists them. */
export const ALTERNATIVE_SOURCES: readonly AlternativeSource[] = [egressAlternatives, capacityAlternatives];

const CENTS_PER_DOLLAR = 100;

/** Each alternative of `sources` priced, against the bill's own total. */
export function costAlternatives(
  bom: BillOfMaterials,
  usage: UsageAssumptions,
  prices: RegionPrices,
  sources: readonly AlternativeSource[] = ALTERNATIVE_SOURCES,
): CostAlternative[] {
  const total = estimateMonthlyCost(bom, usage, prices).totalMonthlyUsd;
  return sources.flatMap((source) =>
    source(bom).map(({ label, note, bill }) => {
      const monthlyUsd = estimateMonthlyCost(bill, usage, prices).totalMonthlyUsd;
      return { label, monthlyUsd, deltaUsd: Math.round((monthlyUsd - total) * CENTS_PER_DOLLAR) / CENTS_PER_DOLLAR, note };
    }),
  );
}
