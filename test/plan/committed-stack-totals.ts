/**
 * The committed stacks' hand-computed monthly estimates, split into what the stack settings decide
 * (summed by hand below) and what the shipped catalog adds: one Secrets Manager secret per provider
 * key the stack serves. The plan tests derive the second part from config/catalog.ts, so adding a
 * model the README's way (a new key is a new secret) moves no hand-written figure.
 */
import { catalog } from "../../config/catalog";
import { catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";

/** Secrets Manager, us-east-1: $0.40 per secret per month (the AWS price page, not the price table). */
export const SECRET_USD_PER_MONTH = 0.4;
const CENTS_PER_DOLLAR = 100;

/**
 * dev before provider keys, at the traffic Pulumi.dev.yaml states (0.01 LCU, 1 GB to clients, 1 GB
 * of logs, 0.1M requests): 2.22 + 0.97 (Fargate Spot 0.25 vCPU, 1 GB: 0.25 x 730 h x $0.012144,
 * 1 x 730 h x $0.001334) + 16.43 + 0.06 + 7.30 + 0.09 (ALB, 0.01 LCU, 2 IPv4, 1 GB) + 3.65 (the
 * task's own IPv4 address: egress public-subnets, no NAT) + 11.68 + 2.30 (micro, 20 GB) + 1.20 (3
 * generated secrets; their API calls, 1 task x 30 starts x 5 secrets = 150, round to 0.00) + 0.50 + 0.01 (1 GB logs kept 7 days) + 0.90 (9 alarms) + 1.00 (the alarm
 * topic's KMS key) + 0.09 (access logs: 0.05 GB kept 30 days, 17,520 PUTs) + 0.08 (flow logs:
 * 0.15 GB ingested at $0.50, kept 30 days at $0.03) = 48.48.
 */
const DEV_BEFORE_PROVIDER_KEYS_USD = 48.48;

/**
 * prod before provider keys, at the traffic Pulumi.prod.yaml states (0.1 LCU, 10 GB through NAT and
 * to clients, 5 GB of logs, 1M requests): 14.78 + 6.49 (2 on-demand tasks x 0.25 vCPU, 1 GB) + 2.22
 * + 0.97 (1 Spot task) + 16.43 + 0.58 + 7.30 + 0.90 (ALB, 0.1 LCU, 2 IPv4, 10 GB) + 65.70 + 7.30 +
 * 0.45 (2 NAT, their IPv4, 10 GB) + 47.45 (db.t4g.small Multi-AZ) + 11.50 (its 50 GB) + 18.69 (2
 * Valkey cache.t4g.micro: 2 x 730 h x $0.0128) + 1.60 (4 generated secrets, the Redis AUTH token
 * among them; API calls, 3 tasks x 30 starts x 6 secrets = 540, round to 0.00) + 2.50 + 0.45 + 0.90 (9 alarms) + 1.00 (KMS key) + 11.60 (WAF) + 0.23 + 1.30 + 1.30
 * (access, WAF and flow logs kept 365 days) = 221.64.
 */
const PROD_BEFORE_PROVIDER_KEYS_USD = 221.64;

const BEFORE_PROVIDER_KEYS_USD: Record<"dev" | "prod", number> = { dev: DEV_BEFORE_PROVIDER_KEYS_USD, prod: PROD_BEFORE_PROVIDER_KEYS_USD };

function roundToCents(usd: number): number {
  return Math.round(usd * CENTS_PER_DOLLAR) / CENTS_PER_DOLLAR;
}

/** The provider keys the shipped catalog serves on a stack, sorted: each one a paid secret. */
export function shippedCatalogKeys(stack: string): string[] {
  return catalogSecretEnvNames(catalog, stack);
}

/** What the shipped catalog's provider keys cost on a stack per month. */
export function shippedCatalogKeysUsd(stack: string): number {
  return roundToCents(shippedCatalogKeys(stack).length * SECRET_USD_PER_MONTH);
}

/** The committed stack's monthly estimate at the default assumptions, as the plan must print it. */
export function committedStackTotalUsd(stack: "dev" | "prod"): number {
  return roundToCents(BEFORE_PROVIDER_KEYS_USD[stack] + shippedCatalogKeysUsd(stack));
}

/** The total line of the plan's terminal report for a committed stack, e.g. `total   110.01`. */
export function totalLinePattern(stack: "dev" | "prod"): RegExp {
  return new RegExp(`total +${committedStackTotalUsd(stack).toFixed(2).replace(".", "\\.")}\\b`);
}
