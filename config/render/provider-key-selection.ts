/**
 * Which provider keys a rendered config needs, and which of the stack's key values it uses. Every
 * os.environ/ name in the YAML must reach the container, whether the renderer listed it or not:
 * LiteLLM turns a missing one into None and fails the first request with a 500. The names the
 * deployment fills itself (Redis's endpoint and AUTH token) are not provider keys.
 */
import { findEnvReferences } from "./missing-env-check";
import type { RenderedLitellmConfig } from "./render-litellm-config";

export interface ProviderKeySelection<Value> {
  /** Every provider key the container gets as a secret, sorted. */
  readonly names: string[];
  /** The stack's values for those names; names without a value get an empty secret. */
  readonly values: Record<string, Value>;
  /** Names the stack sets but the rendered config does not use: ignored, with a warning. */
  readonly unused: string[];
}

/** Splits the stack's provider key values (any value type: plain or Pulumi Inputs) by what `rendered` needs. */
export function providerKeySelection<Value>(
  rendered: Pick<RenderedLitellmConfig, "secretEnvNames" | "deploymentEnvNames" | "yaml">,
  keyValues: Readonly<Record<string, Value>>,
): ProviderKeySelection<Value> {
  const names = [...new Set([...rendered.secretEnvNames, ...findEnvReferences(rendered.yaml)])]
    .filter((envName) => !rendered.deploymentEnvNames.includes(envName))
    .sort();
  return {
    names,
    values: Object.fromEntries(Object.entries(keyValues).filter(([keyName]) => names.includes(keyName))),
    unused: Object.keys(keyValues).filter((keyName) => !names.includes(keyName)),
  };
}

/** The warning for key values the catalog does not use on `stack`; undefined when there is none. */
export function unusedProviderKeysWarning(stack: string, unused: readonly string[]): string | undefined {
  if (unused.length === 0) {
    return undefined;
  }
  return `Stack config sets ${unused.join(", ")}, which the catalog does not use on stack "${stack}"; ignored. Remove with: pulumi config rm <name>`;
}
