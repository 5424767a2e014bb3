/**
 * The task role's Bedrock permissions, derived from the exact models the stack's catalog names.
 * Pure, so the policy can be read and tested without AWS.
 *
 * AWS facts this file relies on:
 * - Converse and ConverseStream are authorized as bedrock:InvokeModel and
 *   bedrock:InvokeModelWithResponseStream (Bedrock API reference, Converse: "This operation
 *   requires permission for the bedrock:InvokeModel action"; ConverseStream likewise for
 *   InvokeModelWithResponseStream), so these two actions cover every call LiteLLM makes.
 * - Invoking a cross-Region (system-defined) inference profile needs permission on the profile in
 *   the calling Region AND on the foundation model in every destination Region the profile may
 *   route to (Bedrock user guide, "Prerequisites for inference profiles" and "Geographic
 *   cross-Region inference"); a global profile routes to any commercial Region and Bedrock checks
 *   the Region-less foundation-model ARN `arn:aws:bedrock:::foundation-model/<model>` for it.
 *   The destination lists change as AWS adds Regions, so the foundation model is granted in any
 *   Region, but only when reached through that one profile (condition key
 *   bedrock:InferenceProfileArn).
 */

/** Invoking, streaming included; nothing that lists, creates or customises models. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

/**
 * The prefixes of cross-Region (system-defined) inference profile IDs: a geography (`us.`,
 * `us-gov.`, `eu.`, `apac.`, `jp.`, `au.`) or `global.` followed by the foundation model ID
 * (Bedrock user guide, "Supported Regions and models for inference profiles"; the same set as
 * aws-cdk's CrossRegionInferenceProfileRegion). A foundation model ID starts with its provider
 * (`anthropic.`, `amazon.`, `meta.`...), never with one of these.
 */
export const CROSS_REGION_PROFILE_PREFIXES = ["us", "us-gov", "eu", "apac", "jp", "au", "global"] as const;

/** The prefix of a global profile, whose destinations include every commercial Region. */
const GLOBAL_PROFILE_PREFIX = "global";

/**
 * A Bedrock model ID or profile ID as Bedrock's runtime API takes it in `modelId`: letters,
 * digits, `.`, `-`, `_` and `:` (version suffixes such as `-v1:0`), with at least one `.`
 * between provider and model. No `/` (a LiteLLM route prefix such as `converse/` or `invoke/`)
 * and no ARN.
 */
const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*\.[a-z0-9._:-]+$/i;

/** One Bedrock deployment of the catalog: the model or profile ID and the Region LiteLLM calls. */
export interface BedrockModelReference {
  /** e.g. `"anthropic.claude-haiku-4-5-20251001-v1:0"` or `"us.anthropic.claude-sonnet-4-5-20250929-v1:0"`. */
  readonly model: string;
  /** The Region LiteLLM sends the request to (`aws_region_name`), e.g. `"us-east-1"`. */
  readonly region: string;
}

/** What one catalog model resolves to in IAM terms. */
export type BedrockInvokeTarget =
  | { readonly kind: "foundation-model"; readonly modelId: string }
  | {
      readonly kind: "inference-profile";
      readonly profileId: string;
      /** The foundation model the profile routes to (the ID without its prefix). */
      readonly modelId: string;
      readonly global: boolean;
    };

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, readonly string[]>>;
}

/**
 * Why `model` cannot be turned into exact IAM resources, in one line naming the fix; undefined
 * when it can.
 */
export function bedrockModelProblem(model: string): string | undefined {
  if (MODEL_ID_PATTERN.test(model) && (profilePrefix(model) === undefined || MODEL_ID_PATTERN.test(withoutPrefix(model)))) {
    return undefined;
  }
  return (
    `Bedrock model "${model}" cannot be turned into an exact IAM resource for the task role: only a foundation-model ID ` +
    `(e.g. "anthropic.claude-haiku-4-5-20251001-v1:0") or a cross-Region inference profile ID with a ` +
    `${CROSS_REGION_PROFILE_PREFIXES.map((prefix) => `${prefix}.`).join("/")} prefix (e.g. "us.anthropic.claude-sonnet-4-5-20250929-v1:0") is mapped; ` +
    `LiteLLM route prefixes (converse/, invoke/...) and ARNs (provisioned throughput, application inference profiles) are not. ` +
    `Use the plain model or profile ID in config/catalog.ts, or teach config/access/bedrock-permissions.ts the new form.`
  );
}

