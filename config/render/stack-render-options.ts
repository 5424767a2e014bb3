/**
 * The render options a stack's settings imply. The gateway component, `npm run render` and the
 * golden files all go through here, so the config.yaml a reader renders is the one the stack
 * deploys (with Redis settings exactly where the stack creates Redis).
 */
import { readFileSync } from "node:fs";

import { parse } from "yaml";

import { CONFIG_NAMESPACE, parseStackSettings } from "../settings/stack-settings";
import type { StackSettings } from "../settings/stack-settings";
import type { RenderOptions } from "./render-litellm-config";

export function renderOptionsForStack(stack: string, settings: StackSettings): RenderOptions {
  return {
    stack,
    redis: settings.redis !== undefined,
    generatedKeyLimits: settings.generatedKeyLimits,
    trustedProxyRanges: settings.adminPlane.trustedProxyCidrs,
    adminUi: settings.adminPlane.adminUi,
  };
}

/**
 * The validated settings of a committed `Pulumi.<stack>.yaml`, or undefined when the file does not
 * exist (a catalog-only stack name). Values in a stack file are already typed by YAML.
 * @throws StackSettingsError when the file's settings are wrong, as `pulumi up` would.
 */
export function readStackFileSettings(stackFile: string): StackSettings | undefined {
  let text: string;
  try {
    text = readFileSync(stackFile, "utf8");
  } catch {
    return undefined;
  }
  const config = ((parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {});
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw = Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
  return parseStackSettings(raw);
}
