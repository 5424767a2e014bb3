/**
 * Nothing is open to the whole internet except the load balancer's web ports: 0.0.0.0/0 or ::/0
 * may reach only 80 and 443 over TCP of a security group a load balancer uses. Reads the whole
 * stack to know which groups belong to a load balancer; covers the three ways to write a rule
 * (SecurityGroupIngressRule, SecurityGroupRule and a group's inline ingress).
 */
import type { CheckedResource, RuleViolation, StackRule } from "./checked-resource";
import { violation } from "./checked-resource";

const LOAD_BALANCER_TYPES = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const INGRESS_RULE_TYPE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP_RULE_TYPE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const SECURITY_GROUP_TYPE = "aws:ec2/securityGroup:SecurityGroup";

const WORLD_IPV4 = "0.0.0.0/0";
const WORLD_IPV6 = "::/0";
const HTTP_PORT = 80;
const HTTPS_PORT = 443;
const WEB_PORTS = new Set([HTTP_PORT, HTTPS_PORT]);
/** ipProtocol as AWS accepts it: the name or the IANA number (6). */
const TCP = new Set(["tcp", "6"]);

/** One ingress permission, however it was written. */
interface Ingress {
  readonly groupId: unknown;
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly world: boolean;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function ingressOf(resource: CheckedResource): Ingress[] {
  const { props } = resource;
  if (resource.type === INGRESS_RULE_TYPE) {
    return [{ groupId: props.securityGroupId, protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort, world: props.cidrIpv4 === WORLD_IPV4 || props.cidrIpv6 === WORLD_IPV6 }];
  }
  const openToWorld = (block: Readonly<Record<string, unknown>>) => stringList(block.cidrBlocks).includes(WORLD_IPV4) || stringList(block.ipv6CidrBlocks).includes(WORLD_IPV6);
  if (resource.type === SECURITY_GROUP_RULE_TYPE && props.type === "ingress") {
    return [{ groupId: props.securityGroupId, protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort, world: openToWorld(props) }];
  }
  if (resource.type === SECURITY_GROUP_TYPE && Array.isArray(props.ingress)) {
    return (props.ingress as Record<string, unknown>[]).map((block) => ({ groupId: props.id, protocol: block.protocol, fromPort: block.fromPort, toPort: block.toPort, world: openToWorld(block) }));
  }
  return [];
}

function isLoadBalancerWebPort(ingress: Ingress, loadBalancerGroups: ReadonlySet<unknown>): boolean {
  return (
    loadBalancerGroups.has(ingress.groupId) &&
    TCP.has(String(ingress.protocol)) &&
    ingress.fromPort === ingress.toPort &&
    WEB_PORTS.has(Number(ingress.fromPort))
  );
}

export const worldIngressOnlyToLoadBalancerWeb: StackRule = (resources) => {
  const loadBalancerGroups = new Set<unknown>(resources.filter((resource) => LOAD_BALANCER_TYPES.has(resource.type)).flatMap((resource) => stringList(resource.props.securityGroups)));
  return resources.flatMap((resource): RuleViolation[] =>
    ingressOf(resource)
      .filter((ingress) => ingress.world && !isLoadBalancerWebPort(ingress, loadBalancerGroups))
      .map((ingress) => ({
        resource,
        message: violation(
          resource,
          `opens ${String(ingress.protocol)} ports ${String(ingress.fromPort)}-${String(ingress.toPort)} to the whole internet (${WORLD_IPV4} or ${WORLD_IPV6}); only the load balancer's ${HTTP_PORT} and ${HTTPS_PORT} may be`,
          "allow the load balancer's or the tasks' security group instead (referencedSecurityGroupId), or named CIDRs (adminCidrs)",
        ),
      })),
  );
};
