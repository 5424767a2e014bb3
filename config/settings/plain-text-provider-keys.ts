/**
 * A provider key written in plain text in a stack file: `pulumi config set OPENAI_API_KEY sk-...`
 * without `--secret` stores the key as it is in Pulumi.<stack>.yaml, which is committed, so anyone
 * who can read the repository (and its history, forever) holds it. Pulumi encrypts a value set with
 * `--secret` and stores it as `{ secure: <ciphertext> }`; anything else under a provider key's name
 * is plain text. Pure: it reads the decoded stack file, and never repeats a value.
 */
import { CONFIG_NAMESPACE, PROVIDER_KEY_CONFIG_PATTERN } from "./stack-settings";

/** The provider keys of the namespace whose value in the stack file is not an encrypted `secure:` value. */
export function plainTextProviderKeys(stackFileConfig: Readonly<Record<string, unknown>>): string[] {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return Object.entries(stackFileConfig)
    .filter(([fullKey]) => fullKey.startsWith(prefix) && PROVIDER_KEY_CONFIG_PATTERN.test(fullKey.slice(prefix.length)))
    .filter(([, value]) => !isSecureValue(value))
    .map(([fullKey]) => fullKey.slice(prefix.length))
    .sort();
}

function isSecureValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>).secure === "string";
}

/** One line per key: what is wrong, where, and the commands that fix it; never the value. */
export function plainTextProviderKeyProblem(key: string, stack: string, stackFileName: string): string {
  return (
    `${CONFIG_NAMESPACE}:${key} is written in plain text in ${stackFileName}, so anyone who can read the repository has the key. ` +
    `Fix: pulumi config set --stack ${stack} --secret ${key} (it prompts for the value and stores it encrypted), ` +
    `then revoke the exposed key at its provider and use a new one: the old value stays in the file's git history.`
  );
}

/** Thrown before any resource is declared when a stack file holds a provider key in plain text. */
export class PlainTextProviderKeyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Refusing a stack file with a provider key in plain text:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "PlainTextProviderKeyError";
  }
}

/** Throws PlainTextProviderKeyError naming every plain-text provider key of the stack file. */
export function assertNoPlainTextProviderKeys(stackFileConfig: Readonly<Record<string, unknown>>, stack: string, stackFileName: string): void {
  const keys = plainTextProviderKeys(stackFileConfig);
  if (keys.length > 0) {
    throw new PlainTextProviderKeyError(keys.map((key) => plainTextProviderKeyProblem(key, stack, stackFileName)));
  }
}
