/**
 * The package's public API: what another Pulumi TypeScript program imports from
 * `litellm-gateway` (built to dist/ by `npm run build`, see tsconfig.build.json). index.ts stays
 * this project's own stack program; everything here is also what it uses.
 *
 * @example
 * import { LitellmGateway, defineCatalog, defineSettings } from "litellm-gateway";
 */
export { LitellmGateway } from "./components/litellm-gateway";
export type { LitellmGatewayArgs } from "./components/litellm-gateway";
export { defineCatalog } from "./config/catalog/define-catalog";
export type { AliasOf, CatalogDefinition } from "./config/catalog/define-catalog";
export type {
  AliasDefinition,
  AnthropicDeployment,
  AzureOpenAiDeployment,
  BedrockDeployment,
  Catalog,
  Deployment,
  DeploymentOptions,
  EnvVarName,
  GeminiDeployment,
  GroqDeployment,
  MistralDeployment,
  OpenAiCompatibleDeployment,
  OpenAiDeployment,
  Provider,
  RoutingSettings,
  RoutingStrategy,
  VertexAiDeployment,
} from "./config/catalog/catalog-types";
export { CatalogValidationError } from "./config/catalog/catalog-validation-error";
export { renderLitellmConfig } from "./config/render/render-litellm-config";
export type { RenderedLitellmConfig, RenderOptions } from "./config/render/render-litellm-config";
export { CONFIG_NAMESPACE, parseStackSettings, StackSettingsError } from "./config/settings/stack-settings";
export type { DatabaseSettings, ExistingVpcSettings, NewVpcSettings, StackSettings, StackSettingsInput } from "./config/settings/stack-settings";
export { defineSettings } from "./config/settings/define-settings";
export { parseLitellmCustomization } from "./config/settings/stack-settings";
export type { LitellmCustomization, LitellmCustomizationInput } from "./config/settings/litellm-customization";
export type { CustomLitellmSettings } from "./config/settings/custom-litellm-settings";
export type { ExistingDatabaseSettings, ExistingRedisSettings } from "./config/settings/existing-parts";
export { loadStackSettings, readProviderKeyValues } from "./config/settings/load-stack-settings";
export type { OtelSettings } from "./config/settings/otel-export";
