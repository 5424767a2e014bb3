/**
 * What the infrastructure must provide for a stack's catalog, computed without rendering YAML:
 * the secrets to create and inject, and the Bedrock regions the task role must be allowed to call.
 */
import { compareText, servedAliasNames } from "./catalog-for-stack";
import type { Catalog, Deployment } from "./catalog-types";

/** The environment variable names one deployment reads its secrets from. */
export function deploymentSecretEnvNames(deployment: Deployment): string[] {
  switch (deployment.provider) {
    case "bedrock":
      return [];
    case "vertex_ai":
      return [deployment.credentialsEnv];
    case "openai-compatible":
      return deployment.apiKeyEnv === undefined ? [] : [deployment.apiKeyEnv];
    default:
      return [deployment.apiKeyEnv];
  }
}

function servedDeployments(catalog: Catalog, stack: string): Deployment[] {
  return servedAliasNames(catalog, stack).flatMap((alias) => catalog.aliases[alias].deployments);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

/**
 * Sorted unique names of every secret the stack's config.yaml references as `os.environ/NAME`.
 * Each one is a Secrets Manager secret the infrastructure creates and injects into the task.
 */
export function catalogSecretEnvNames(catalog: Catalog, stack: string): string[] {
  return secretEnvNamesOf(servedDeployments(catalog, stack));
}

/** catalogSecretEnvNames for deployments already selected (the renderer selects them once). */
export function secretEnvNamesOf(deployments: readonly Deployment[]): string[] {
  return sortedUnique(deployments.flatMap(deploymentSecretEnvNames));
}

/**
 * The stack's Bedrock deployments as (model, region) pairs, unique and sorted by model then
 * Region: exactly what the task role may invoke (config/access/bedrock-permissions.ts).
 */
export function catalogBedrockModels(catalog: Catalog, stack: string): { readonly model: string; readonly region: string }[] {
  return bedrockModelsOf(servedDeployments(catalog, stack));
}

/** catalogBedrockModels for deployments already selected (the renderer selects them once). */
export function bedrockModelsOf(deployments: readonly Deployment[]): { readonly model: string; readonly region: string }[] {
  const pairs = deployments.flatMap((deployment) =>
    deployment.provider === "bedrock" ? [JSON.stringify([deployment.model, deployment.region])] : [],
  );
  return sortedUnique(pairs).map((pair) => {
    const [model, region] = JSON.parse(pair) as [string, string];
    return { model, region };
  });
}

/** Each secret is one Secrets Manager secret and one task variable: catalogSecretEnvNames lists each name once, and GatewaySecrets refuses a list that does not. */
export function namesAreUnique(names: readonly string[]): boolean {
  return new Set(names).size === names.length;
}
