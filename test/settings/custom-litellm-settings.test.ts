/**
 * The custom LiteLLM settings (issue 15, item 3): what the stack settings refuse, one line each
 * naming the field and the fix, and what the renderer merges and refuses once the catalog is known.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { CatalogValidationError } from "../../config/catalog/catalog-validation-error";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { CUSTOM_SETTING_SECTIONS, MANAGED_SETTING_KEYS } from "../../config/settings/custom-litellm-settings";
import { DEFAULT_GENERATED_KEY_LIMITS } from "../../config/settings/generated-key-limits";
import { parseLitellmCustomization, parseStackSettings } from "../../config/settings/stack-settings";
import { buildTestCatalog, PROVIDER_KEY_ENVS } from "../e2e/test-catalog";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:langfuse-AbCdEf";
const PASTED_KEY = `sk-${"a1B2c3D4".repeat(4)}`;
const catalog = buildTestCatalog("http://127.0.0.1:9");

/** The one problem of these settings; fails unless there is exactly one. */
function oneProblem(extra: Record<string, unknown>): string {
  const problems = expectedProblems({ ...VALID_SETTINGS, ...extra });
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe("custom LiteLLM settings in the stack settings", () => {
  it("accepts the five settings and carries them to the stack settings", () => {
    const settings = parseStackSettings({
      ...VALID_SETTINGS,
      routerSettings: { model_group_alias: { "gpt-4": "openai-chat" } },
      litellmSettings: { success_callback: ["langfuse"] },
      generalSettings: { max_parallel_requests: 100 },
      extraEnvironment: { LANGFUSE_HOST: "https://cloud.langfuse.com" },
      extraSecrets: { LANGFUSE_SECRET_KEY: SECRET_ARN },
    });
    expect(settings.litellm).toEqual({
      settings: {
        router_settings: { model_group_alias: { "gpt-4": "openai-chat" } },
        litellm_settings: { success_callback: ["langfuse"] },
        general_settings: { max_parallel_requests: 100 },
      },
      extraEnvironment: { LANGFUSE_HOST: "https://cloud.langfuse.com" },
      extraSecrets: { LANGFUSE_SECRET_KEY: SECRET_ARN },
    });
  });

  it("leaves litellm absent when none is set", () => {
    expect(parseStackSettings(VALID_SETTINGS).litellm).toBeUndefined();
  });

  it.each([
    ["generalSettings", { master_key: "os.environ/MY_KEY" }, "generalSettings.master_key", "which the stack manages"],
    ["generalSettings", { database_url: "os.environ/MY_DB" }, "generalSettings.database_url", "which the stack manages"],
    ["generalSettings", { store_model_in_db: true }, "generalSettings.store_model_in_db", "which the stack manages"],
    ["generalSettings", { supported_db_objects: ["models"] }, "generalSettings.supported_db_objects", "which the stack manages"],
    ["generalSettings", { use_x_forwarded_for: true }, "generalSettings.use_x_forwarded_for", "which the stack manages"],
    ["routerSettings", { num_retries: 0 }, "routerSettings.num_retries", "change it through the catalog"],
    ["litellmSettings", { drop_params: false }, "litellmSettings.drop_params", "which the stack manages"],
    ["routerSettings", { redis_host: "cache.example.com" }, "routerSettings.redis_host", "Redis connection"],
    ["litellmSettings", { cache_params: { type: "redis", host: "cache.example.com" } }, "litellmSettings.cache_params.host", "Redis connection"],
  ])("refuses %s %j: one line naming %s and the fix", (setting, value, path, words) => {
    const problem = oneProblem({ [setting]: value });
    expect(problem).toContain(`litellm-gateway:${path}:`);
    expect(problem).toContain(words);
    expect(problem).not.toContain("\n");
  });

  it("refuses a plain-text key anywhere inside a section, without echoing it", () => {
    const problem = oneProblem({ litellmSettings: { callback_settings: { langfuse: { public: PASTED_KEY } } } });
    expect(problem).toContain("litellm-gateway:litellmSettings.callback_settings.langfuse.public:");
    expect(problem).toContain("os.environ/");
    expect(problem).not.toContain(PASTED_KEY);
  });

  it("refuses any literal under a key named like a credential", () => {
    expect(oneProblem({ litellmSettings: { langfuse_secret: "hunter2" } })).toContain("litellm-gateway:litellmSettings.langfuse_secret: is a literal under a key named like a credential");
  });

  it("refuses a reserved extra variable name, in either setting", () => {
    expect(oneProblem({ extraEnvironment: { PATH: "/bin" } })).toContain("litellm-gateway:extraEnvironment.PATH: the name PATH is reserved");
    expect(oneProblem({ extraSecrets: { LITELLM_MASTER_KEY: SECRET_ARN } })).toContain("litellm-gateway:extraSecrets.LITELLM_MASTER_KEY: the name LITELLM_MASTER_KEY is reserved");
  });

  it("refuses an extra environment value that looks like a credential, pointing to extraSecrets", () => {
    const problem = oneProblem({ extraEnvironment: { MY_TOKEN: PASTED_KEY } });
    expect(problem).toContain("litellm-gateway:extraEnvironment.MY_TOKEN:");
    expect(problem).toContain("extraSecrets.MY_TOKEN");
    expect(problem).not.toContain(PASTED_KEY);
  });

  it("refuses a name in both extraEnvironment and extraSecrets", () => {
    expect(oneProblem({ extraEnvironment: { MY_VAR: "x" }, extraSecrets: { MY_VAR: SECRET_ARN } })).toContain("MY_VAR is also in extraSecrets");
  });

  it("refuses an extra secret that is not a full Secrets Manager ARN", () => {
    expect(oneProblem({ extraSecrets: { MY_VAR: "langfuse" } })).toContain("litellm-gateway:extraSecrets.MY_VAR:");
  });

  it("validates LitellmGateway's litellm arg the same way", () => {
    expect(parseLitellmCustomization({ routerSettings: { model_group_alias: { a: "b" } } }).settings).toEqual({ router_settings: { model_group_alias: { a: "b" } } });
    expect(() => parseLitellmCustomization({ generalSettings: { master_key: "x" } })).toThrow(/litellm-gateway:generalSettings\.master_key: .*which the stack manages/);
  });
});

describe("custom LiteLLM settings in the renderer", () => {
  it("names every key a fully-featured render emits in MANAGED_SETTING_KEYS (so the settings refuse them before the catalog is known)", () => {
    const rendered = renderLitellmConfig(
      { ...catalog, defaultFallbacks: ["backup"] },
      { stack: "dev", redis: true, databaseConnectionPoolLimit: 10, generatedKeyLimits: DEFAULT_GENERATED_KEY_LIMITS, trustedProxyRanges: ["10.0.0.0/16"], adminUi: false },
    );
    const config = parse(rendered.yaml) as Record<string, Record<string, unknown>>;
    for (const section of CUSTOM_SETTING_SECTIONS) {
      const redisKeys = new Set(["redis_host", "redis_port", "redis_password"]);
      expect(Object.keys(config[section]).filter((key) => !MANAGED_SETTING_KEYS[section].includes(key) && !redisKeys.has(key)), section).toEqual([]);
    }
  });

  it("merges the custom keys over the rendered sections and keeps the rendered ones", () => {
    const rendered = renderLitellmConfig(catalog, {
      stack: "dev",
      customSettings: { router_settings: { model_group_alias: { "gpt-4": "openai-chat" } }, general_settings: { max_parallel_requests: 100 } },
    });
    const config = parse(rendered.yaml) as Record<string, Record<string, unknown>>;
    expect(config.router_settings).toMatchObject({ model_group_alias: { "gpt-4": "openai-chat" }, routing_strategy: "simple-shuffle" });
    expect(config.general_settings).toMatchObject({ max_parallel_requests: 100, store_model_in_db: false });
  });

  it("lets os.environ/ name the catalog's keys and the extra variables, which the deployment fills (no provider secret for them)", () => {
    const rendered = renderLitellmConfig(catalog, {
      stack: "dev",
      extraEnvNames: ["LANGFUSE_SECRET_KEY"],
      customSettings: { litellm_settings: { callback_settings: { a: { key: "os.environ/LANGFUSE_SECRET_KEY", other: `os.environ/${PROVIDER_KEY_ENVS.openai}` } } } },
    });
    expect(rendered.deploymentEnvNames).toEqual(["LANGFUSE_SECRET_KEY"]);
    expect(rendered.secretEnvNames).not.toContain("LANGFUSE_SECRET_KEY");
  });

  it("refuses os.environ/ of a variable the task does not have, and an extra variable named like a catalog key", () => {
    const render = () =>
      renderLitellmConfig(catalog, {
        stack: "dev",
        extraEnvNames: [PROVIDER_KEY_ENVS.openai],
        customSettings: { litellm_settings: { callback_settings: { a: { key: "os.environ/NOT_SET_ANYWHERE" } } } },
      });
    expect(render).toThrow(CatalogValidationError);
    expect(render).toThrow(/litellmSettings\.callback_settings\.a\.key: refers to os\.environ\/NOT_SET_ANYWHERE, which the task does not set/);
    expect(render).toThrow(new RegExp(`${PROVIDER_KEY_ENVS.openai} is also a provider key of the catalog`));
  });
});
