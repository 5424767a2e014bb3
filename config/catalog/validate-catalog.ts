/**
 * The whole-catalog checks. Every problem is collected and reported together, each with its
 * path and its fix, before anything is rendered or written.
 */
import { isServedOn } from "./catalog-for-stack";
import { aliasPath, deploymentPath } from "./catalog-paths";
import type { Catalog } from "./catalog-types";
import { ROUTING_STRATEGIES } from "./catalog-types";
import type { CatalogProblem } from "./catalog-validation-error";
import { CatalogValidationError } from "./catalog-validation-error";
import { describeSecretValue } from "./secret-value-detection";
import { shownName, shownText, shownValue } from "./shown-value";
import { checkPositiveNumber, checkWithinRequestTimeout, validateDeployment } from "./validate-deployment";
import type { AliasUniverse } from "./validate-fallbacks";
import { aliasUniverse, checkAliasList, checkFallbackCycles, FALLBACK_KINDS } from "./validate-fallbacks";
import { validateNoSecretValues } from "./validate-no-secrets";

export interface ValidateCatalogOptions {
  /**
   * Check the catalog as this stack serves it: fallbacks must name aliases served on it, and it
   * must serve at least one alias. Without it, only the checks that hold on every stack run.
   */
  readonly stack?: string;
}

/** Client-facing names: no spaces, no `*` (LiteLLM treats it as a wildcard route). */
const ALIAS_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const USAGE_BASED_STRATEGIES: readonly string[] = ["usage-based-routing", "usage-based-routing-v2"];

const CATALOG_FIELDS: readonly string[] = ["aliases", "defaultFallbacks", "routing"];
const ALIAS_FIELDS: readonly string[] = ["deployments", ...FALLBACK_KINDS, "stacks"];
const ROUTING_FIELDS: readonly string[] = [
  "strategy",
  "numRetries",
  "timeoutSeconds",
  "allowedFails",
  "cooldownSeconds",
  "enablePreCallChecks",
];

/** Examples quoted in fixes. */
const EXAMPLE_TIMEOUT_SECONDS = 600;
const EXAMPLE_COOLDOWN_SECONDS = 30;
const EXAMPLE_RETRIES = 2;
const EXAMPLE_ALIAS_NAME = "claude-sonnet";

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownFields(record: UnknownRecord, allowed: readonly string[], path: string): CatalogProblem[] {
  return Object.keys(record)
    .filter((field) => !allowed.includes(field))
    .map((field) => ({
      path: path === "" ? shownName(field) : `${path}.${shownName(field)}`,
      message: `${shownText(field)} is not a catalog setting here (LiteLLM would silently ignore a misspelt key).`,
      fix: `remove it, or use one of: ${allowed.join(", ")}.`,
    }));
}

function checkNonNegativeInteger(value: unknown, path: string, example: number): CatalogProblem[] {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
    return [];
  }
  return [{ path, message: `${shownValue(value)} is not a whole number of 0 or more.`, fix: `write e.g. ${example}.` }];
}

function validateRouting(routing: unknown): CatalogProblem[] {
  if (routing === undefined) {
    return [];
  }
  if (!isRecord(routing)) {
    return [{ path: "routing", message: "must be an object.", fix: `write e.g. { strategy: "simple-shuffle" }.` }];
  }
  const problems = unknownFields(routing, ROUTING_FIELDS, "routing");
  if (routing.strategy !== undefined && !(ROUTING_STRATEGIES as readonly unknown[]).includes(routing.strategy)) {
    problems.push({
      path: "routing.strategy",
      message: `${shownValue(routing.strategy)} is not one of LiteLLM's routing strategies.`,
      fix: `use one of: ${ROUTING_STRATEGIES.join(", ")} (LiteLLM's production guide recommends "simple-shuffle").`,
    });
  }
  if (routing.numRetries !== undefined) {
    problems.push(...checkNonNegativeInteger(routing.numRetries, "routing.numRetries", EXAMPLE_RETRIES));
  }
  if (routing.allowedFails !== undefined) {
    problems.push(...checkNonNegativeInteger(routing.allowedFails, "routing.allowedFails", EXAMPLE_RETRIES));
  }
  if (routing.timeoutSeconds !== undefined) {
    problems.push(...checkPositiveNumber(routing.timeoutSeconds, "routing.timeoutSeconds", false, EXAMPLE_TIMEOUT_SECONDS));
    problems.push(...checkWithinRequestTimeout(routing.timeoutSeconds, "routing.timeoutSeconds"));
  }
  if (routing.cooldownSeconds !== undefined) {
    problems.push(...checkPositiveNumber(routing.cooldownSeconds, "routing.cooldownSeconds", false, EXAMPLE_COOLDOWN_SECONDS));
  }
  if (routing.enablePreCallChecks !== undefined && typeof routing.enablePreCallChecks !== "boolean") {
    problems.push({ path: "routing.enablePreCallChecks", message: "must be true or false.", fix: "write true or false." });
  }
  return problems;
}

