/**
 * What an operator must set before the first `pulumi up` of a stack, with the exact commands:
 * the provider keys the catalog references (GatewaySecrets creates one Secrets Manager secret per
 * key, empty unless the stack config holds a value), the generated secrets (nothing to do), and
 * settings committed as placeholders that must be edited (the custom domain of the prod file).
 */
import { GENERATED_SECRET_NAMES } from "../../config/cost/bill-of-materials";
import type { PlaceholderDomainSetting } from "../../config/settings/ingress-tls";
import { declareFilledCommands, fillSecretCommand } from "../../config/settings/provider-keys-rollout";

export interface ProviderKeySecret {
  /** The environment variable name, also the config key: `OPENAI_API_KEY`. */
  readonly name: string;
  /** True when the stack config already holds a value (`pulumi config set --secret`). */
  readonly setInStackConfig: boolean;
  /** Before deploying: store the key encrypted in the stack file. */
  readonly beforeDeploy: string;
  /** After deploying without it: fill the empty secret, then declare it filled (providerKeysRevision) and `pulumi up`, which rolls the tasks. */
  readonly afterDeploy: readonly string[];
}

export interface SettingToSet {
  readonly name: string;
  readonly reason: string;
  readonly command: string;
}

export interface OperatorSecrets {
  readonly providerKeys: readonly ProviderKeySecret[];
  /** Generated at `pulumi up` and stored in Secrets Manager; nothing to set. */
  readonly generated: readonly string[];
  readonly settings: readonly SettingToSet[];
}

export interface OperatorSecretsInput {
  readonly stack: string;
  /** Provider key names the program created secrets for (its `providerKeySecretArns` output). */
  readonly providerKeyNames: readonly string[];
  /** Those whose value the stack config does not hold: created empty, filled in Secrets Manager. */
  readonly providerKeysWithoutConfigValue: readonly string[];
  /** The stack's domainName and hostedZone when they are documentation placeholders (placeholderDomainSettings). @default [] */
  readonly placeholderSettings?: readonly PlaceholderDomainSetting[];
  /**
   * The secrets the program generates (generatedSecretNames of the stack's settings).
   * @default GENERATED_SECRET_NAMES (master key, salt key, database password)
   */
  readonly generatedSecretNames?: readonly string[];
}

/** The secrets and settings to provide for a stack, with the commands that provide them. */
export function operatorSecrets(input: OperatorSecretsInput): OperatorSecrets {
  const { stack } = input;
  const providerKeys = [...input.providerKeyNames].sort().map(
    (name): ProviderKeySecret => ({
      name,
      setInStackConfig: !input.providerKeysWithoutConfigValue.includes(name),
      // No value on the command line: Pulumi prompts for it, so the key stays out of shell history.
      beforeDeploy: `pulumi config set --secret --stack ${stack} ${name}`,
      afterDeploy: [fillSecretCommand(stack, name), ...declareFilledCommands(stack)],
    }),
  );
  const settings: SettingToSet[] = (input.placeholderSettings ?? []).map(({ name, reason, command }) => ({ name, reason, command }));
  return { providerKeys, generated: [...(input.generatedSecretNames ?? GENERATED_SECRET_NAMES)], settings };
}
