/**
 * loadBalancerScheme internal under the real program (prod, whose tasks sit in private subnets
 * behind NAT): the load balancer has no internet exposure, sits beside the tasks, keeps its WAF,
 * HTTPS and security group, and the outputs and cost estimate follow.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { MOCK_SUBNET_IDS } from "../../offline/run-stack-offline";
import { ofType, oneOf, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

let prod: StackRun;
let internal: StackRun;

beforeAll(async () => {
  [prod, internal] = await Promise.all([runStack("prod"), runStack("prod", { loadBalancerScheme: "internal" })]);
});

describe("loadBalancerScheme", () => {
  it("defaults to internet-facing: public addresses in the public subnets", () => {
    expect(oneOf(prod, LOAD_BALANCER).inputs).toMatchObject({ internal: false, subnets: [...MOCK_SUBNET_IDS.Public] });
  });

  it("internal: private addresses only, in the tasks' private subnets", () => {
    const balancer = oneOf(internal, LOAD_BALANCER);
    expect(balancer.inputs).toMatchObject({ internal: true, subnets: [...MOCK_SUBNET_IDS.Private] });
    const service = oneOf(internal, "aws:ecs/service:Service");
    expect((service.inputs.networkConfiguration as { subnets: unknown }).subnets).toEqual(balancer.inputs.subnets);
  });

  it("internal keeps the WAF, the HTTPS listeners and the load balancer's own security group", () => {
    expect(ofType(internal, "aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(1);
    expect(ofType(internal, "aws:lb/listener:Listener").map((listener) => listener.inputs.port).sort()).toEqual(
      ofType(prod, "aws:lb/listener:Listener").map((listener) => listener.inputs.port).sort(),
    );
    expect(oneOf(internal, LOAD_BALANCER).inputs.securityGroups).toEqual(oneOf(prod, LOAD_BALANCER).inputs.securityGroups);
  });

  it("internal: the same url output, and no public IPv4 address in the cost estimate", () => {
    expect(internal.outputs.url).toBe(prod.outputs.url);
    const ipv4Line = (run: StackRun) =>
      (run.outputs.costEstimate as { component: string; item: string; monthlyUsd: number }[]).find(
        (line) => line.component === "load-balancer" && line.item === "Public IPv4 addresses",
      );
    expect(ipv4Line(prod)?.monthlyUsd).toBeGreaterThan(0);
    expect(ipv4Line(internal)?.monthlyUsd ?? 0).toBe(0);
    expect(internal.outputs.estimatedMonthlyCostUsd as number).toBeLessThan(prod.outputs.estimatedMonthlyCostUsd as number);
  });
});