/** A usable spelling of a bad alias name; never one derived from a name that looks like a key. */
function suggestedAliasName(name: string): string {
  const usable = name.replace(/[^A-Za-z0-9._:/-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return usable === "" || describeSecretValue(name) !== undefined ? EXAMPLE_ALIAS_NAME : usable;
}

function validateAliasNames(names: readonly string[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    if (!ALIAS_NAME_PATTERN.test(name)) {
      problems.push({
        path: aliasPath(name),
        message: `${shownText(name)} is not a usable model name (letters, digits and . _ : / - only, starting with a letter or digit; no spaces or *).`,
        fix: `rename it, e.g. ${shownText(suggestedAliasName(name))}.`,
      });
    }
    const lower = name.toLowerCase();
    const clash = byLowerCase.get(lower);
    if (clash !== undefined) {
      problems.push({
        path: aliasPath(name),
        message: `${shownText(name)} and ${shownText(clash)} differ only by case; clients would get one or the other depending on spelling.`,
        fix: `keep one of them, or rename one so the names differ by more than case.`,
      });
    }
    byLowerCase.set(lower, name);
  }
  return problems;
}

function validateStacks(stacks: unknown, path: string): CatalogProblem[] {
  if (stacks === undefined) {
    return [];
  }
  const valid = Array.isArray(stacks) && stacks.length > 0 && stacks.every((stack) => typeof stack === "string" && stack !== "");
  return valid
    ? []
    : [{ path, message: "must be a non-empty list of Pulumi stack names.", fix: `write e.g. ["prod"], or remove it to serve the alias on every stack.` }];
}

/** The same provider route at the same endpoint twice in one alias only skews load balancing. */
function deploymentIdentity(deployment: UnknownRecord): string {
  const { provider, model, deployment: azureDeployment, apiBase, region, project, location } = deployment;
  // Only strings identify: anything else is reported by validateDeployment (and a bigint or a cyclic object would break JSON).
  const parts = [provider, model ?? azureDeployment, apiBase, region, project, location];
  return JSON.stringify(parts.map((part) => (typeof part === "string" ? part : [typeof part])));
}

function validateDeployments(alias: string, deployments: unknown): CatalogProblem[] {
  const path = `${aliasPath(alias)}.deployments`;
  if (!Array.isArray(deployments) || deployments.length === 0) {
    return [
      {
        path,
        message: "an alias needs at least one deployment.",
        fix: `write e.g. deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }].`,
      },
    ];
  }
  const problems: CatalogProblem[] = [];
  const seen = new Map<string, number>();
  deployments.forEach((deployment, index) => {
    problems.push(...validateDeployment(deployment, deploymentPath(alias, index)));
    if (!isRecord(deployment)) {
      return;
    }
    const identity = deploymentIdentity(deployment);
    const first = seen.get(identity);
    if (first !== undefined) {
      problems.push({
        path: deploymentPath(alias, index),
        message: `duplicates deployments[${first}] (same provider, model and endpoint); it would double that deployment's share of traffic.`,
        fix: `remove it and set weight on deployments[${first}] instead, e.g. weight: 2.`,
      });
    } else {
      seen.set(identity, index);
    }
  });
  return problems;
}

function servedDeployments(aliases: UnknownRecord, served: readonly string[]): { path: string; deployment: UnknownRecord }[] {
  return served.flatMap((alias) => {
    const definition = aliases[alias];
    const deployments = isRecord(definition) && Array.isArray(definition.deployments) ? definition.deployments : [];
    return deployments.flatMap((deployment, index) =>
      isRecord(deployment) ? [{ path: deploymentPath(alias, index), deployment }] : [],
    );
  });
}

function validateRoutingNeeds(routing: unknown, aliases: UnknownRecord, served: readonly string[]): CatalogProblem[] {
  const settings = isRecord(routing) ? routing : {};
  const problems: CatalogProblem[] = [];
  const deployments = servedDeployments(aliases, served);
  if (typeof settings.strategy === "string" && USAGE_BASED_STRATEGIES.includes(settings.strategy)) {
    for (const { path, deployment } of deployments) {
      if (deployment.rpm === undefined && deployment.tpm === undefined) {
        problems.push({
          path,
          message: `routing.strategy "${settings.strategy}" routes by each deployment's rpm/tpm limits, and this deployment has neither.`,
          fix: `add the provider's limits, e.g. rpm: 500, tpm: 200000, or use routing.strategy "simple-shuffle".`,
        });
      }
    }
  }
  if (settings.enablePreCallChecks !== true) {
    for (const { path, deployment } of deployments) {
      if (deployment.order !== undefined) {
        problems.push({
          path: `${path}.order`,
          message: "order is set but routing.enablePreCallChecks is not true; LiteLLM documents order as a pre-call check.",
          fix: "set routing.enablePreCallChecks: true, or remove order (and use weight for a traffic split).",
        });
      }
    }
  }
  return problems;
}

function validateFallbacks(catalog: UnknownRecord, aliases: UnknownRecord, universe: AliasUniverse): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const kind of FALLBACK_KINDS) {
    const edges = new Map<string, readonly string[]>();
    for (const alias of universe.served) {
      const definition = aliases[alias];
      const list = isRecord(definition) ? definition[kind] : undefined;
      if (list === undefined) {
        continue;
      }
      const listProblems = checkAliasList(list, `${aliasPath(alias)}.${kind}`, universe, alias);
      problems.push(...listProblems);
      if (Array.isArray(list)) {
        edges.set(alias, list.filter((target): target is string => universe.servedSet.has(target as string)));
      }
    }
    problems.push(...checkFallbackCycles(kind, edges));
  }
  if (catalog.defaultFallbacks !== undefined) {
    problems.push(...checkAliasList(catalog.defaultFallbacks, "defaultFallbacks", universe));
  }
  return problems;
}

