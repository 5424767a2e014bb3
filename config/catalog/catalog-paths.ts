/** How problem paths are spelled, so every message points at a setting the same way. */

const PLAIN_ALIAS_NAME = /^[A-Za-z0-9_-]+$/;

/** `aliases.claude-sonnet`, or `aliases["gpt-4.1"]` when a dot would make the path ambiguous. */
export function aliasPath(alias: string): string {
  return PLAIN_ALIAS_NAME.test(alias) ? `aliases.${alias}` : `aliases[${JSON.stringify(alias)}]`;
}

export function deploymentPath(alias: string, index: number): string {
  return `${aliasPath(alias)}.deployments[${index}]`;
}
