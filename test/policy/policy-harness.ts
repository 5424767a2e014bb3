/**
 * Runs the pack's policies the way Pulumi's analyzer would, over the resources a mocked stack run
 * recorded: each RecordedResource becomes the args Pulumi passes (type, name, URN, inputs as
 * props, the protect option), and each policy's config is what a pack config file would give it.
 */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

import type { GATEWAY_POLICIES } from "../../policy/policies";
import type { RecordedResource } from "../stack/stack-harness";

export type GatewayPolicy = (typeof GATEWAY_POLICIES)[number];

/** A resource as the policies read it; props may be edited to break a rule. */
export interface PolicyInput {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  protect: boolean;
  /** URNs of its dependencies, as the mock cloud recorded them. */
  dependencies: string[];
}

/** A deep copy of the recorded resources, safe to mutate. */
export function policyInputs(resources: readonly RecordedResource[]): PolicyInput[] {
  return resources
    .filter((resource) => resource.custom)
    .map((resource) => ({ type: resource.type, name: resource.name, urn: resource.urn, props: structuredClone(resource.inputs) as Record<string, unknown>, protect: resource.protect === true, dependencies: [...resource.dependsOn] }));
}

function policyResource(input: PolicyInput, byUrn: ReadonlyMap<string, PolicyInput> = new Map()): PolicyResource {
  const dependencies = input.dependencies.flatMap((urn) => {
    const dependency = byUrn.get(urn);
    return dependency === undefined ? [] : [policyResource({ ...dependency, dependencies: [] })];
  });
  return { type: input.type, name: input.name, urn: input.urn, props: input.props, opts: { protect: input.protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] }, dependencies, propertyDependencies: {} } as unknown as PolicyResource;
}

/** Every message `policy` reports over `inputs`, with `config` as its pack config. */
export async function violationsOf(policy: GatewayPolicy, inputs: readonly PolicyInput[], config: Record<string, unknown>): Promise<string[]> {
  const messages: string[] = [];
  const report = (message: string) => {
    messages.push(message);
  };
  const getConfig = <T extends object>() => config as T;
  const validate = (policy as Partial<ResourceValidationPolicy>).validateResource;
  if (validate !== undefined) {
    for (const input of inputs) {
      const resource = policyResource(input);
      const args = { ...resource, stackTags: new Map(), getConfig } as unknown as ResourceValidationArgs;
      for (const one of Array.isArray(validate) ? validate : [validate]) await one(args, report);
    }
  } else {
    // Pulumi hands a stack policy each resource's dependencies as resources; the recording has their URNs.
    const byUrn = new Map(inputs.map((input) => [input.urn, input]));
    const args = { resources: inputs.map((input) => policyResource(input, byUrn)), stackTags: new Map(), getConfig } as unknown as StackValidationArgs;
    await (policy as StackValidationPolicy).validateStack(args, report);
  }
  return messages;
}
