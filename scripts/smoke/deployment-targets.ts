/**
 * Every deployment behind every alias, as the rendered config.yaml names it (model_list entries:
 * `model_name` is the alias, `litellm_params.model` the deployment), so the smoke test can call
 * each deployment on its own through the client API (client-deployment-probe.ts).
 */
import { parse } from "yaml";

/** One deployment: LiteLLM's model string (`bedrock/us.anthropic...`) and, for Bedrock, its region. */
export interface DeploymentTarget {
  readonly model: string;
  readonly region?: string;
}

/** alias → its deployments, in config order, each model string once. */
export type DeploymentTargets = Readonly<Record<string, readonly DeploymentTarget[]>>;

interface ModelListEntry {
  readonly model_name?: unknown;
  readonly litellm_params?: { readonly model?: unknown; readonly aws_region_name?: unknown };
}

/** Reads the deployments out of a rendered config.yaml (renderLitellmConfig(...).yaml). */
export function deploymentTargets(configYaml: string): DeploymentTargets {
  const config = parse(configYaml, { version: "1.1" }) as { model_list?: ModelListEntry[] };
  const targets: Record<string, DeploymentTarget[]> = {};
  for (const entry of config.model_list ?? []) {
    const alias = entry.model_name;
    const model = entry.litellm_params?.model;
    if (typeof alias !== "string" || typeof model !== "string") {
      throw new Error(`config.yaml has a model_list entry without model_name or litellm_params.model: ${JSON.stringify(entry)}`);
    }
    const region = entry.litellm_params?.aws_region_name;
    const list = (targets[alias] ??= []);
    if (!list.some((target) => target.model === model)) {
      list.push({ model, ...(typeof region === "string" ? { region } : {}) });
    }
  }
  return targets;
}

/** `bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0 (us-east-1)`. */
export function targetLabel(target: DeploymentTarget): string {
  return target.region === undefined ? target.model : `${target.model} (${target.region})`;
}
