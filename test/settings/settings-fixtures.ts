/** Shared by the settings tests: a valid dev-like settings map and ways to read its problems. */
import { parseStackSettings, StackSettingsError } from "../../config/settings/stack-settings";

/** Decoded `litellm-gateway:` settings of a minimal valid stack (one task, single-AZ micro database). */
export const VALID_SETTINGS = {
  availabilityZones: 2,
  egress: "single-nat",
  desiredCount: 1,
  cpu: 512,
  memory: 2048,
  dbInstanceClass: "db.t4g.micro",
  dbMultiAz: false,
  dbDeletionProtection: false,
  dbSkipFinalSnapshot: true,
  logRetentionDays: 7,
  allowPlainHttp: true,
};

/** Every problem parseStackSettings reports; empty when the settings are valid. */
export function settingsProblems(raw: Record<string, unknown>): readonly string[] {
  try {
    parseStackSettings(raw);
  } catch (error) {
    if (error instanceof StackSettingsError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

/** Like settingsProblems, but the settings must be refused. */
export function expectedProblems(raw: Record<string, unknown>): readonly string[] {
  const problems = settingsProblems(raw);
  if (problems.length === 0) {
    throw new Error("expected a StackSettingsError");
  }
  return problems;
}
