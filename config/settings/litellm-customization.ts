/**
 * Custom LiteLLM settings (issue 15): extra task environment, extra secrets injected by ECS, and
 * the litellm_settings / general_settings / router_settings escape hatch
 * (config/render/custom-settings.ts). What can be checked without the catalog is checked here,
 * with the settings; the renderer checks the `os.environ/` names against the catalog's keys.
 */
import { describeSecretValue } from "../catalog/secret-value-detection";
import { reservedEnvNameReason } from "../litellm/reserved-env-names";
import { CUSTOM_SETTING_NAMES, CUSTOM_SETTING_SECTIONS, customSectionProblems } from "./custom-litellm-settings";
import type { CustomLitellmSettings } from "./custom-litellm-settings";

/** The custom LiteLLM settings as validated: what the renderer and the task receive. */
export interface LitellmCustomization {
  /** Merged over the rendered config.yaml sections. */
  readonly settings: CustomLitellmSettings;
  /** Plain variables added to the task's environment, by name. No secrets. */
  readonly extraEnvironment: Readonly<Record<string, string>>;
  /** Variables ECS fills from these Secrets Manager ARNs at task start, by name. */
  readonly extraSecrets: Readonly<Record<string, string>>;
}

/** The five settings as the stack file (and LitellmGateway's `litellm` arg) spell them. */
export interface LitellmCustomizationInput {
  /**
   * LiteLLM `litellm_settings` keys merged over the rendered ones (callbacks, cache, guardrails...);
   * keys the stack renders or manages are refused, secrets only as `os.environ/NAME`.
   * @default {}
   */
  readonly litellmSettings?: Readonly<Record<string, unknown>>;
  /**
   * LiteLLM `general_settings` keys merged over the rendered ones; master_key, database_url,
   * store_model_in_db, supported_db_objects and the admin-plane keys are refused.
   * @default {}
   */
  readonly generalSettings?: Readonly<Record<string, unknown>>;
  /**
   * LiteLLM `router_settings` keys merged over the rendered ones (e.g. model_group_alias);
   * routing, retries, fallbacks and Redis keys come from the catalog and stack and are refused.
   * @default {}
   */
  readonly routerSettings?: Readonly<Record<string, unknown>>;
  /**
   * Plain environment variables for the LiteLLM task, by name; a name the task or runtime sets, or a
   * value that looks like a credential, is refused (use extraSecrets).
   * @default {}
   */
  readonly extraEnvironment?: Readonly<Record<string, string>>;
  /**
   * Environment variables ECS fills from existing Secrets Manager secrets (full ARNs), by name; the
   * execution role may read exactly these besides the stack's own secrets.
   * @default {}
   */
  readonly extraSecrets?: Readonly<Record<string, string>>;
}

/** One problem: the setting (as the stack file names it), where inside it, and the fix. */
export interface CustomizationProblem {
  readonly setting: keyof LitellmCustomizationInput;
  readonly path: string;
  readonly problem: string;
}

function envNameProblems(setting: "extraEnvironment" | "extraSecrets", names: readonly string[]): CustomizationProblem[] {
  return names.flatMap((name) => {
    const reason = reservedEnvNameReason(name);
    return reason === undefined
      ? []
      : [{ setting, path: `${setting}.${name}`, problem: `the name ${name} is reserved (${reason}) (choose another name, e.g. MY_${name.replace(/^[A-Z]+_/, "")})` }];
  });
}

/** Everything wrong with the custom settings that is knowable without the catalog. */
export function customizationProblems(input: LitellmCustomizationInput): CustomizationProblem[] {
  const environment = input.extraEnvironment ?? {};
  const secrets = input.extraSecrets ?? {};
  const problems = [...envNameProblems("extraEnvironment", Object.keys(environment)), ...envNameProblems("extraSecrets", Object.keys(secrets))];
  for (const [name, value] of Object.entries(environment)) {
    const looksLike = describeSecretValue(value);
    if (looksLike !== undefined) {
      problems.push({
        setting: "extraEnvironment",
        path: `extraEnvironment.${name}`,
        problem: `the value looks like ${looksLike} (not shown), and task environment is plain text in the task definition (store it in Secrets Manager and add its ARN to extraSecrets.${name} instead)`,
      });
    }
    if (name in secrets) {
      problems.push({
        setting: "extraEnvironment",
        path: `extraEnvironment.${name}`,
        problem: `${name} is also in extraSecrets, and a task variable has one source (remove it from one of them)`,
      });
    }
  }
  for (const section of CUSTOM_SETTING_SECTIONS) {
    const setting = CUSTOM_SETTING_NAMES[section] as keyof LitellmCustomizationInput;
    for (const found of customSectionProblems(section, input[setting] ?? {})) {
      problems.push({ setting, path: found.path, problem: `${found.message.replace(/\.$/, "")} (${found.fix.replace(/\.$/, "")})` });
    }
  }
  return problems;
}

/** The input, validated elsewhere, in the shape the gateway uses. */
export function toLitellmCustomization(input: LitellmCustomizationInput): LitellmCustomization {
  const settings: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const section of CUSTOM_SETTING_SECTIONS) {
    const value = input[CUSTOM_SETTING_NAMES[section] as keyof LitellmCustomizationInput];
    if (value !== undefined && Object.keys(value).length > 0) {
      settings[section] = value;
    }
  }
  return { settings, extraEnvironment: input.extraEnvironment ?? {}, extraSecrets: input.extraSecrets ?? {} };
}

/** The names the task gets beyond the catalog's keys: what `os.environ/` may name besides them. */
export function extraEnvNames(customization: LitellmCustomization | undefined): string[] {
  return customization === undefined ? [] : [...Object.keys(customization.extraEnvironment), ...Object.keys(customization.extraSecrets)];
}
