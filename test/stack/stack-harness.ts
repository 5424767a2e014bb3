/**
 * The stack tests' view of the mock cloud: `runStack` runs the REAL index.ts under Pulumi's mocks
 * with a committed Pulumi.<stack>.yaml and records every registration (offline/run-stack-offline.ts,
 * shared with `npm run plan`), in a child process and once per test run (stack-run-client.ts); the
 * lookups below are for tests.
 */
import type { RecordedResource, StackRun } from "../../offline/run-stack-offline";

export {
  ACCOUNT_ID,
  AWS_REGION_KEY,
  DEPLOYER_ROLE_ARN,
  GENERATED_MARKER,
  projectName,
  REGION,
  REPO_ROOT,
  stackConfig,
} from "../../offline/run-stack-offline";
export { runStack } from "./stack-run-client";
export type { RecordedResource, StackRun } from "../../offline/run-stack-offline";

/** Every registration of `type`; fails the test when there is none. */
export function ofType(run: StackRun, type: string): RecordedResource[] {
  const found = run.resources.filter((resource) => resource.type === type);
  if (found.length === 0) {
    throw new Error(`No ${type} registered; registered types: ${[...new Set(run.resources.map((r) => r.type))].join(", ")}`);
  }
  return found;
}

/** The single registration of `type`. */
export function oneOf(run: StackRun, type: string): RecordedResource {
  const found = ofType(run, type);
  if (found.length !== 1) {
    throw new Error(`Expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}

/** The parsed container definition of the LiteLLM container. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function litellmContainer(run: StackRun): Record<string, any> {
  const taskDefinition = oneOf(run, "aws:ecs/taskDefinition:TaskDefinition");
  const containers = JSON.parse(taskDefinition.inputs.containerDefinitions as string) as Record<string, unknown>[];
  if (containers.length !== 1) {
    throw new Error(`Expected one container, found ${containers.length}`);
  }
  return containers[0];
}

/** A parsed IAM policy document of the RolePolicy whose name contains `fragment`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rolePolicy(run: StackRun, fragment: string): { Statement: Record<string, any>[] } {
  const policies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((policy) => policy.name.includes(fragment));
  if (policies.length !== 1) {
    throw new Error(`Expected one role policy named *${fragment}*, found ${policies.length}`);
  }
  return JSON.parse(policies[0].inputs.policy as string) as { Statement: Record<string, unknown>[] };
}

/** Every registration of `type` whose parent is the single component of `componentType`. */
export function childrenOf(run: StackRun, componentType: string, type: string): RecordedResource[] {
  const component = oneOf(run, componentType);
  return run.resources.filter((resource) => resource.type === type && resource.parent === component.urn);
}

/** The single registration of `type` under the single component of `componentType`. */
export function oneChildOf(run: StackRun, componentType: string, type: string): RecordedResource {
  const found = childrenOf(run, componentType, type);
  if (found.length !== 1) {
    throw new Error(`Expected one ${type} under ${componentType}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}
