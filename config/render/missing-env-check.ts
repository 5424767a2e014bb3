/**
 * LiteLLM resolves `os.environ/NAME` in config.yaml lazily: an unset variable silently becomes
 * None, the proxy starts and reports healthy, and the first request to that model fails with a
 * 500. These pure functions let the deployment (and the end-to-end launcher) refuse to start a
 * proxy whose environment lacks a variable the rendered config refers to.
 */

/** LiteLLM's prefix for a value read from the environment. */
export const ENV_REFERENCE_PREFIX = "os.environ/";

/** `os.environ/NAME` as LiteLLM's `get_secret` reads it: the name runs to the end of the token. */
const ENV_REFERENCE_PATTERN = /os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every variable name a rendered config.yaml refers to with `os.environ/`, sorted, each once. */
export function findEnvReferences(configYaml: string): string[] {
  const names = new Set<string>();
  for (const match of configYaml.matchAll(ENV_REFERENCE_PATTERN)) {
    names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * The names in `required` that `environment` does not provide. An empty value counts as missing:
 * LiteLLM would send an empty key and the provider would answer 401 at request time.
 */
export function findMissingEnv(
  required: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): string[] {
  return [...new Set(required)].filter((name) => (environment[name] ?? "") === "").sort();
}

export class MissingEnvironmentError extends Error {
  constructor(
    readonly missing: readonly string[],
    context: string,
  ) {
    super(
      `${context}: config.yaml refers to ${missing.map((name) => `${ENV_REFERENCE_PREFIX}${name}`).join(", ")}, ` +
        `but the proxy's environment does not set ${missing.length === 1 ? "it" : "them"}. ` +
        "LiteLLM would start anyway and fail the first request to that model with a 500. " +
        `Give the task a secret for each (e.g. ${missing[0]}=<value>), or remove the deployments that use ${missing.length === 1 ? "it" : "them"}.`,
    );
    this.name = "MissingEnvironmentError";
  }
}

/**
 * Throws `MissingEnvironmentError` naming every variable the config refers to (both the names the
 * renderer reported and any `os.environ/` found in the text) that `environment` lacks.
 */
export function assertEnvironmentComplete(
  configYaml: string,
  declaredNames: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
  context = "LiteLLM proxy",
): void {
  const missing = findMissingEnv([...declaredNames, ...findEnvReferences(configYaml)], environment);
  if (missing.length > 0) {
    throw new MissingEnvironmentError(missing, context);
  }
}
