/**
 * The real catalog's shape for one stack, deployment for deployment: every alias the stack serves,
 * with the same deployments in the same order and weights, and the same fallbacks. Each deployment
 * is served by the e2e fake provider under a model id of its own (so one deployment can be broken
 * while its siblings answer), or, with `bedrock: "no-credentials"`, a Bedrock deployment is kept
 * exactly as the catalog declares it and the proxy gets no AWS credentials at all: LiteLLM then
 * fails it while signing the request, before anything leaves the machine (the way a deployment
 * Bedrock refuses fails, without an AWS account).
 */
import { catalog } from "../../config/catalog";
import { servedAliasNames } from "../../config/catalog/catalog-for-stack";
import type { AliasDefinition, Catalog, Deployment } from "../../config/catalog/catalog-types";
import { defineCatalog } from "../../config/catalog/define-catalog";

/** The provider keys the rendered config references; the tests give each its own value. */
export const FAKE_OPENAI_KEY_ENV = "OPENAI_API_KEY";
export const FAKE_ANTHROPIC_KEY_ENV = "ANTHROPIC_API_KEY";

/**
 * Variables that leave boto3 with no credentials and no way to look for any: no instance metadata
 * service, no shared credentials or config file (the launcher already passes no AWS_* variable).
 */
export const NO_AWS_CREDENTIALS_ENV: Readonly<Record<string, string>> = {
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
};

export interface DeploymentsOnFakeOptions {
  /** `fake`: Bedrock deployments are served by the fake too; `no-credentials`: kept as declared. */
  readonly bedrock: "fake" | "no-credentials";
}

/** The provider model id the fake receives for one deployment: `fake-claude-sonnet-bedrock`. */
export function fakeModelForDeployment(alias: string, deployment: Pick<Deployment, "provider">): string {
  return `fake-${alias}-${deployment.provider}`;
}

/** What the smoke check names a fake deployment by (LiteLLM's route). */
export function fakeDeploymentLabel(alias: string, deployment: Pick<Deployment, "provider">): string {
  const route = deployment.provider === "anthropic" ? "anthropic" : "openai";
  return `${route}/${fakeModelForDeployment(alias, deployment)}`;
}

export function stackDeploymentsOnFake(stack: string, fakeOrigin: string, options: DeploymentsOnFakeOptions): Catalog {
  const served: readonly string[] = servedAliasNames(catalog, stack);
  const keepServed = (targets: readonly string[] | undefined) => targets?.filter((target) => served.includes(target));
  const aliases: Record<string, AliasDefinition<string>> = {};
  for (const alias of served) {
    const definition: AliasDefinition<string> = catalog.aliases[alias as keyof typeof catalog.aliases];
    const models = definition.deployments.map((deployment) => fakeModelForDeployment(alias, deployment));
    if (new Set(models).size !== models.length) {
      throw new Error(`${alias} has two deployments of one provider; give fakeModelForDeployment an index`);
    }
    aliases[alias] = {
      deployments: definition.deployments.map((deployment) => onFake(alias, deployment, fakeOrigin, options)),
      fallbacks: keepServed(definition.fallbacks),
      contextWindowFallbacks: keepServed(definition.contextWindowFallbacks),
      contentPolicyFallbacks: keepServed(definition.contentPolicyFallbacks),
    };
  }
  return defineCatalog<string>({
    aliases,
    defaultFallbacks: keepServed(catalog.defaultFallbacks),
    // No retries and practically no cooldown: a failure injected by one test must not linger into
    // the next. The alias's fallback still hides a failing deployment, as in production.
    routing: { strategy: "simple-shuffle", numRetries: 0, allowedFails: 100, cooldownSeconds: 1 },
  });
}

function onFake(alias: string, deployment: Deployment, fakeOrigin: string, options: DeploymentsOnFakeOptions): Deployment {
  if (deployment.provider === "bedrock" && options.bedrock === "no-credentials") {
    return deployment;
  }
  const weight = deployment.weight === undefined ? {} : { weight: deployment.weight };
  const model = fakeModelForDeployment(alias, deployment);
  return deployment.provider === "anthropic"
    ? { provider: "anthropic", model, apiKeyEnv: FAKE_ANTHROPIC_KEY_ENV, apiBase: fakeOrigin, ...weight }
    : { provider: "openai", model, apiKeyEnv: FAKE_OPENAI_KEY_ENV, apiBase: `${fakeOrigin}/v1`, ...weight };
}
