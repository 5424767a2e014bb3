/**
 * The task definition rules: no credential in a container's plain `environment` (ECS shows it to
 * anyone who can describe the task definition, and it is stored in the Pulumi state as plain text),
 * provider keys and the gateway's own keys only as `secrets` read from Secrets Manager, and the
 * LiteLLM image pinned to a release, so a deploy runs the version that was tested.
 */
import { describeSecretValue } from "../../config/catalog/secret-value-detection";
import type { CheckedResource, ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

export const TASK_DEFINITION_TYPE = "aws:ecs/taskDefinition:TaskDefinition";

/**
 * Names that hold credentials: provider keys (OPENAI_API_KEY, the catalog's apiKeyEnv names), the
 * gateway's own keys and passwords. Not every `_KEY` (LITELLM_CONFIG_BUCKET_OBJECT_KEY is an S3 key).
 */
export const SECRET_ENV_NAME = /(?:_API_KEY|_SECRET|_SECRET_ACCESS_KEY|_TOKEN|_PASSWORD|_CREDENTIALS|^LITELLM_MASTER_KEY|^LITELLM_SALT_KEY)$/;

/**
 * The config object's name ends in the SHA-256 of its content (config/<sha256>.yaml): random-looking
 * by design, and public information, so it is taken out before looking for credentials.
 */
const CONTENT_ADDRESSED_FILE = /\b[0-9a-f]{64}\.(?:ya?ml|json)$/;

/** The LiteLLM image, from its GitHub registry or a mirror of it. */
const LITELLM_IMAGE = /(?:^|\/)litellm(?:-[a-z-]+)?(?::|@|$)/;
/** A release tag: v1.108.7, 1.108.7 or v1.108.7-stable; never latest, main or main-latest. */
const RELEASE_TAG = /^v?\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.-]+)?$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;

interface ContainerDefinition {
  readonly name?: string;
  readonly image?: string;
  readonly environment?: readonly { readonly name?: string; readonly value?: string }[];
  readonly secrets?: readonly { readonly name?: string; readonly valueFrom?: string }[];
}

/** The containers of a task definition, or none while containerDefinitions is unknown (a preview). */
function containers(resource: CheckedResource): ContainerDefinition[] {
  const definitions = resource.props.containerDefinitions;
  if (typeof definitions !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(definitions);
    return Array.isArray(parsed) ? (parsed as ContainerDefinition[]) : [];
  } catch {
    return [];
  }
}

export const taskEnvironmentHasNoSecrets: ResourceRule = (resource) => {
  if (resource.type !== TASK_DEFINITION_TYPE) return [];
  return containers(resource).flatMap((container) => {
    const where = `container "${container.name ?? "?"}"`;
    const fromEnvironment = (container.environment ?? []).flatMap(({ name = "", value = "" }) => {
      if (SECRET_ENV_NAME.test(name)) {
        return [violation(resource, `${where} sets ${name} in its plain environment`, `move ${name} to the container's secrets, with valueFrom naming a Secrets Manager secret`)];
      }
      const kind = describeSecretValue(value.replace(CONTENT_ADDRESSED_FILE, ""));
      return kind === undefined
        ? []
        : [violation(resource, `${where} sets ${name} in its plain environment to what looks like ${kind}`, `store the value in Secrets Manager and list ${name} under secrets with valueFrom; rotate it, since it is in the state`)];
    });
    const fromSecrets = (container.secrets ?? [])
      .filter(({ valueFrom }) => typeof valueFrom !== "string" || valueFrom.length === 0)
      .map(({ name = "?" }) => violation(resource, `${where} lists secret ${name} without valueFrom`, `set valueFrom to the ARN of the Secrets Manager secret holding ${name}`));
    return [...fromEnvironment, ...fromSecrets];
  });
};

export const litellmImagePinned: ResourceRule = (resource) => {
  if (resource.type !== TASK_DEFINITION_TYPE) return [];
  return containers(resource)
    .filter(({ image }) => typeof image === "string" && LITELLM_IMAGE.test(image))
    .flatMap(({ name = "?", image = "" }) => {
      if (DIGEST.test(image)) return [];
      const lastSegment = image.slice(image.lastIndexOf("/") + 1);
      const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
      if (tag !== undefined && RELEASE_TAG.test(tag)) return [];
      return [
        violation(
          resource,
          `container "${name}" runs ${image}, ${tag === undefined ? "with no tag (latest)" : `whose tag ${tag} moves`}: a deploy would run whatever was pushed last`,
          "pin a LiteLLM release, e.g. ghcr.io/berriai/litellm:v1.108.7, or an image digest (@sha256:...)",
        ),
      ];
    });
};
