/**
 * What every rule of the pack reads: a resource as Pulumi's policy engine hands it over (type,
 * logical name, properties, the protect option), reduced to plain data so the rules are pure
 * functions the tests call without the Pulumi CLI.
 */
export interface CheckedResource {
  /** The type token, e.g. `aws:rds/instance:Instance`. */
  readonly type: string;
  /** The logical name the program gave the resource. */
  readonly name: string;
  /** Its inputs (resource policies) or outputs (stack policies); a value unknown at preview is absent. */
  readonly props: Readonly<Record<string, unknown>>;
  /** The `protect` resource option. */
  readonly protect: boolean;
  /** The URN, when known: a stack policy reports a violation against it. */
  readonly urn?: string;
  /** The URNs of the resources it depends on (stack policies only): how a listener rule names its listener before any ARN exists. */
  readonly dependencies?: readonly string[];
}

/** Settings of a policy taken from the pack's config (`--policy-pack-config`). */
export interface RuleContext {
  /**
   * The stack is production: the stricter rules apply (backups kept a week, deletion protection and
   * a final snapshot, TLS on every internet-facing listener). Set in the pack config, e.g.
   * policy/production.json.
   */
  readonly production: boolean;
}

/** One rule broken by one resource. */
export interface RuleViolation {
  readonly resource: CheckedResource;
  readonly message: string;
}

/** A rule over one resource: the messages of what it breaks (empty when it complies or does not apply). */
export type ResourceRule = (resource: CheckedResource, context: RuleContext) => string[];

/** A rule over every resource of the stack, for rules that relate resources (listener to load balancer). */
export type StackRule = (resources: readonly CheckedResource[], context: RuleContext) => RuleViolation[];

/** `<type> "<name>": <what is wrong>. Fix: <how>.` — every message names the resource, the rule and the fix. */
export function violation(resource: CheckedResource, problem: string, fix: string): string {
  return `${resource.type} "${resource.name}": ${problem}. Fix: ${fix}.`;
}
