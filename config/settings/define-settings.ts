/**
 * `defineSettings` is parseStackSettings for a program that builds the gateway in code (the
 * library's consumers): the same keys as the stack file, typed, validated the same way.
 */
import { parseStackSettings } from "./stack-settings";
import type { StackSettings, StackSettingsInput } from "./stack-settings";

/**
 * Validates settings written in code, every problem at once.
 * @param context.region the stack's `aws:region`, when known: a certificateArn of another region is refused.
 * @throws StackSettingsError listing every wrong or missing setting, one line each.
 * @example
 * const settings = defineSettings({ desiredCount: 1, cpu: 256, memory: 1024, dbInstanceClass: "db.t4g.micro",
 *   dbMultiAz: false, dbDeletionProtection: false, dbSkipFinalSnapshot: true, logRetentionDays: 7, allowPlainHttp: true, ... });
 */
export function defineSettings(input: StackSettingsInput, context: { readonly region?: string } = {}): StackSettings {
  return parseStackSettings(input, context);
}
