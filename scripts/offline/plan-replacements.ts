/**
 * Would this change replace the database? The offline plan has no state to diff against, so each
 * plan records the database's identity (the URNs of the instance and the groups it stands on, and
 * the inputs whose change forces a replacement), and `npm run plan -- --baseline <plan.json>`
 * compares the plan of this change with the plan of the one before (CI: the base branch).
 *
 * What it sees: a new URN (a rename of a resource, a component or the stack's parent, which Pulumi
 * would turn into a create and a delete), a resource no longer declared, and a changed force-new
 * input as the program declares it. What it cannot see: drift in AWS, or a provider whose diff
 * differs from these lists; `pulumi preview` against the real state remains the last word.
 *
 * Pure: takes registrations and plan documents as plain values.
 */
import type { RegisteredResource } from "../../offline/plan-resources";
import { STACK_RESOURCE_TYPE } from "../../offline/run-stack-offline";

/**
 * The inputs whose change makes the provider replace the resource, per type: the `ForceNew: true`
 * attributes of hashicorp/terraform-provider-aws, which pulumi-aws bridges unchanged
 * (internal/service/rds/instance.go, parameter_group.go and subnet_group.go), in Pulumi's names.
 */
export const FORCE_NEW_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:rds/instance:Instance": [
    "availabilityZone",
    "characterSetName",
    "customIamInstanceProfile",
    "dbName",
    "engine",
    "identifier",
    "identifierPrefix",
    "kmsKeyId",
    "ncharCharacterSetName",
    "restoreToPointInTime",
    "s3Import",
    "snapshotIdentifier",
    "storageEncrypted",
    "timezone",
    "username",
  ],
  "aws:rds/parameterGroup:ParameterGroup": ["description", "family", "name", "namePrefix"],
  "aws:rds/subnetGroup:SubnetGroup": ["name", "namePrefix"],
};

/** The database instance: a replacement of it is the one this check exists for. */
const INSTANCE_TYPE = "aws:rds/instance:Instance";

/** Enough of one resource to tell, from two plans, whether Pulumi would replace it. */
export interface ResourceIdentity {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly protect: boolean;
  /** Every force-new input of the type; null where the program does not set it. */
  readonly forceNewInputs: Readonly<Record<string, unknown>>;
}

export interface ReplacementWarning {
  /** `replaced`: a force-new input changed; `renamed`: the URN changed; `removed`: no longer declared. */
  readonly kind: "replaced" | "renamed" | "removed";
  readonly urn: string;
  readonly type: string;
  /** One line naming the resource, what changed and what to do. */
  readonly message: string;
}


/**
 * The URN the engine gives `resource`: its qualified type is the chain of its ancestors' types
 * (`LitellmGateway$Database$aws:rds/instance:Instance`), while Pulumi's mocks write only the
 * parent's type; a rename of any ancestor's type changes the real URN, so it must show here.
 */
export function engineUrn(resource: RegisteredResource, byUrn: ReadonlyMap<string, RegisteredResource>): string {
  const types: string[] = [];
  for (let current: RegisteredResource | undefined = resource; current !== undefined; current = byUrn.get(current.parent)) {
    if (current.type !== STACK_RESOURCE_TYPE) {
      types.unshift(current.type);
    }
  }
  const [prefix, project] = resource.urn.split("::");
  return [prefix, project, types.join("$"), resource.name].join("::");
}

/** The database's identity in a program run: every resource of a type in FORCE_NEW_INPUTS, in order. */
export function databaseIdentity(resources: readonly RegisteredResource[]): ResourceIdentity[] {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  return resources
    .filter((resource) => resource.type in FORCE_NEW_INPUTS)
    .map((resource) => ({
      type: resource.type,
      name: resource.name,
      urn: engineUrn(resource, byUrn),
      protect: resource.protect,
      forceNewInputs: Object.fromEntries(FORCE_NEW_INPUTS[resource.type].map((key) => [key, resource.inputs[key] ?? null])),
    }));
}

function label(identity: ResourceIdentity): string {
  return identity.type === INSTANCE_TYPE ? `THE DATABASE ${identity.name}` : identity.name;
}

