/**
 * The offline plan's document (`npm run plan -- --json` prints it as is) and its terminal
 * rendering. Pure: the plan script fills it from a mocked program run.
 */
import type { CostAlternative } from "../../config/cost/cost-alternatives";
import type { CostLine, UsageAssumptions } from "../../config/cost/cost-model";
import type { PlanComponent, PlanValue } from "../../offline/plan-resources";
import type { ReplacementWarning, ResourceIdentity } from "./plan-replacements";
import type { ProviderKeySecret, SettingToSet } from "./plan-secrets";
import { WRAP_COLUMNS, wrapCommand, wrapCommandChain, wrapLine } from "./wrap-text";

export interface PlanCost {
  readonly currency: "USD";
  readonly hoursPerMonth: number;
  readonly lines: readonly CostLine[];
  /** The sum of the lines, as printed. */
  readonly totalMonthlyUsd: number;
  readonly assumptions: UsageAssumptions;
  /** What the estimate leaves out, in words. */
  readonly exclusions: readonly string[];
  /**
   * The stack's total with one choice changed (another egress mode...), at the same assumptions.
   * Absent in a plan made before alternatives existed (an older --baseline file).
   */
  readonly alternatives?: readonly CostAlternative[];
  readonly pricesAsOf: string;
  readonly pricesSource: string;
}

export interface PlanReport {
  readonly stack: string;
  readonly region: string;
  /** Resources `pulumi up` would create, grouped by the component that owns them. */
  readonly resources: readonly PlanComponent[];
  readonly resourceCount: number;
  /** Where the rendered config.yaml was written. */
  readonly configPath: string;
  /** The rendered config.yaml itself, with --show-config. */
  readonly config?: string;
  /** The model names the stack serves. */
  readonly models: readonly string[];
  /** Provider keys to provide: exactly the catalog's secret names for this stack. */
  readonly secrets: readonly ProviderKeySecret[];
  /** Secrets generated at `pulumi up`; nothing to set. */
  readonly generatedSecrets: readonly string[];
  /** Settings the operator should set (the program warns without them). */
  readonly settingsToSet: readonly SettingToSet[];
  readonly cost: PlanCost;
  /** What the program logged with pulumi.log.warn. */
  readonly warnings: readonly string[];
  /**
   * Every name, description, identifier and tag held to the rule AWS documents for it
   * (config/aws-rules): a plan with a violation fails instead, so a printed plan has none.
   */
  readonly awsFieldRules: { readonly checkedValues: number; readonly rules: number };
  /** Policy pack findings; there is no policy pack yet, so always empty. */
  readonly findings: readonly never[];
  /** The database instance and its groups: URNs and force-new inputs, for a later --baseline comparison. */
  readonly databaseIdentity: readonly ResourceIdentity[];
  /**
   * With --baseline: what this plan would replace or delete compared with the baseline plan
   * (empty: nothing). Absent without --baseline, or when the baseline predates databaseIdentity.
   */
  readonly replacementWarnings?: readonly ReplacementWarning[];
}

/** The usage assumptions, the flag that overrides each, and what it means. */
export const ASSUMPTION_FLAGS: readonly { readonly key: keyof UsageAssumptions; readonly flag: string; readonly meaning: string }[] = [
  { key: "albAverageLcu", flag: "lcu", meaning: "average load balancer capacity units (1 LCU ~ 25 new connections/s or 1 GB/h)" },
  { key: "natProcessedGbPerMonth", flag: "nat-gb", meaning: "GB/month through NAT to the providers (prompts out, completions back)" },
  { key: "internetEgressGbPerMonth", flag: "egress-gb", meaning: "GB/month of responses to clients over the internet" },
  { key: "logIngestGbPerMonth", flag: "log-gb", meaning: "GB/month of container logs into CloudWatch" },
  { key: "requestsMillionsPerMonth", flag: "requests-millions", meaning: "million requests/month through the gateway (the WAF bills per request inspected; access, WAF and flow log volumes follow from it)" },
];

