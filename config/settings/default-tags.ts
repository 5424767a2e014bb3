/**
 * The bill splits by stack: every resource carries `project` and `stack` tags through the AWS
 * provider's default tags, set in each stack file as
 *
 *   aws:defaultTags:
 *     tags:
 *       project: litellm-gateway
 *       stack: dev
 *
 * The default provider applies them to every AWS resource that takes tags, awsx's VPC children
 * included (their provider is configured from the same stack config). Activated as cost allocation
 * tags (README, "The bill by stack"), they let Cost Explorer separate dev from prod. Pure.
 */
/** The stack-config key of the AWS provider's default tags. */
export const DEFAULT_TAGS_CONFIG_KEY = "aws:defaultTags";
/** The tag keys to activate as cost allocation tags. */
export const PROJECT_TAG_KEY = "project";
export const STACK_TAG_KEY = "stack";

export interface DefaultTagsCheck {
  /** A tag that names another project or stack: the stack's costs would be filed under it. Refused. */
  readonly problems: readonly string[];
  /** No such tag: nothing is misfiled, but the bill cannot be split by it. Warned about. */
  readonly warnings: readonly string[];
}

/** Pulumi hands an object-valued config key over as JSON text. */
function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function setCommand(stack: string, key: string, value: string): string {
  return `pulumi config set --stack ${stack} --path '${DEFAULT_TAGS_CONFIG_KEY}.tags.${key}' ${value}`;
}

/** The default tags of a config map as Pulumi holds it, against the project and stack they must name. */
export function defaultTagsCheck(allConfig: Readonly<Record<string, string>>, context: { readonly project: string; readonly stack: string }): DefaultTagsCheck {
  const { project, stack } = context;
  const text = allConfig[DEFAULT_TAGS_CONFIG_KEY];
  const decoded = text === undefined ? undefined : decodeJson(text);
  const tags = typeof decoded === "object" && decoded !== null ? (decoded as { tags?: unknown }).tags : undefined;
  if (text !== undefined && (typeof tags !== "object" || tags === null || Array.isArray(tags))) {
    return {
      problems: [
        `${DEFAULT_TAGS_CONFIG_KEY}: found ${text}, not an object with a tags map. Set it as: ${setCommand(stack, PROJECT_TAG_KEY, project)} && ${setCommand(stack, STACK_TAG_KEY, stack)}`,
      ],
      warnings: [],
    };
  }
  const tagMap = (tags ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const missing: string[] = [];
  for (const [key, expected] of [[PROJECT_TAG_KEY, project], [STACK_TAG_KEY, stack]] as const) {
    const found = tagMap[key];
    if (found === undefined) {
      missing.push(key);
    } else if (found !== expected) {
      problems.push(
        `${DEFAULT_TAGS_CONFIG_KEY}.tags.${key}: found ${JSON.stringify(found)}, but this is ${key} "${expected}", so its costs would be filed under the wrong ${key} in Cost Explorer (a stack file copied from another stack?). Fix: ${setCommand(stack, key, expected)}`,
      );
    }
  }
  const warnings =
    missing.length === 0
      ? []
      : [
          `Stack ${stack}: ${DEFAULT_TAGS_CONFIG_KEY} sets no ${missing.join(" or ")} tag, so Cost Explorer cannot split this stack's AWS bill by it. Set ${missing.length === 1 ? "it" : "them"}: ${missing
            .map((key) => setCommand(stack, key, key === PROJECT_TAG_KEY ? project : stack))
            .join(" && ")}`,
        ];
  return { problems, warnings };
}
