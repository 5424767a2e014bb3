/**
 * In production every listener of an internet-facing load balancer speaks TLS: plain HTTP only
 * to redirect to HTTPS or to answer with a fixed response, never to forward a request (which
 * carries an API key) unencrypted, neither by its default action nor by a listener rule on it.
 * Resources name each other by ARN, which a preview may not know yet, so this rule reads the whole
 * stack and links them by ARN or by dependency (URN); a listener whose load balancer it cannot
 * find counts as internet-facing, the safe side.
 */
import type { CheckedResource, RuleViolation, StackRule } from "./checked-resource";
import { violation } from "./checked-resource";

const LOAD_BALANCER_TYPES = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
const LISTENER_RULE_TYPES = new Set(["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"]);
const TLS_PROTOCOLS = new Set(["HTTPS", "TLS"]);
const FIX = "serve HTTPS (a certificate: domainName and hostedZone, or certificateArn) and make the plain listener only redirect to HTTPS";

interface ListenerAction {
  readonly type?: string;
  readonly redirect?: { readonly protocol?: string };
}

/** Redirects to HTTPS and fixed responses carry no request anywhere. */
function carriesNoTraffic(action: ListenerAction): boolean {
  return action.type === "fixed-response" || (action.type === "redirect" && action.redirect?.protocol === "HTTPS");
}

function actionsOf(resource: CheckedResource, key: "defaultActions" | "actions"): ListenerAction[] {
  const actions = resource.props[key];
  return Array.isArray(actions) ? (actions as ListenerAction[]) : [];
}

/** `from` names `to`: by the ARN in `property`, or by depending on it. */
function refersTo(from: CheckedResource, property: string, to: CheckedResource): boolean {
  return (to.props.arn !== undefined && from.props[property] === to.props.arn) || (to.urn !== undefined && (from.dependencies ?? []).includes(to.urn));
}

export const internetListenersUseTls: StackRule = (resources, { production }) => {
  if (!production) return [];
  const internalBalancers = resources.filter((resource) => LOAD_BALANCER_TYPES.has(resource.type) && resource.props.internal === true);
  const plainListeners = resources.filter(
    (resource) =>
      LISTENER_TYPES.has(resource.type) &&
      !TLS_PROTOCOLS.has(String(resource.props.protocol)) &&
      !internalBalancers.some((balancer) => refersTo(resource, "loadBalancerArn", balancer)),
  );
  const fromDefaults = plainListeners
    .filter((listener) => {
      const actions = actionsOf(listener, "defaultActions");
      return actions.length === 0 || !actions.every(carriesNoTraffic);
    })
    .map((listener): RuleViolation => ({
      resource: listener,
      message: violation(listener, `the ${String(listener.props.protocol ?? "plain")} listener on port ${String(listener.props.port ?? "?")} of an internet-facing load balancer forwards traffic without TLS in a production stack`, FIX),
    }));
  const fromRules = resources
    .filter((resource) => LISTENER_RULE_TYPES.has(resource.type) && !actionsOf(resource, "actions").every(carriesNoTraffic))
    .flatMap((rule): RuleViolation[] => {
      const listener = plainListeners.find((candidate) => refersTo(rule, "listenerArn", candidate));
      return listener === undefined
        ? []
        : [{ resource: rule, message: violation(rule, `the rule forwards traffic on the plain ${String(listener.props.protocol ?? "")} listener "${listener.name}" of an internet-facing load balancer in a production stack`, FIX) }];
    });
  return [...fromDefaults, ...fromRules];
};
