import { createHash } from "node:crypto";

/** The folder of the config bucket that holds config.yaml versions; the task role reads only this. */
export const CONFIG_OBJECT_PREFIX = "config/";

/** A rendered config.yaml worth storing: anything but blank (LiteLLM would start with no models). */
export function isStorableConfig(yaml: string): boolean {
  return yaml.trim() !== "";
}

/** Hex SHA-256 of the rendered config.yaml. */
export function configSha256(yaml: string): string {
  return createHash("sha256").update(yaml, "utf8").digest("hex");
}

/**
 * The object key of a rendered config: it contains the content's hash, so a catalog change is a
 * new key, hence a new task definition, hence a rolling deployment. An unchanged catalog keeps the
 * key and rolls nothing.
 * @example configObjectKey("model_list: []\n") === "config/<64 hex>.yaml"
 */
export function configObjectKey(yaml: string): string {
  return `${CONFIG_OBJECT_PREFIX}${configSha256(yaml)}.yaml`;
}