const INDENT = "  ";
/** Nesting levels: section > group > entry > detail. */
const ENTRY = INDENT.repeat(2);
const DETAIL = `${ENTRY}${INDENT}`;
const AMOUNT_WIDTH = 9;

function formatValue(value: PlanValue): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** `key: value` pairs joined with two spaces, wrapped at WRAP_COLUMNS (a long value on lines of its own). */
function propertyLines(properties: Readonly<Record<string, PlanValue>>, indent: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const [key, value] of Object.entries(properties)) {
    const pair = `${key}: ${formatValue(value)}`;
    if (current !== "" && indent.length + current.length + 2 + pair.length > WRAP_COLUMNS) {
      lines.push(`${indent}${current}`);
      current = pair;
    } else {
      current = current === "" ? pair : `${current}  ${pair}`;
    }
  }
  if (current !== "") {
    lines.push(`${indent}${current}`);
  }
  return lines.flatMap((line) => wrapLine(line));
}

/** Prose lines wrapped at WRAP_COLUMNS; never the config.yaml, whose lines must stay as they are. */
function wrapped(lines: readonly string[]): string[] {
  return lines.flatMap((line) => wrapLine(line));
}

function usd(amount: number): string {
  return amount.toFixed(2).padStart(AMOUNT_WIDTH);
}

function resourcesSection(report: PlanReport): string[] {
  const lines = [
    `Resources \`pulumi up\` would create: ${report.resourceCount}`,
    // Short enough for one line in a 100-column terminal.
    `${INDENT}Names, descriptions, identifiers and tags: ${report.awsFieldRules.checkedValues} checked against ${report.awsFieldRules.rules} documented rules; all valid`,
  ];
  for (const component of report.resources) {
    lines.push("", `${INDENT}${component.name} (${component.type})`);
    for (const resource of component.resources) {
      lines.push(`${ENTRY}+ ${resource.type}  ${resource.name}`);
      lines.push(...propertyLines(resource.properties, DETAIL));
    }
  }
  return wrapped(lines);
}

function configSection(report: PlanReport): string[] {
  const lines = wrapped([`config.yaml (uploaded to the config bucket; serves ${report.models.join(", ")})`]);
  if (report.config === undefined) {
    lines.push(...wrapped([`${INDENT}written to ${report.configPath}  (print it with --show-config)`]));
  } else {
    lines.push(`${INDENT}written to ${report.configPath}:`, "", ...report.config.trimEnd().split("\n").map((line) => `${ENTRY}${line}`));
  }
  return lines;
}

function secretsSection(report: PlanReport): string[] {
  const lines = ["Secrets and settings to provide before the first `pulumi up`"];
  if (report.secrets.length === 0) {
    lines.push(`${INDENT}Provider keys: none (the catalog references no key on this stack).`);
  } else {
    lines.push(`${INDENT}Provider keys (each becomes a Secrets Manager secret; tasks cannot start while one is empty):`);
    for (const secret of report.secrets) {
      // Each command on lines of its own, broken only where the shell allows: it runs when copied.
      lines.push(
        `${ENTRY}${secret.name}: ${secret.setInStackConfig ? "already set in the stack config" : "NOT SET"}`,
        `${DETAIL}before deploying (prompts for the value):`,
        ...wrapCommand(secret.beforeDeploy, `${DETAIL}${INDENT}`),
        `${DETAIL}or after deploying:`,
        ...wrapCommandChain(secret.afterDeploy, `${DETAIL}${INDENT}`),
      );
    }
  }
  lines.push(...wrapLine(`${INDENT}Generated at deploy, nothing to do: ${report.generatedSecrets.join(", ")}`));
  for (const setting of report.settingsToSet) {
    // The reason's continuation sits deeper than the command under it, so the command stands out.
    lines.push(...wrapLine(`${INDENT}${setting.name}: SET BEFORE DEPLOYING; ${setting.reason}`, WRAP_COLUMNS, DETAIL), ...wrapCommand(setting.command, ENTRY));
  }
  return lines;
}

