/**
 * The egress alternatives of a stack that creates its VPC: the other egress modes, and for a
 * NAT gateway per zone over more than two zones, the same in two zones. An existing VPC has none:
 * its egress is its owner's.
 */
import { EGRESS_MODES, natGatewaysFor, taskPublicIpv4For } from "../settings/egress";
import type { EgressMode } from "../settings/egress";
import type { AlternativeBill } from "./cost-alternatives";
import type { BillOfMaterials } from "./cost-model";

/** The fewest zones RDS subnet groups and the load balancer accept. */
const MIN_ZONES = 2;

/** What each mode buys or gives up, as the plan's note says it. */
const EGRESS_NOTES: Readonly<Record<EgressMode, string>> = {
  "nat-per-az": "a NAT gateway per zone: a zone outage cuts off only that zone's tasks; fixed egress addresses",
  "single-nat": "one NAT gateway: its zone's outage cuts every task off the providers",
  "public-subnets":
    "no NAT: a public IP per task (ingress from the load balancer only), database and Redis with no route out; refused where dbDeletionProtection marks production (Security Hub ECS.2)",
};

/** The bill with another egress mode or zone count: NAT gateways, task addresses and load balancer zones follow. */
function withEgress(bom: BillOfMaterials, mode: EgressMode, zones: number): BillOfMaterials {
  return {
    ...bom,
    natGateways: natGatewaysFor(mode, zones),
    taskPublicIpv4Addresses: taskPublicIpv4For(mode, bom.fargate.tasks),
    loadBalancer: { ...bom.loadBalancer, publicIpv4Addresses: zones },
    egress: { mode, availabilityZones: zones },
  };
}

export function egressAlternatives(bom: BillOfMaterials): AlternativeBill[] {
  if (bom.egress === undefined) {
    return [];
  }
  const { mode, availabilityZones } = bom.egress;
  const others = EGRESS_MODES.filter((other) => other !== mode).map((other) => ({
    label: `egress ${other}`,
    note: EGRESS_NOTES[other],
    bill: withEgress(bom, other, availabilityZones),
  }));
  const fewerZones =
    mode === "nat-per-az" && availabilityZones > MIN_ZONES
      ? [
          {
            label: `availabilityZones ${MIN_ZONES} (egress nat-per-az)`,
            note: `${availabilityZones - MIN_ZONES} zone(s) fewer for NAT gateways and load balancer nodes: still a NAT per zone, but a zone outage leaves a single zone to serve`,
            bill: withEgress(bom, mode, MIN_ZONES),
          },
        ]
      : [];
  return [...others, ...fewerZones];
}