/** All problems with `catalog` (untyped: catalogs may come from JavaScript); empty when it is valid. */
export function validateCatalog(catalog: unknown, options: ValidateCatalogOptions = {}): CatalogProblem[] {
  if (!isRecord(catalog) || !isRecord(catalog.aliases)) {
    return [
      {
        path: isRecord(catalog) ? "aliases" : "catalog",
        message: "a catalog is an object with an `aliases` object mapping client model names to their deployments.",
        fix: `write e.g. defineCatalog({ aliases: { "gpt-4.1-mini": { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "OPENAI_API_KEY" }] } } }).`,
      },
    ];
  }
  const aliases = catalog.aliases;
  const names = Object.keys(aliases);
  const problems: CatalogProblem[] = [...unknownFields(catalog, CATALOG_FIELDS, ""), ...validateAliasNames(names)];
  if (names.length === 0) {
    problems.push({ path: "aliases", message: "the catalog defines no aliases, so the gateway would serve no model.", fix: "add at least one alias with a deployment." });
  }
  for (const name of names) {
    const definition = aliases[name];
    if (!isRecord(definition)) {
      problems.push({ path: aliasPath(name), message: "an alias must be an object with `deployments`.", fix: "write e.g. { deployments: [...] }." });
      continue;
    }
    problems.push(...unknownFields(definition, ALIAS_FIELDS, aliasPath(name)));
    problems.push(...validateDeployments(name, definition.deployments));
    problems.push(...validateStacks(definition.stacks, `${aliasPath(name)}.stacks`));
  }
  const { stack } = options;
  const served =
    stack === undefined
      ? names
      : names.filter((name) => {
          const definition = aliases[name];
          return isRecord(definition) && isServedOn({ stacks: Array.isArray(definition.stacks) ? definition.stacks : undefined }, stack);
        });
  if (stack !== undefined && names.length > 0 && served.length === 0) {
    problems.push({
      path: "aliases",
      message: `no alias is served on stack "${stack}", so its gateway would serve no model.`,
      fix: `add "${stack}" to the stacks list of at least one alias, or remove stacks from an alias to serve it everywhere.`,
    });
  }
  const universe: AliasUniverse = aliasUniverse(names, served, stack);
  problems.push(...validateFallbacks(catalog, aliases, universe));
  problems.push(...validateRouting(catalog.routing));
  problems.push(...validateRoutingNeeds(catalog.routing, aliases, served));
  problems.push(...validateNoSecretValues(catalog));
  return problems;
}

/** Throws a `CatalogValidationError` listing every problem; returns the catalog typed when there is none. */
export function assertValidCatalog(catalog: unknown, options: ValidateCatalogOptions = {}): asserts catalog is Catalog {
  const problems = validateCatalog(catalog, options);
  if (problems.length > 0) {
    throw new CatalogValidationError(problems);
  }
}
