/**
 * Provider keys that the stack config does not hold: the stack creates their secrets empty, and
 * ECS cannot start a task while a secret it injects has no value. This module says which keys are
 * still awaiting values, what rolls the service once they have them, and the exact commands, so
 * the program's warning, the plan and the runbook give one and the same path.
 *
 * Pure: no Pulumi, so the plan and the tests use it as the program does.
 */

/** The stack setting an operator sets (or changes) after filling keys in Secrets Manager. */
export const PROVIDER_KEYS_REVISION_SETTING = "providerKeysRevision";

/** A value for it that changes every time: the UTC time the command runs. */
const REVISION_FROM_CLOCK = '"$(date -u +%Y-%m-%dT%H:%M:%SZ)"';

/**
 * Keys still awaiting values: those without a stack config value, until the operator declares them
 * filled by setting the revision.
 */
export function providerKeysAwaitingValues(keysWithoutConfigValue: readonly string[], revision: string | undefined): string[] {
  return revision === undefined ? [...keysWithoutConfigValue] : [];
}

/**
 * What rolls the service although its task definition stays the same: the id of every secret
 * version the stack writes (a changed key in config is a new version) and the revision. Ids and
 * the operator's label only, never a secret value.
 */
export function redeployTriggers(secretVersionIds: Readonly<Record<string, string>>, revision: string | undefined): Record<string, string> {
  return { ...secretVersionIds, ...(revision === undefined ? {} : { [PROVIDER_KEYS_REVISION_SETTING]: revision }) };
}

/**
 * Fills one empty provider secret. The value comes from the operator's environment through stdin
 * (`file:///dev/stdin`), never as an argument: a `--secret-string "$KEY"` expands into the
 * process's arguments, which every user of the machine can read in `ps`. printf adds no newline.
 */
export function fillSecretCommand(stack: string, keyName: string): string {
  return (
    `printf %s "$${keyName}" | aws secretsmanager put-secret-value --secret-id "$(pulumi stack output --stack ${stack} providerKeySecretArns --json | jq -r .${keyName})" ` +
    "--secret-string file:///dev/stdin"
  );
}

/** After filling: declare the keys filled and let `pulumi up` roll the service and wait for it. */
export function declareFilledCommands(stack: string): string[] {
  return [`pulumi config set --stack ${stack} ${PROVIDER_KEYS_REVISION_SETTING} ${REVISION_FROM_CLOCK}`, `pulumi up --stack ${stack}`];
}

/** The same roll without a Pulumi run (ECS reads secrets only when a task starts). */
export function rollWithAwsCliCommands(stack: string): string[] {
  const cluster = `"$(pulumi stack output --stack ${stack} clusterName)"`;
  const service = `"$(pulumi stack output --stack ${stack} serviceName)"`;
  return [
    `aws ecs update-service --cluster ${cluster} --service ${service} --force-new-deployment`,
    `aws ecs wait services-stable --cluster ${cluster} --services ${service}`,
  ];
}

/** The warning `pulumi up` prints while keys await values: what it means and the exact next commands. */
export function awaitingValuesWarning(stack: string, awaiting: readonly string[]): string {
  return (
    `Provider keys without a value: ${awaiting.join(", ")}. ECS cannot start a task while a secret it injects is empty: ` +
    "on a first deploy the service has ZERO running tasks, on a running service the new tasks fail and ECS rolls back. " +
    "This `pulumi up` does not wait for the service, so it reports success anyway. " +
    `Next, fill each key: ${awaiting.map((keyName) => fillSecretCommand(stack, keyName)).join(" ; ")} ; ` +
    `then declare them filled, which rolls the service and waits for healthy tasks: ${declareFilledCommands(stack).join(" && ")} . ` +
    `Without a Pulumi run: ${rollWithAwsCliCommands(stack).join(" && ")} (and still set ${PROVIDER_KEYS_REVISION_SETTING} before the next pulumi up). ` +
    `Or keep the keys in the stack config instead: pulumi config set --secret --stack ${stack} <NAME>.`
  );
}