/** The cross-Region prefix `model` starts with, if any. */
function profilePrefix(model: string): (typeof CROSS_REGION_PROFILE_PREFIXES)[number] | undefined {
  const first = model.split(".")[0].toLowerCase();
  return CROSS_REGION_PROFILE_PREFIXES.find((candidate) => candidate === first);
}

function withoutPrefix(model: string): string {
  return model.slice(model.indexOf(".") + 1);
}

/** The IAM view of one catalog model. Throws the bedrockModelProblem message for one it cannot map. */
export function bedrockInvokeTarget(model: string): BedrockInvokeTarget {
  const problem = bedrockModelProblem(model);
  if (problem !== undefined) {
    throw new Error(problem);
  }
  const prefix = profilePrefix(model);
  return prefix === undefined
    ? { kind: "foundation-model", modelId: model }
    : { kind: "inference-profile", profileId: model, modelId: withoutPrefix(model), global: prefix === GLOBAL_PROFILE_PREFIX };
}

/** Every problem of the stack's Bedrock models, one line each; empty when all map. */
export function bedrockModelProblems(models: readonly BedrockModelReference[]): string[] {
  return [...new Set(models.map((reference) => bedrockModelProblem(reference.model)).filter((problem) => problem !== undefined))];
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Statements that let the gateway invoke exactly the catalog's Bedrock models:
 * - a foundation model ID: that model in the Region the catalog calls it in;
 * - a cross-Region profile ID: the profile in the calling Region, plus (one statement per profile)
 *   its foundation model in any Region, only when reached through that profile; for a global
 *   profile also the Region-less foundation-model ARN Bedrock checks for global routing.
 *
 * Returns no statement for no models: a catalog without Bedrock gets no Bedrock permission.
 * Throws (bedrockModelProblem) for a model it cannot map.
 */
export function bedrockInvokeStatements(models: readonly BedrockModelReference[], accountId: string, partition = "aws"): PolicyStatement[] {
  const problems = bedrockModelProblems(models);
  if (problems.length > 0) {
    throw new Error(problems.join("\n"));
  }
  const foundationModelArns: string[] = [];
  const profiles = new Map<string, { profileArn: string; modelArns: string[] }>();
  for (const { model, region } of models) {
    const target = bedrockInvokeTarget(model);
    if (target.kind === "foundation-model") {
      foundationModelArns.push(`arn:${partition}:bedrock:${region}::foundation-model/${target.modelId}`);
      continue;
    }
    const profileArn = `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${target.profileId}`;
    const modelArns = [
      `arn:${partition}:bedrock:*::foundation-model/${target.modelId}`,
      ...(target.global ? [`arn:${partition}:bedrock:::foundation-model/${target.modelId}`] : []),
    ];
    profiles.set(profileArn, { profileArn, modelArns });
  }
  const profileArns = sortedUnique([...profiles.keys()]);
  const statements: PolicyStatement[] = [];
  if (foundationModelArns.length > 0) {
    statements.push({
      Sid: "InvokeCatalogFoundationModels",
      Effect: "Allow",
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: sortedUnique(foundationModelArns),
    });
  }
  if (profileArns.length > 0) {
    statements.push({ Sid: "InvokeCatalogInferenceProfiles", Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: profileArns });
  }
  profileArns.forEach((profileArn, index) => {
    statements.push({
      // IAM Sids are ASCII letters and digits only: the profile is named in the condition.
      Sid: `InvokeModelBehindCatalogProfile${index + 1}`,
      Effect: "Allow",
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: profiles.get(profileArn)?.modelArns ?? [],
      Condition: { StringEquals: { "bedrock:InferenceProfileArn": [profileArn] } },
    });
  });
  return statements;
}
