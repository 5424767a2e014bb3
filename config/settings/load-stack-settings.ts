/**
 * Reads the `litellm-gateway:` config namespace of the current stack and validates it. Kept apart
 * from `stack-settings.ts` so that file stays free of Pulumi.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { defaultTagsCheck } from "./default-tags";
import { assertNoPlainTextProviderKeys } from "./plain-text-provider-keys";
import { stackSettingsWarnings } from "./settings-warnings";
import { readStackFile } from "./stack-file";
import { CONFIG_NAMESPACE, parseStackSettings, PROVIDER_KEY_CONFIG_PATTERN, StackSettingsError } from "./stack-settings";
import type { StackSettings } from "./stack-settings";

/** The AWS provider's region, as the stack file sets it. */
const AWS_REGION_CONFIG_KEY = "aws:region";

/**
 * Pulumi hands every config value over as a string: objects and lists as JSON, numbers and
 * booleans as their text. Decode what is JSON; keep anything else (an ARN, "single") as text.
 */
export function decodeConfigValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Every key of the namespace, so a misspelt key is reported instead of silently ignored.
 * Secret values (provider keys) are never decoded here: parseStackSettings skips upper-case keys.
 */
export function readNamespaceConfig(): Record<string, unknown> {
  return namespaceConfig(pulumi.runtime.allConfig());
}

/** readNamespaceConfig of a config map as Pulumi holds it (`litellm-gateway:cpu` → "1024"). */
export function namespaceConfig(allConfig: Readonly<Record<string, string>>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(allConfig)) {
    if (!fullKey.startsWith(prefix)) {
      continue;
    }
    const key = fullKey.slice(prefix.length);
    raw[key] = PROVIDER_KEY_CONFIG_PATTERN.test(key) ? "<provider key, not read here>" : decodeConfigValue(text);
  }
  return raw;
}

/**
 * Logs, as program warnings, what only AWS can tell about the settings (stackSettingsWarnings).
 *
 * @throws StackSettingsError naming every wrong or missing setting, before any resource exists.
 */
export function loadStackSettings(): StackSettings {
  const allConfig = pulumi.runtime.allConfig();
  const stack = pulumi.getStack();
  const tags = defaultTagsCheck(allConfig, { project: pulumi.getProject(), stack });
  let settings: StackSettings;
  try {
    settings = settingsFromConfig(allConfig);
  } catch (error) {
    // Every problem at once: the default tags' beside the settings'.
    throw error instanceof StackSettingsError && tags.problems.length > 0 ? new StackSettingsError([...error.problems, ...tags.problems]) : error;
  }
  if (tags.problems.length > 0) {
    throw new StackSettingsError(tags.problems);
  }
  const region = allConfig[AWS_REGION_CONFIG_KEY];
  for (const warning of [...stackSettingsWarnings(settings, { stack, ...(region === undefined ? {} : { region }) }), ...tags.warnings]) {
    pulumi.log.warn(warning);
  }
  return settings;
}

/**
 * The settings of a config map as Pulumi holds it, without logging: how the plan reads a finished
 * run's settings.
 */
export function settingsFromConfig(allConfig: Readonly<Record<string, string>>): StackSettings {
  // The region decides which certificates the load balancer can use; unset (AWS_REGION instead), it is not checked.
  return parseStackSettings(namespaceConfig(allConfig), { region: allConfig[AWS_REGION_CONFIG_KEY] });
}

/**
 * Provider keys set with `pulumi config set --secret OPENAI_API_KEY <key>`: every upper-case key of
 * the namespace, each read as a secret Output (even if it was set without --secret).
 */
export function readProviderKeyValues(): Record<string, pulumi.Output<string>> {
  refusePlainTextProviderKeys();
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const values: Record<string, pulumi.Output<string>> = {};
  for (const key of Object.keys(readNamespaceConfig())) {
    if (PROVIDER_KEY_CONFIG_PATTERN.test(key)) {
      values[key] = config.requireSecret(key);
    }
  }
  return values;
}

/**
 * Refuses the stack when its stack file (Pulumi.<stack>.yaml beside the program: `pulumi up` runs
 * the program in the project directory) holds a provider key in plain text, before any resource is
 * declared. Pulumi hands the program decrypted values either way, so only the file tells them apart.
 * A stack file elsewhere (`--config-file`) is not found here and not checked.
 */
function refusePlainTextProviderKeys(): void {
  const stack = pulumi.getStack();
  const fileName = `Pulumi.${stack}.yaml`;
  const file = path.join(process.cwd(), fileName);
  if (!existsSync(file)) {
    return;
  }
  // A broken file fails here as one line naming the file, line, column and fix (InputFileError).
  // Read by its name (relative to the working directory), so the message names it as the user does.
  assertNoPlainTextProviderKeys(readStackFile(fileName).config, stack, fileName);
}
