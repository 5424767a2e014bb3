/**
 * The egress modes under the real program: where tasks, database and Redis run, which public IPs
 * exist, what the tasks' security group lets in, and that a production-marked stack cannot put its
 * tasks in public subnets. Also the default tags that split the bill, as the program reads them.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { MOCK_SUBNET_IDS } from "../../offline/run-stack-offline";
import { ofType, oneOf, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

type Tier = keyof typeof MOCK_SUBNET_IDS;

/**
 * The default routes awsx 3.9 gives each subnet type (pulumi/pulumi-awsx awsx/ec2/vpc.ts: a public
 * subnet routes 0.0.0.0/0 to the internet gateway, a private one to a NAT gateway unless the
 * strategy is None, and "Isolated subnets do not have any route to the internet and therefore need
 * no route created"). The mock cloud cannot create awsx's children, so this is the rule they follow.
 */
function awsxDefaultRoute(tier: Tier, natStrategy: string): "internet gateway" | "NAT gateway" | "none" {
  if (tier === "Public") {
    return "internet gateway";
  }
  return tier === "Private" && natStrategy !== "None" ? "NAT gateway" : "none";
}

/** The awsx tier whose mock subnets are exactly `subnetIds`. */
function tierOf(subnetIds: unknown): Tier {
  const tier = (Object.keys(MOCK_SUBNET_IDS) as Tier[]).find((candidate) => JSON.stringify(MOCK_SUBNET_IDS[candidate]) === JSON.stringify(subnetIds));
  if (tier === undefined) {
    throw new Error(`subnets ${JSON.stringify(subnetIds)} are no single tier of the VPC`);
  }
  return tier;
}

let dev: StackRun;
let devWithRedis: StackRun;
let singleNat: StackRun;

beforeAll(async () => {
  [dev, devWithRedis, singleNat] = await Promise.all([
    runStack("dev"),
    // containerInsights rides along on this run (no extra stack run): its test is at the end.
    runStack("dev", { desiredCount: "2", capacity: "on-demand", redisNodeType: "cache.t4g.micro", containerInsights: "true" }),
    runStack("dev", { egress: "single-nat" }),
  ]);
});

describe("egress public-subnets (dev)", () => {
  it("asks awsx for public and isolated subnets and no NAT gateway", () => {
    const vpc = oneOf(dev, "awsx:ec2:Vpc").inputs;
    expect(vpc.subnetSpecs).toEqual([{ type: "Public" }, { type: "Isolated" }]);
    expect(vpc.natGateways).toEqual({ strategy: "None" });
  });

  it("runs the tasks in the public subnets with a public IP, and the database and Redis in isolated subnets with no route out", () => {
    for (const run of [dev, devWithRedis]) {
      const strategy = String(oneOf(run, "awsx:ec2:Vpc").inputs.natGateways.strategy);
      const network = oneOf(run, "aws:ecs/service:Service").inputs.networkConfiguration;
      expect(network.assignPublicIp).toBe(true);
      expect(awsxDefaultRoute(tierOf(network.subnets), strategy)).toBe("internet gateway");
      expect(tierOf(oneOf(run, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds)).toBe("Isolated");
      expect(awsxDefaultRoute("Isolated", strategy)).toBe("none");
    }
    expect(tierOf(oneOf(devWithRedis, "aws:elasticache/subnetGroup:SubnetGroup").inputs.subnetIds)).toBe("Isolated");
  });

  it("lets nothing reach the tasks from any CIDR: the task group's only ingress is 4000 from the load balancer's group", () => {
    for (const run of [dev, devWithRedis]) {
      const taskGroup = oneOf(run, "aws:ecs/service:Service").inputs.networkConfiguration.securityGroups as string[];
      expect(taskGroup).toEqual(["sg-litellm-security-service"]);
      const ingress = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((rule) => rule.inputs.securityGroupId === taskGroup[0]);
      expect(ingress.map((rule) => rule.inputs)).toEqual([
        expect.objectContaining({ ipProtocol: "tcp", fromPort: 4000, toPort: 4000, referencedSecurityGroupId: "sg-litellm-security-alb" }),
      ]);
      expect(ingress.filter((rule) => rule.inputs.cidrIpv4 !== undefined || rule.inputs.cidrIpv6 !== undefined || rule.inputs.prefixListId !== undefined)).toEqual([]);
      // And no inline rule on the group itself.
      expect(ofType(run, "aws:ec2/securityGroup:SecurityGroup").find((group) => group.name === "litellm-security-service")?.inputs.ingress).toBeUndefined();
    }
  });

  it("keeps the database unreachable from the internet: not publicly accessible, in subnets without a public IP or route", () => {
    expect(oneOf(dev, "aws:rds/instance:Instance").inputs.publiclyAccessible).toBe(false);
  });

  it("prices one public IPv4 address per task and no NAT in the exported estimate", () => {
    const lines = devWithRedis.outputs.costEstimate as { item: string; monthlyUsd: number; basis: string }[];
    // 2 tasks x 730 h x $0.005 = $7.30
    expect(lines.find((line) => line.item === "Task public IPv4 addresses")).toMatchObject({ monthlyUsd: 7.3 });
    expect(lines.filter((line) => line.item.startsWith("NAT"))).toEqual([]);
  });
});

describe("egress single-nat", () => {
  it("keeps tasks, database and Redis in private subnets routed through one NAT gateway, no public IP", () => {
    const vpc = oneOf(singleNat, "awsx:ec2:Vpc").inputs;
    expect(vpc).toMatchObject({ subnetSpecs: [{ type: "Public" }, { type: "Private" }], natGateways: { strategy: "Single" } });
    const network = oneOf(singleNat, "aws:ecs/service:Service").inputs.networkConfiguration;
    expect(network.assignPublicIp).toBe(false);
    expect(tierOf(network.subnets)).toBe("Private");
    expect(awsxDefaultRoute("Private", "Single")).toBe("NAT gateway");
    expect(tierOf(oneOf(singleNat, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds)).toBe("Private");
  });
});

// The refusals (public-subnets on a production-marked stack, the retired natGateways, a stack tag
// naming another stack) are settings checks, proven without a stack run in
// test/settings/egress-settings.test.ts and test/settings/default-tags.test.ts: a refused run ends
// its warm worker, which the shared stack-run server may hand the next request to.

describe("default tags (aws:defaultTags)", () => {
  it("reach the program from the committed stack file: project and the stack's own name", () => {
    expect(JSON.parse(dev.config["aws:defaultTags"])).toEqual({ tags: { project: "litellm-gateway", stack: "dev" } });
    expect(dev.warnings.some((warning) => warning.includes("aws:defaultTags"))).toBe(false);
  });

  it("warn when the tags are missing", async () => {
    const untagged = await runStack("dev", { "aws:defaultTags": JSON.stringify({ tags: {} }) });
    expect(untagged.warnings).toContainEqual(expect.stringContaining("Stack dev: aws:defaultTags sets no project or stack tag"));
  });
});

describe("containerInsights", () => {
  it("turns the cluster's Container Insights on when true, and declares it disabled when off (the committed stacks)", () => {
    expect(oneOf(devWithRedis, "aws:ecs/cluster:Cluster").inputs.settings).toEqual([{ name: "containerInsights", value: "enabled" }]);
    expect(oneOf(dev, "aws:ecs/cluster:Cluster").inputs.settings).toEqual([{ name: "containerInsights", value: "disabled" }]);
  });
});
