/** How problem paths are spelled, so every message points at a setting the same way. */
import { describeSecretValue } from "./secret-value-detection";
import { shownText } from "./shown-value";

const PLAIN_ALIAS_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * `aliases.claude-sonnet`, or `aliases["gpt-4.1"]` when a dot would make the path ambiguous; a
 * name that looks like a key (pasted where a name belongs) is described, never repeated.
 */
export function aliasPath(alias: string): string {
  return PLAIN_ALIAS_NAME.test(alias) && describeSecretValue(alias) === undefined ? `aliases.${alias}` : `aliases[${shownText(alias)}]`;
}

export function deploymentPath(alias: string, index: number): string {
  return `${aliasPath(alias)}.deployments[${index}]`;
}