function costSection(report: PlanReport): string[] {
  const { cost } = report;
  const componentWidth = Math.max(...cost.lines.map((line) => line.component.length));
  const itemWidth = Math.max(...cost.lines.map((line) => line.item.length));
  const labelWidth = componentWidth + 2 + itemWidth;
  const lines = wrapped([
    `Monthly cost estimate for ${report.region} (${cost.currency}, ${cost.hoursPerMonth} h/month; list prices as of ${cost.pricesAsOf})`,
  ]);
  for (const line of cost.lines) {
    const label = `${line.component.padEnd(componentWidth)}  ${line.item.padEnd(itemWidth)}`;
    const head = `${INDENT}${label} ${usd(line.monthlyUsd)}${line.estimated ? "*" : " "}  `;
    // The basis wraps in its own column, under itself.
    lines.push(...wrapLine(`${head}${line.basis}`, WRAP_COLUMNS, " ".repeat(head.length)));
  }
  lines.push(`${INDENT}${"total".padEnd(labelWidth)} ${usd(cost.totalMonthlyUsd)}`);
  if (cost.lines.some((line) => line.estimated)) {
    lines.push(`${INDENT}* price from a secondary source: an estimate`);
  }
  lines.push(...wrapLine(`${INDENT}Prices: ${cost.pricesSource}`), `${INDENT}Assumptions (override with the flag):`);
  const flags = ASSUMPTION_FLAGS.map((assumption) => `--${assumption.flag} ${cost.assumptions[assumption.key]}`);
  const flagWidth = Math.max(...flags.map((flag) => flag.length));
  ASSUMPTION_FLAGS.forEach((assumption, index) => {
    const head = `${ENTRY}${flags[index].padEnd(flagWidth)}  `;
    lines.push(...wrapLine(`${head}${assumption.meaning}`, WRAP_COLUMNS, " ".repeat(head.length)));
  });
  lines.push(...wrapped(alternativeLines(cost.alternatives ?? [])));
  lines.push(`${INDENT}Not included:`, ...wrapped(cost.exclusions.map((exclusion) => `${ENTRY}- ${exclusion}`)));
  return lines;
}

/** `+12.34` or `-12.34`: what the alternative adds to or saves on the total. */
function signedUsd(amount: number): string {
  return `${amount >= 0 ? "+" : "-"}${Math.abs(amount).toFixed(2)}`.padStart(AMOUNT_WIDTH);
}

function alternativeLines(alternatives: readonly CostAlternative[]): string[] {
  if (alternatives.length === 0) {
    return [];
  }
  const labelWidth = Math.max(...alternatives.map((alternative) => alternative.label.length));
  return [
    `${INDENT}Alternatives (the monthly total with one choice changed, same assumptions):`,
    ...alternatives.map(
      (alternative) => `${ENTRY}${alternative.label.padEnd(labelWidth)} ${usd(alternative.monthlyUsd)} ${signedUsd(alternative.deltaUsd)}  ${alternative.note}`,
    ),
  ];
}

/** Printed first: the one thing in a plan that must not be missed. */
function replacementSection(report: PlanReport): string[] {
  const warnings = report.replacementWarnings ?? [];
  if (warnings.length === 0) {
    return [];
  }
  return wrapped([
    `!!! WARNING: this change would replace or delete ${warnings.length} database resource${warnings.length === 1 ? "" : "s"} of the baseline plan !!!`,
    ...warnings.map((warning) => `${INDENT}- ${warning.message}`),
  ]);
}

function warningsSection(report: PlanReport): string[] {
  if (report.warnings.length === 0) {
    return [];
  }
  return wrapped([`Warnings from the program (${report.warnings.length})`, ...report.warnings.map((warning) => `${INDENT}- ${warning}`)]);
}

/** The plan as a terminal reads it: resources, config, secrets, cost, warnings. */
export function formatPlanReport(report: PlanReport): string {
  const sections = [
    wrapped([`Offline plan of stack "${report.stack}" (${report.region}): the real program under mocks; nothing was sent to AWS.`]),
    replacementSection(report),
    resourcesSection(report),
    configSection(report),
    secretsSection(report),
    costSection(report),
    warningsSection(report),
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join("\n")).join("\n\n")}\n`;
}
