/**
 * The render options a stack's settings imply. The gateway component, `npm run render` and the
 * golden files all go through here, so the config.yaml a reader renders is the one the stack
 * deploys (with Redis settings exactly where the stack creates Redis).
 */
import { existsSync } from "node:fs";

import { extraEnvNames } from "../settings/litellm-customization";
import { readStackFile } from "../settings/stack-file";
import type { StackFile } from "../settings/stack-file";
import { CONFIG_NAMESPACE, parseStackSettings } from "../settings/stack-settings";
import type { StackSettings } from "../settings/stack-settings";
import type { RenderOptions } from "./render-litellm-config";

export function renderOptionsForStack(stack: string, settings: StackSettings): RenderOptions {
  return {
    stack,
    // The router's Redis settings for a Redis the stack creates or one it is given (existingRedis).
    redis: settings.redis !== undefined || settings.existingRedis !== undefined,
    generatedKeyLimits: settings.generatedKeyLimits,
    trustedProxyRanges: settings.adminPlane.trustedProxyCidrs,
    adminUi: settings.adminPlane.adminUi,
    otel: settings.otel !== undefined,
    ...(settings.litellm === undefined ? {} : { customSettings: settings.litellm.settings, extraEnvNames: extraEnvNames(settings.litellm) }),
  };
}

/**
 * The validated settings of a committed `Pulumi.<stack>.yaml`, or undefined when the file does not
 * exist (a catalog-only stack name). Values in a stack file are already typed by YAML.
 * @throws InputFileError when the file cannot be read or parsed, StackSettingsError when its
 * settings are wrong, as `pulumi up` would.
 */
export function readStackFileSettings(stackFile: string): StackSettings | undefined {
  return existsSync(stackFile) ? stackFileSettings(readStackFile(stackFile)) : undefined;
}

/** The validated settings of a stack file already read. @throws StackSettingsError */
export function stackFileSettings(stackFile: StackFile): StackSettings {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw = Object.fromEntries(
    Object.entries(stackFile.config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
  return parseStackSettings(raw);
}
