/**
 * The gateway's policies as @pulumi/policy wants them, each wrapping a pure rule of rules/ (which
 * the tests also call through these wrappers, without the Pulumi CLI). Every policy is mandatory:
 * a violation stops `pulumi preview` and `pulumi up`; a team lowers one in its pack config
 * (`--policy-pack-config`, README "Policy pack").
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { alarmHasAction } from "./rules/alarms";
import type { CheckedResource, ResourceRule, RuleContext, StackRule } from "./rules/checked-resource";
import { databaseBackupsKept, databaseDeletionGuarded, databaseEncryptedAndPrivate, databaseForcesSsl } from "./rules/database";
import { worldIngressOnlyToLoadBalancerWeb } from "./rules/ingress";
import { internetListenersUseTls } from "./rules/listeners";
import { logGroupHasRetention } from "./rules/log-groups";
import { saltKeyProtected } from "./rules/salt-key";
import { litellmImagePinned, taskEnvironmentHasNoSecrets } from "./rules/task-definition";

export const POLICY_PACK_NAME = "litellm-gateway";

/** The config of the policies whose rule is stricter in production; `production` defaults to false. */
const PRODUCTION_SCHEMA = { properties: { production: { type: "boolean" as const, default: false } } };

interface PolicyConfig {
  readonly production?: boolean;
}

function context(config: PolicyConfig): RuleContext {
  return { production: config.production === true };
}

function checked(resource: Pick<PolicyResource, "type" | "name" | "props" | "urn" | "opts"> & { readonly dependencies?: readonly PolicyResource[] }): CheckedResource {
  return { type: resource.type, name: resource.name, props: resource.props, protect: resource.opts.protect, urn: resource.urn, dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn) };
}

function resourcePolicy(name: string, description: string, rule: ResourceRule, productionScoped = false): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    ...(productionScoped ? { configSchema: PRODUCTION_SCHEMA } : {}),
    validateResource: (args, reportViolation) => {
      for (const message of rule(checked(args), context(args.getConfig<PolicyConfig>()))) reportViolation(message);
    },
  };
}

function stackPolicy(name: string, description: string, rule: StackRule, productionScoped = false): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    ...(productionScoped ? { configSchema: PRODUCTION_SCHEMA } : {}),
    validateStack: (args, reportViolation) => {
      for (const { resource, message } of rule(args.resources.map(checked), context(args.getConfig<PolicyConfig>()))) reportViolation(message, resource.urn);
    },
  };
}

/** Every policy of the pack, in the README's order. */
export const GATEWAY_POLICIES: readonly (ResourceValidationPolicy | StackValidationPolicy)[] = [
  resourcePolicy("litellm-database-encrypted-private", "The RDS instance is encrypted at rest and not publicly accessible.", databaseEncryptedAndPrivate),
  resourcePolicy("litellm-database-force-ssl", "PostgreSQL parameter groups set rds.force_ssl=1, so no client connects without TLS.", databaseForcesSsl),
  resourcePolicy("litellm-database-backups", "The RDS instance keeps automated backups: 1 day or more, 7 or more in production.", databaseBackupsKept, true),
  resourcePolicy("litellm-database-deletion-guard", "In production the RDS instance has deletion protection and takes a final snapshot.", databaseDeletionGuarded, true),
  resourcePolicy("litellm-task-no-plain-secrets", "No credential in a container's plain environment; keys only as ECS secrets with valueFrom.", taskEnvironmentHasNoSecrets),
  resourcePolicy("litellm-image-pinned", "The LiteLLM image is pinned to a release tag or a digest, never latest or main.", litellmImagePinned),
  stackPolicy("litellm-listener-tls", "In production every listener of an internet-facing load balancer is HTTPS, or HTTP that only redirects or answers.", internetListenersUseTls, true),
  stackPolicy("litellm-world-ingress", "0.0.0.0/0 and ::/0 reach only the load balancer's 80 and 443.", worldIngressOnlyToLoadBalancerWeb),
  resourcePolicy("litellm-log-retention", "Every CloudWatch log group sets retentionInDays.", logGroupHasRetention),
  resourcePolicy("litellm-salt-key-protected", "The LiteLLM salt key (its secret, value and generated password) is protected from deletion.", saltKeyProtected),
  resourcePolicy("litellm-alarm-actions", "Every CloudWatch alarm notifies at least one alarm action.", alarmHasAction),
];
