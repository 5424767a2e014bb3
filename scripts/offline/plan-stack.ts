/**
 * The offline plan of one stack: runs the real index.ts under the mock cloud, then describes what
 * `pulumi up` would create, writes the rendered config.yaml, lists the secrets to provide and
 * prices the stack. One plan per process (the mocks are process-global).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { AWS_FIELD_RULES } from "../../config/aws-rules/aws-field-rules";
import { checkAwsFields, formatFieldViolation } from "../../config/aws-rules/check-aws-fields";
import { HOURS_PER_MONTH, PRICES_AS_OF, PRICES_SOURCE, pricesForRegion } from "../../config/cost/aws-prices";
import { billOfMaterials, costEstimateExclusions, generatedSecretNames } from "../../config/cost/bill-of-materials";
import { costAlternatives } from "../../config/cost/cost-alternatives";
import { estimateMonthlyCost } from "../../config/cost/cost-model";
import type { UsageAssumptions } from "../../config/cost/cost-model";
import { usageForTraffic } from "../../config/cost/usage-for-traffic";
import { placeholderDomainSettings } from "../../config/settings/ingress-tls";
import { CONFIG_NAMESPACE } from "../../config/settings/stack-settings";
import { resourcesByComponent } from "../../offline/plan-resources";
import { AWS_REGION_KEY, REPO_ROOT, runStack, stackFilePath } from "../../offline/run-stack-offline";
import type { StackRun } from "../../offline/run-stack-offline";
import { databaseIdentity } from "./plan-replacements";
import type { PlanReport } from "./plan-report";
import { operatorSecrets } from "./plan-secrets";

export interface PlanOptions {
  /** @example "dev" */
  readonly stack: string;
  /** A stack file to read instead of Pulumi.<stack>.yaml. */
  readonly stackFile?: string;
  /** Config on top of the stack file, as runStack takes it (`desiredCount: "2"`). @default {} */
  readonly extraConfig?: Record<string, string>;
  /** Overrides of the usage assumptions, over what the stack file states (expectedTraffic). @default {} */
  readonly usage?: Partial<UsageAssumptions>;
  /** config.yaml goes to `<outDir>/<stack>/config.yaml`. @default "<repo>/out" */
  readonly outDir?: string;
  /** Put the rendered config.yaml itself in the report. @default false */
  readonly includeConfig?: boolean;
}

/** A plan that cannot be made as asked: the message says what to change. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

const CONFIG_OBJECT_TYPE = "aws:s3/bucketObjectv2:BucketObjectv2";

function renderedConfig(run: StackRun): string {
  const objects = run.resources.filter((resource) => resource.type === CONFIG_OBJECT_TYPE);
  const content: unknown = objects[0]?.inputs.content;
  if (objects.length !== 1 || typeof content !== "string") {
    throw new PlanError(`Expected one config.yaml object (${CONFIG_OBJECT_TYPE}) with content; found ${objects.length}.`);
  }
  return content;
}

/** Written next to the target, then renamed: a reader never sees half a file. */
function writeConfig(outDir: string, stack: string, yaml: string): string {
  const file = path.join(outDir, stack, "config.yaml");
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, yaml, "utf8");
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return file;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Plans `options.stack`. Rejects with the program's own StackSettingsError or
 * CatalogValidationError for a wrong setting or catalog, StackFileNotFoundError for an unknown
 * stack, and PlanError when the stack cannot be priced (region or instance class not in the table).
 */
export async function planStack(options: PlanOptions): Promise<PlanReport> {
  stackFilePath(options.stack, options.stackFile);
  const run = await runStack(options.stack, options.extraConfig ?? {}, options.stackFile === undefined ? {} : { stackFile: options.stackFile });
  return describeRun(run, options);
}

/**
 * The plan of a finished program run (runStack of `options.stack`, here or in a child): tests use it
 * to check the plan and the registrations of one run against each other.
 */
export async function describeRun(run: StackRun, options: Omit<PlanOptions, "extraConfig" | "stackFile">): Promise<PlanReport> {
  const { stack } = options;
  // Loaded after the run: the program has validated both, and reports their errors as pulumi up would.
  const { settingsFromConfig } = await import("../../config/settings/load-stack-settings");
  const { catalog } = await import("../../config/catalog");
  const settings = settingsFromConfig(run.config);

  const region = run.config[AWS_REGION_KEY];
  if (region === undefined) {
    throw new PlanError(`aws:region is not set for stack "${stack}"; the estimate needs it. Set it: pulumi config set --stack ${stack} aws:region us-east-1`);
  }
  // The stack file's stated traffic, then the flags: what the program's own estimate output uses, and what the user asked.
  const usage: UsageAssumptions = { ...usageForTraffic(settings.expectedTraffic), ...options.usage };
  let estimate;
  let alternatives;
  try {
    const bill = billOfMaterials(settings, catalog, stack);
    const prices = pricesForRegion(region);
    estimate = estimateMonthlyCost(bill, usage, prices);
    alternatives = costAlternatives(bill, usage, prices);
  } catch (error) {
    throw new PlanError((error as Error).message);
  }

  const yaml = renderedConfig(run);
  const configPath = writeConfig(options.outDir ?? path.join(REPO_ROOT, "out"), stack, yaml);
  const providerKeyArns = (run.outputs.providerKeySecretArns ?? {}) as Record<string, unknown>;
  const secrets = operatorSecrets({
    stack,
    providerKeyNames: Object.keys(providerKeyArns),
    // From the config, not the output: with providerKeysRevision set the output is empty, yet
    // those keys are still not in the stack config.
    providerKeysWithoutConfigValue: Object.keys(providerKeyArns).filter((name) => run.config[`${CONFIG_NAMESPACE}:${name}`] === undefined),
    placeholderSettings: placeholderDomainSettings(settings.ingress.tls, stack),
    generatedSecretNames: generatedSecretNames(settings),
  });
  const components = resourcesByComponent(run.resources);
  const fieldCheck = checkAwsFields(run.resources);
  const refused = [...fieldCheck.violations.map(formatFieldViolation), ...fieldCheck.uncoveredTypes.map((type) => `${type}: no row in config/aws-rules/aws-field-rules.ts; add the rules AWS documents for its names, or list it as sending none`)];
  if (refused.length > 0) {
    throw new PlanError(`AWS would refuse ${refused.length} value${refused.length === 1 ? "" : "s"} this stack sends (\`pulumi up\` would fail part-way):\n${refused.map((line) => `  - ${line}`).join("\n")}`);
  }

  return {
    stack,
    region,
    resources: components,
    resourceCount: components.reduce((count, component) => count + component.resources.length, 0),
    configPath,
    ...(options.includeConfig === true ? { config: yaml } : {}),
    models: stringList(run.outputs.models),
    secrets: secrets.providerKeys,
    generatedSecrets: secrets.generated,
    settingsToSet: secrets.settings,
    cost: {
      currency: "USD",
      hoursPerMonth: HOURS_PER_MONTH,
      lines: estimate.lines,
      totalMonthlyUsd: estimate.totalMonthlyUsd,
      assumptions: usage,
      exclusions: costEstimateExclusions(settings),
      alternatives,
      pricesAsOf: PRICES_AS_OF,
      pricesSource: PRICES_SOURCE,
    },
    warnings: [...run.warnings],
    awsFieldRules: { checkedValues: fieldCheck.checkedValues, rules: AWS_FIELD_RULES.length },
    findings: [],
    databaseIdentity: databaseIdentity(run.resources),
  };
}