function protectionNote(before: ResourceIdentity, after?: ResourceIdentity): string {
  if (!before.protect) {
    return "It is not protected: pulumi up would go ahead.";
  }
  if (after !== undefined && !after.protect) {
    return "Protection is turned off in the same change, so pulumi up would go ahead.";
  }
  return "It is protected: the preview fails and pulumi up stops before changing anything; fix the change rather than unprotect it.";
}

function replacementMessage(before: ResourceIdentity, after: ResourceIdentity, keys: readonly string[]): string {
  const changes = keys.map((key) => `${key} ${JSON.stringify(before.forceNewInputs[key])} -> ${JSON.stringify(after.forceNewInputs[key])}`);
  const consequence =
    before.type === INSTANCE_TYPE
      ? "Pulumi would create a new, EMPTY instance, point the service at it, then try to delete the old one."
      : "Pulumi would create a new one and delete the old one.";
  return `${label(before)} would be REPLACED: ${changes.join(", ")}. ${consequence} ${protectionNote(before, after)}`;
}

/**
 * Compares the identity in a baseline plan with this plan's. A resource of the baseline whose URN
 * is gone counts as renamed when this plan has a resource of its type that the baseline lacks.
 */
export function replacementWarnings(baseline: readonly ResourceIdentity[], current: readonly ResourceIdentity[]): ReplacementWarning[] {
  const currentByUrn = new Map(current.map((identity) => [identity.urn, identity]));
  const baselineUrns = new Set(baseline.map((identity) => identity.urn));
  const warnings: ReplacementWarning[] = [];
  for (const before of baseline) {
    const after = currentByUrn.get(before.urn);
    if (after !== undefined) {
      const keys = Object.keys({ ...before.forceNewInputs, ...after.forceNewInputs }).filter(
        (key) => JSON.stringify(before.forceNewInputs[key] ?? null) !== JSON.stringify(after.forceNewInputs[key] ?? null),
      );
      if (keys.length > 0) {
        warnings.push({ kind: "replaced", urn: before.urn, type: before.type, message: replacementMessage(before, after, keys) });
      }
      continue;
    }
    const successor = current.find((identity) => identity.type === before.type && !baselineUrns.has(identity.urn));
    warnings.push(
      successor === undefined
        ? {
            kind: "removed",
            urn: before.urn,
            type: before.type,
            message: `${label(before)} is no longer declared: pulumi up would DELETE it (${before.urn}). ${protectionNote(before)}`,
          }
        : {
            kind: "renamed",
            urn: before.urn,
            type: before.type,
            message:
              `${label(before)} has a new URN (${before.urn} -> ${successor.urn}): Pulumi would create a new one and delete the old one. ` +
              `Keep the old name and parent, or give the resource aliases: ["${before.urn}"]. ${protectionNote(before)}`,
          },
    );
  }
  return warnings;
}

/** A baseline plan that cannot be compared: the message says what to pass instead. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaselineError";
  }
}

function isIdentity(value: unknown): value is ResourceIdentity {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const identity = value as Record<string, unknown>;
  return (
    typeof identity.type === "string" &&
    typeof identity.name === "string" &&
    typeof identity.urn === "string" &&
    typeof identity.protect === "boolean" &&
    typeof identity.forceNewInputs === "object" &&
    identity.forceNewInputs !== null
  );
}

/**
 * The database identity of a plan document (`npm run plan -- --json`) of `stack`; undefined when
 * the document predates the identity (a base branch from before this check). Throws BaselineError
 * for a document of another stack or one that is not a plan.
 */
export function baselineIdentity(document: unknown, stack: string): readonly ResourceIdentity[] | undefined {
  if (typeof document !== "object" || document === null || typeof (document as Record<string, unknown>).stack !== "string") {
    throw new BaselineError("--baseline: the file is not a plan; pass the output of npm run plan -- --stack <name> --json.");
  }
  const plan = document as { stack: string; databaseIdentity?: unknown };
  if (plan.stack !== stack) {
    throw new BaselineError(`--baseline: the file is a plan of stack "${plan.stack}", not "${stack}"; pass a plan of the same stack.`);
  }
  if (plan.databaseIdentity === undefined) {
    return undefined;
  }
  if (!Array.isArray(plan.databaseIdentity) || !plan.databaseIdentity.every(isIdentity)) {
    throw new BaselineError("--baseline: databaseIdentity is not a list of { type, name, urn, protect, forceNewInputs }; pass an unedited plan.");
  }
  return plan.databaseIdentity;
}
