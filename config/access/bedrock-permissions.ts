/**
 * The task role's Bedrock permissions, derived from the regions the catalog calls Bedrock in.
 * Pure, so the policy can be read and tested without AWS.
 */

/** Invoking, streaming included; nothing that lists, creates or customises models. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, readonly string[]>>;
}

/**
 * Statements that let the gateway invoke Bedrock in `regions` and nowhere else:
 * - foundation models and this account's inference profiles in those regions;
 * - foundation models in any region, but only when reached THROUGH one of those inference profiles.
 *   A cross-region profile (`us.anthropic...`) called in us-east-1 runs the model in whichever US
 *   region has capacity, and Bedrock checks the foundation-model permission in that region too;
 *   without this statement such calls fail with AccessDenied whenever AWS routes them away.
 *
 * Returns no statement for no regions: a catalog without Bedrock gets no Bedrock permission.
 */
export function bedrockInvokeStatements(regions: readonly string[], accountId: string, partition = "aws"): PolicyStatement[] {
  if (regions.length === 0) {
    return [];
  }
  const profileArns = regions.map((region) => `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/*`);
  return [
    {
      Sid: "InvokeBedrockInCatalogRegions",
      Effect: "Allow",
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: [...regions.map((region) => `arn:${partition}:bedrock:${region}::foundation-model/*`), ...profileArns],
    },
    {
      Sid: "InvokeBedrockThroughCatalogInferenceProfiles",
      Effect: "Allow",
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: [`arn:${partition}:bedrock:*::foundation-model/*`],
      Condition: { StringLike: { "bedrock:InferenceProfileArn": profileArns } },
    },
  ];
}
