/**
 * The per-stack settings of the `litellm-gateway:` config namespace, validated before any resource
 * is declared. Every wrong or missing setting becomes one line that names the key, what was found,
 * what is allowed and a command that sets a valid value; all lines are reported at once.
 *
 * Pure: `parseStackSettings` takes the decoded config map, so tests need no Pulumi.
 */
import { z } from "zod";

import { MAX_ADMIN_CIDRS } from "../access/client-api-paths";
import { elbLogDeliveryProblem } from "../access/log-delivery";
import { DEFAULT_MAX_REQUEST_BODY_MIB, MAX_MAX_REQUEST_BODY_MIB, MIN_MAX_REQUEST_BODY_MIB } from "../access/request-body-rules";
import {
  DEFAULT_WAF_RATE_LIMIT_PER_5_MIN,
  MAX_WAF_RATE_LIMIT_PER_5_MIN,
  MIN_WAF_RATE_LIMIT_PER_5_MIN,
} from "../access/web-acl-rules";
import { describeSecretValue } from "../catalog/secret-value-detection";
import { shownText, shownValue } from "../catalog/shown-value";
import { ENV_VAR_NAME_PATTERN } from "../litellm/env-var-name";
import { IMAGE_FORM, imageProblem } from "../litellm/image-source";
import { isAdminCidr, trustedProxyCidrs } from "./admin-plane";
import type { AdminPlaneSettings } from "./admin-plane";
import { isEmailAddress } from "./alarm-email";
import { isIpv4Cidr } from "./allowed-cidrs";
import { cidrSettingProblems } from "./cidr-settings";
import { connectionBudgetProblem } from "./connection-budget";
import { MAX_BACKUP_RETENTION_DAYS, MAX_STORAGE_GIB, MIN_BACKUP_RETENTION_DAYS, MIN_GP3_STORAGE_GIB, storageCanGrow } from "./database-storage";
import { EGRESS_MODES, productionEgressProblem, RETIRED_NAT_GATEWAYS_SETTING, retiredNatGatewaysProblem } from "./egress";
import type { EgressMode } from "./egress";
import { CREATED_DATABASE_SETTINGS, isRedisHost, isSecretArn, MAX_TCP_PORT, REQUIRED_DATABASE_SETTINGS, SECRET_ARN_FORM } from "./existing-parts";
import type { ExistingDatabaseSettings, ExistingRedisSettings } from "./existing-parts";
import { existingSubnetProblems } from "./existing-subnets";
import { EXPECTED_TRAFFIC_FIELDS, MAX_EXPECTED_TRAFFIC } from "./expected-traffic";
import type { ExpectedTraffic } from "./expected-traffic";
import { CAPACITY_MODES, capacityProblems, DEFAULT_ON_DEMAND_BASE, MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS } from "./fargate-capacity";
import type { CapacityMode } from "./fargate-capacity";
import { fargateSizeProblems } from "./fargate-sizes";
import {
  DEFAULT_GENERATED_KEY_LIMITS,
  generatedKeyLimitsProblems,
  LITELLM_DURATION_PATTERN,
  MAX_KEY_BUDGET_USD,
  MAX_KEY_RATE_PER_MINUTE,
} from "./generated-key-limits";
import type { GeneratedKeyLimits } from "./generated-key-limits";
import { ACM_CERTIFICATE_ARN_PATTERN, certificateRegion, fitsAcmDomainName, isDnsName, isInsideZone, MAX_ACM_DOMAIN_NAME_OCTETS } from "./ingress-tls";
import type { IngressTls } from "./ingress-tls";
import { DB_INSTANCE_CLASS_PATTERN } from "./instance-classes";
import { customizationProblems, toLitellmCustomization } from "./litellm-customization";
import type { LitellmCustomization, LitellmCustomizationInput } from "./litellm-customization";
import { otelEndpointProblem } from "./otel-export";
import type { OtelSettings } from "./otel-export";
import { MAX_REDIS_NODES, REDIS_NODE_TYPE_PATTERN } from "./redis-nodes";
import { redisRequirementProblem } from "./redis-requirement";
import { SECRET_ARN_PATTERN } from "./secret-arn";
import { MAX_DESIRED_COUNT, MIN_DESIRED_COUNT } from "./service-task-counts";
import { arnAccountProblem } from "./setting-arns";

/** The config namespace: the project name in Pulumi.yaml. */
export const CONFIG_NAMESPACE = "litellm-gateway";

/**
 * Upper-case keys (`OPENAI_API_KEY`) are not settings: they hold provider keys, set with
 * `pulumi config set --secret`, and are read by the secrets component, never parsed here.
 */
export const PROVIDER_KEY_CONFIG_PATTERN = ENV_VAR_NAME_PATTERN;

/** ECS's spelling (RuntimePlatform.cpuArchitecture); the one CPU-architecture type, the cost model's prices included. */
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

export interface NewVpcSettings {
  readonly kind: "new";
  readonly availabilityZones: number;
  /** How tasks reach the providers (config/settings/egress.ts): NAT per zone, one NAT, or public subnets. */
  readonly egress: EgressMode;
}

export interface ExistingVpcSettings {
  readonly kind: "existing";
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  readonly publicSubnetIds: readonly string[];
}

/** The database block of the settings, passed as it is to the Database component. */
export interface DatabaseSettings {
  /** @example "db.t4g.micro" */
  readonly instanceClass: string;
  /** Initial gp3 storage in GiB (the stack setting dbAllocatedStorageGib). */
  readonly allocatedStorageGib: number;
  /** Storage autoscaling ceiling; must exceed allocatedStorageGib. */
  readonly maxAllocatedStorageGib: number;
  /** A synchronous standby in another zone. */
  readonly multiAz: boolean;
  /**
   * The instance cannot be deleted until this is turned off; it also marks the instance, its subnet
   * group and its parameter group `protect`ed in Pulumi, so no `pulumi up` can replace them.
   */
  readonly deletionProtection: boolean;
  /**
   * When false, deleting the instance first takes a snapshot named
   * `<name>-<stack segment>-final-snapshot` (see finalSnapshotIdentifier).
   */
  readonly skipFinalSnapshot: boolean;
  /** Days of automated backups (point-in-time recovery), 1 to 35. */
  readonly backupRetentionDays: number;
  /**
   * Class, storage, Multi-AZ and engine changes apply during `pulumi up` (a reboot, or a failover
   * with Multi-AZ) rather than in the next weekly maintenance window.
   */
  readonly applyImmediately: boolean;
  /** Lets RDS move to a new PostgreSQL major when POSTGRES_MAJOR_VERSION changes; off otherwise. */
  readonly allowMajorVersionUpgrade: boolean;
}

export interface StackSettings {
  readonly network: NewVpcSettings | ExistingVpcSettings;
  readonly service: {
    /** Tasks at rest; with autoscaling, the floor it never scales below. */
    readonly desiredCount: number;
    /** Autoscaling's ceiling; equal to desiredCount means no autoscaling at all. */
    readonly maxCount: number;
    /** CPU units, 1024 = 1 vCPU. */
    readonly cpu: number;
    readonly memoryMib: number;
    readonly cpuArchitecture: CpuArchitecture;
    /** Fargate on-demand, Spot, or a base of on-demand tasks with the rest on Spot (config/settings/fargate-capacity.ts). */
    readonly capacity: CapacityMode;
    /** With capacity `mixed`: the tasks kept on-demand. */
    readonly onDemandBase: number;
    /**
     * ECS Container Insights on the cluster: per-task metrics billed as CloudWatch custom metrics
     * plus performance-log ingestion (priced by the bill of materials when on). No alarm reads them.
     * @default false
     */
    readonly containerInsights?: boolean;
  };
  /** The RDS instance the stack creates; absent with existingDatabase. */
  readonly database?: DatabaseSettings;
  readonly ingress: {
    /** HTTPS on an issued or your own certificate, or plain HTTP where the stack file allows it. */
    readonly tls: IngressTls;
    readonly allowedCidrs: readonly string[];
    /**
     * `internet-facing`: the load balancer has public addresses in the public subnets. `internal`:
     * only private addresses, in the tasks' subnets, reachable from inside the network (the VPC,
     * its peers, a VPN or Direct Connect) and never from the internet. The setting's default is
     * `internet-facing`.
     */
    readonly scheme: LoadBalancerScheme;
  };
  readonly logRetentionDays: number;
  /** LiteLLM's shared router state (ElastiCache); absent: no Redis, allowed for one LiteLLM process only. */
  readonly redis?: {
    /** @example "cache.t4g.small" */
    readonly nodeType: string;
    /** Primary plus replicas; 2 or more turns on automatic failover and Multi-AZ. */
    readonly nodes: number;
  };
  /** CloudWatch alarms and the SNS topic they notify. */
  readonly alarms: {
    readonly enabled: boolean;
    /** Subscribed to the topic when set; otherwise the topic has no subscriber until you add one. */
    readonly email?: string;
  };
  /** A WAF web ACL in front of the load balancer (config/access/web-acl-rules.ts); absent: no WAF. */
  readonly waf?: {
    /** Requests per 5 minutes from one client IP before WAF blocks it. */
    readonly rateLimitPer5Min: number;
    /** Requests with a content-length above this many MiB are blocked (config/access/request-body-rules.ts). */
    readonly maxRequestBodyMib: number;
  };
  /** Bounds and defaults of keys generated through the gateway (config/settings/generated-key-limits.ts). */
  readonly generatedKeyLimits: GeneratedKeyLimits;
  /** Monthly AWS cost (USD) above which an AWS Budgets alert reaches the alarm topic; absent: no budget. */
  readonly monthlySpendAlarmUsd?: number;
  /** The traffic the cost estimate assumes (config/cost/expected-traffic.ts); absent: the defaults. */
  readonly expectedTraffic?: ExpectedTraffic;
  /**
   * Set (or bumped) by the operator after filling, in Secrets Manager, the provider keys the stack
   * config does not hold: it declares them filled, so `pulumi up` waits for a steady service again,
   * and a new value rolls the service (its redeploy triggers), so new tasks read the keys.
   * Absent: such keys are awaiting values.
   */
  readonly providerKeysRevision?: string;
  /** Forensic logs for the day after an incident, all kept `retentionDays`. */
  readonly securityLogs: {
    /** Load balancer access logs to the stack's log bucket, and WAF logs when the stack has a WAF. */
    readonly accessLogs: boolean;
    /** Flow logs of the VPC the stack creates; always false in an existing VPC (its owner's to log). */
    readonly flowLogs: boolean;
    readonly retentionDays: number;
  };
  /**
   * The IAM policy every role the stack creates carries as its permissions boundary (the deploy
   * role of docs/iam may create roles only with it). Absent: roles without a boundary.
   */
  readonly permissionsBoundaryArn?: string;
  /** Who reaches LiteLLM's admin plane and UI, and which proxies it trusts (config/settings/admin-plane.ts). */
  readonly adminPlane: AdminPlaneSettings;
  /** The one principal besides the account root that may write config objects; absent: whoever runs Pulumi. */
  readonly configWriterArn?: string;
  /** LiteLLM's OpenTelemetry callback exports a trace per request here (config/settings/otel-export.ts); absent: no export. */
  readonly otel?: OtelSettings;
  /**
   * Custom LiteLLM settings, extra environment and extra secrets (config/settings/litellm-customization.ts);
   * absent: the rendered config and the stack's own environment only.
   */
  readonly litellm?: LitellmCustomization;
  /**
   * Bring your own master key: the Secrets Manager secret (full ARN) whose value LiteLLM takes as
   * LITELLM_MASTER_KEY. Absent: the stack generates one and stores it in a secret of its own.
   */
  readonly existingMasterKeySecretArn?: string;
  /** Where the tasks pull LiteLLM from, pinned to the release (config/litellm/image-source.ts); absent: the official ghcr.io image. */
  readonly image?: string;
  /** A Redis/Valkey the team runs, used instead of creating one (never both: `redis` is then absent). */
  readonly existingRedis?: ExistingRedisSettings;
  /** A database the team runs, used instead of creating one (never both: `database` is then absent). */
  readonly existingDatabase?: ExistingDatabaseSettings;
}

/** ELB's two schemes (CreateLoadBalancer `Scheme`). */
export const LOAD_BALANCER_SCHEMES = ["internet-facing", "internal"] as const;
export type LoadBalancerScheme = (typeof LOAD_BALANCER_SCHEMES)[number];

/** RDS subnet groups and load balancers both need subnets in at least two zones. */
const MIN_AVAILABILITY_ZONES = 2;
/** No AWS region offers more zones than this. */
const MAX_AVAILABILITY_ZONES = 6;
/** A primary and one replica in another zone: the least that survives a node or zone failure. */
const DEFAULT_REDIS_NODES = 2;
/** Defaults chosen for a small production database: room to grow fivefold without an operator. */
const DEFAULT_ALLOCATED_STORAGE_GIB = 20;
const DEFAULT_MAX_ALLOCATED_STORAGE_GIB = 100;
/** A week of point-in-time recovery. */
const DEFAULT_BACKUP_RETENTION_DAYS = 7;
/**
 * A year of forensic logs: an intrusion is often found months later, and CIS / Security Hub
 * CloudWatch.16 ask for at least 365 days of retention.
 */
const DEFAULT_SECURITY_LOG_RETENTION_DAYS = 365;
/** Enough for any timestamp or counter; only the provider state holds it (no AWS field does). */
const MAX_PROVIDER_KEYS_REVISION_LENGTH = 64;

/**
 * An IAM customer managed policy ARN: partition, empty region, 12-digit account, `policy/` then an
 * optional path and the name (IAM identifiers: names of [\w+=,.@-], paths of /-separated segments).
 */
const IAM_POLICY_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/**
 * An IAM role or user ARN, as aws:PrincipalArn carries it (never an STS assumed-role session ARN,
 * which changes with every session).
 */
const IAM_PRINCIPAL_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:role|user)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/** The largest monthly spend alarm the setting (and GatewayAlarms) accepts; a larger one is a typo. */
export const MAX_SPEND_ALARM_USD = 1_000_000;

/** CloudWatch Logs accepts only these retention periods. */
// eslint-disable-next-line @typescript-eslint/no-magic-numbers -- AWS's fixed list, not a choice
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const CPU_ARCHITECTURES = ["X86_64", "ARM64"] as const;

interface SettingHelp {
  /** What is allowed, in words. */
  readonly allowed: string;
  /** A command that sets a valid value. */
  readonly example: string;
}

/** Per setting: what is allowed and how to set it. Keys are exactly the accepted settings. */
const SETTINGS_HELP = {
  availabilityZones: {
    allowed: `an integer from ${MIN_AVAILABILITY_ZONES} to ${MAX_AVAILABILITY_ZONES} (RDS and the load balancer need two zones); omit it when existingVpc is set`,
    example: "pulumi config set availabilityZones 2",
  },
  egress: {
    allowed: `one of ${EGRESS_MODES.join(", ")}: how tasks reach the providers; "nat-per-az" (a NAT gateway per zone, survives a zone outage, about $36.50/month per zone plus $0.045/GB), "single-nat" (one NAT gateway, about $36.50/month plus $0.045/GB, all egress lost with its zone) or "public-subnets" (no NAT: a public IP per task, $3.65/month each, ingress from the load balancer only, database and Redis in subnets with no route out; refused with dbDeletionProtection true, AWS Security Hub ECS.2); omit it when existingVpc is set`,
    example: "pulumi config set egress nat-per-az",
  },
  existingVpc: {
    allowed:
      "an object { vpcId: vpc-..., privateSubnetIds: [subnet-..., subnet-...], publicSubnetIds: [subnet-..., subnet-...] } with subnets in at least two zones; private subnets need a route to the internet (NAT) for the providers",
    example: "pulumi config set --path existingVpc.vpcId vpc-0123456789abcdef0",
  },
  desiredCount: {
    allowed: `an integer from ${MIN_DESIRED_COUNT} to ${MAX_DESIRED_COUNT} (tasks that serve traffic; use 2 or more for high availability)`,
    example: "pulumi config set desiredCount 2",
  },
  maxCount: {
    allowed: `an integer from desiredCount to ${MAX_DESIRED_COUNT}: autoscaling's ceiling (desiredCount is its floor); omit it or set it to desiredCount for no autoscaling`,
    example: "pulumi config set maxCount 6",
  },
  cpu: {
    allowed: "a Fargate CPU value in units: 256, 512, 1024, 2048, 4096, 8192 or 16384 (1024 = 1 vCPU = 1 worker)",
    example: "pulumi config set cpu 1024",
  },
  memory: {
    allowed: "task memory in MiB valid for the cpu value on Fargate (e.g. 2048 to 8192 for cpu 1024)",
    example: "pulumi config set memory 4096",
  },
  cpuArchitecture: {
    allowed: `one of ${CPU_ARCHITECTURES.join(", ")}; ARM64 is cheaper but some LiteLLM releases shipped broken arm64 images, so turn it on only for a release you have verified`,
    example: "pulumi config set cpuArchitecture X86_64",
  },
  capacity: {
    allowed: `one of ${CAPACITY_MODES.join(", ")}: where the tasks run. on-demand (the default) is Fargate at list price; spot is Fargate Spot (AWS: up to 70% off; the estimate prices it at about 30% of on-demand) on capacity AWS may take back with two minutes' warning, for a stack of one task (desiredCount 1); mixed keeps onDemandBase tasks on-demand and runs every task above them on Spot. With spot or mixed the load balancer drains a stopping task for 90 s instead of 600 s, so a request still running then is cut, on deploys too. A stack of 2 or more tasks must keep at least ${MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS} on-demand`,
    example: "pulumi config set capacity mixed",
  },
  onDemandBase: {
    allowed: `with capacity mixed, the tasks kept on Fargate on-demand, from 1 to desiredCount (default ${DEFAULT_ON_DEMAND_BASE}; at least ${MIN_HIGHLY_AVAILABLE_ON_DEMAND_TASKS} when desiredCount is 2 or more); tasks above it, autoscaling's included, run on Spot`,
    example: `pulumi config set onDemandBase ${DEFAULT_ON_DEMAND_BASE}`,
  },
  dbInstanceClass: {
    allowed:
      "an RDS instance class, db.<family>.<size> with a size AWS offers (micro, small, medium, large, xlarge, <n>xlarge, metal), such as db.t4g.micro or db.m7g.large; a class outside the project's memory table is warned about (no connection budget check, no connections alarm)",
    example: "pulumi config set dbInstanceClass db.t4g.micro",
  },
  dbAllocatedStorageGib: {
    allowed: `an integer from ${MIN_GP3_STORAGE_GIB} to ${MAX_STORAGE_GIB} (gp3's minimum is ${MIN_GP3_STORAGE_GIB})`,
    example: `pulumi config set dbAllocatedStorageGib ${DEFAULT_ALLOCATED_STORAGE_GIB}`,
  },
  dbMaxAllocatedStorageGib: {
    allowed: `an integer above dbAllocatedStorageGib and at most ${MAX_STORAGE_GIB}: the ceiling for storage autoscaling`,
    example: `pulumi config set dbMaxAllocatedStorageGib ${DEFAULT_MAX_ALLOCATED_STORAGE_GIB}`,
  },
  dbMultiAz: {
    allowed: "true (a standby in another zone, for production) or false",
    example: "pulumi config set dbMultiAz true",
  },
  dbDeletionProtection: {
    allowed: "true (the database cannot be deleted until this is turned off, for production) or false",
    example: "pulumi config set dbDeletionProtection true",
  },
  dbSkipFinalSnapshot: {
    allowed: "false (a snapshot is taken when the database is deleted, for production) or true",
    example: "pulumi config set dbSkipFinalSnapshot false",
  },
  dbBackupRetentionDays: {
    allowed: `an integer from ${MIN_BACKUP_RETENTION_DAYS} to ${MAX_BACKUP_RETENTION_DAYS}`,
    example: `pulumi config set dbBackupRetentionDays ${DEFAULT_BACKUP_RETENTION_DAYS}`,
  },
  dbApplyImmediately: {
    allowed:
      "true (class, storage, Multi-AZ and engine changes apply during pulumi up: a reboot, or a failover of a minute or two with Multi-AZ) or false (they wait for the weekly maintenance window while the connection budget and alarms already assume the new values; the default, as in RDS)",
    example: "pulumi config set dbApplyImmediately true",
  },
  dbAllowMajorVersionUpgrade: {
    allowed:
      "true only for the pulumi up that moves the database to a new PostgreSQL major (docs/runbooks.md, Upgrading PostgreSQL to a new major version), or false (the default: RDS refuses a major change)",
    example: "pulumi config set dbAllowMajorVersionUpgrade false",
  },
  certificateArn: {
    allowed:
      "the ARN of your own ACM certificate in the stack's region (aws:region) for the name clients use; omit it to have the stack issue one for domainName in hostedZone",
    example: "pulumi config set certificateArn arn:aws:acm:us-east-1:123456789012:certificate/<id>",
  },
  domainName: {
    allowed: `the host name clients use, a lower-case DNS name inside hostedZone (at most ${MAX_ACM_DOMAIN_NAME_OCTETS} characters when the stack issues its certificate, no wildcard); the url output becomes https://<domainName>`,
    example: "pulumi config set domainName gateway.example.com",
  },
  hostedZone: {
    allowed:
      "the name of a Route 53 public hosted zone in the stack's account that contains domainName; the stack adds the certificate's validation record and an alias record for domainName to it",
    example: "pulumi config set hostedZone example.com",
  },
  allowPlainHttp: {
    allowed:
      "true only on a stack that carries no real keys (it then serves plain HTTP on 80 and must set no certificateArn, domainName or hostedZone), or false (the default: HTTPS is required)",
    example: "pulumi config set allowPlainHttp true",
  },
  allowedCidrs: {
    allowed: "a non-empty list of IPv4 CIDR blocks (network addresses, each block once) allowed to reach the load balancer",
    example: "pulumi config set --path 'allowedCidrs[0]' 203.0.113.0/24",
  },  loadBalancerScheme: {
    allowed:
      "internet-facing (the default: public addresses in the public subnets, reachable from allowedCidrs on the internet) or internal (private addresses only, in the tasks' subnets: reachable from inside your network, never from the internet)",
    example: "pulumi config set loadBalancerScheme internal",
  },

  logRetentionDays: {
    allowed: `one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
    example: "pulumi config set logRetentionDays 30",
  },
  redisNodeType: {
    allowed:
      "an ElastiCache node type such as cache.t4g.micro or cache.t4g.small; required when more than one LiteLLM process runs (desiredCount or maxCount above 1, or cpu 2048 or more), omit it for no Redis",
    example: "pulumi config set redisNodeType cache.t4g.small",
  },
  redisNodes: {
    allowed: `an integer from 1 to ${MAX_REDIS_NODES}: the primary plus replicas (${DEFAULT_REDIS_NODES} or more adds automatic failover and Multi-AZ; default ${DEFAULT_REDIS_NODES}); needs redisNodeType`,
    example: `pulumi config set redisNodes ${DEFAULT_REDIS_NODES}`,
  },
  alarms: {
    allowed: "true (CloudWatch alarms notify an SNS topic; the default) or false (no alarms, no topic)",
    example: "pulumi config set alarms true",
  },
  containerInsights: {
    allowed:
      "true (ECS Container Insights on the cluster: per-task CPU, memory, network and storage metrics in CloudWatch, about $11/month as custom metrics plus performance-log ingestion; no alarm reads them) or false (the default: the standard free ECS and load balancer metrics only)",
    example: "pulumi config set containerInsights true",
  },
  alarmEmail: {
    allowed:
      "one e-mail address subscribed to the alarm topic (AWS mails a confirmation link first); omit it to create the topic without a subscriber; needs alarms true",
    example: "pulumi config set alarmEmail oncall@example.com",
  },
  waf: {
    allowed:
      "true (a WAF web ACL with AWS's common, known-bad-inputs and IP reputation rule groups, a per-IP rate limit and a request-body limit (maxRequestBodyMib) in front of the load balancer, about $11.60/month at 1M requests; without it request bodies are unlimited) or false (no WAF; the default)",
    example: "pulumi config set waf true",
  },
  wafRateLimitPer5Min: {
    allowed: `an integer from ${MIN_WAF_RATE_LIMIT_PER_5_MIN} to ${MAX_WAF_RATE_LIMIT_PER_5_MIN}: requests per 5 minutes from one client IP before WAF blocks it (default ${DEFAULT_WAF_RATE_LIMIT_PER_5_MIN}; raise it when many clients share one NAT address); needs waf true`,
    example: `pulumi config set wafRateLimitPer5Min ${DEFAULT_WAF_RATE_LIMIT_PER_5_MIN}`,
  },
  // Request limits (issue 12): body size at the WAF, bounds on generated keys, spend alarm.
  maxRequestBodyMib: {
    allowed: `an integer from ${MIN_MAX_REQUEST_BODY_MIB} to ${MAX_MAX_REQUEST_BODY_MIB}: the largest request body in MiB; WAF blocks a larger content-length, and POST/PUT/PATCH without one (default ${DEFAULT_MAX_REQUEST_BODY_MIB}: above Anthropic's 32 MB and Bedrock's 20 MB per request; OpenAI takes up to 50 MB of images, about 68 MiB as JSON, so raise it for that); needs waf true (without a WAF bodies are unlimited)`,
    example: `pulumi config set maxRequestBodyMib ${DEFAULT_MAX_REQUEST_BODY_MIB}`,
  },
  generatedKeyLimits: {
    allowed: `an object with any of maxBudgetUsd (default ${DEFAULT_GENERATED_KEY_LIMITS.maxBudgetUsd}), defaultBudgetUsd (default ${DEFAULT_GENERATED_KEY_LIMITS.defaultBudgetUsd}, at most maxBudgetUsd), budgetDuration (default ${DEFAULT_GENERATED_KEY_LIMITS.budgetDuration}), maxRpm (default ${DEFAULT_GENERATED_KEY_LIMITS.maxRpm}), maxTpm (default ${DEFAULT_GENERATED_KEY_LIMITS.maxTpm}) and maxKeyDuration (default ${DEFAULT_GENERATED_KEY_LIMITS.maxKeyDuration}): LiteLLM refuses to generate a key above these bounds (the master key included) and fills them into keys generated without; budgets are USD from 0 to ${MAX_KEY_BUDGET_USD}, rates integers from 1 to ${MAX_KEY_RATE_PER_MINUTE}, durations LiteLLM's <number><s|m|h|d|w|mo>`,
    example: "pulumi config set --path generatedKeyLimits.maxBudgetUsd 500",
  },
  expectedTraffic: {
    allowed: `an object with any of ${EXPECTED_TRAFFIC_FIELDS.join(", ")}, each a number from 0 to ${MAX_EXPECTED_TRAFFIC}: the monthly traffic the cost estimate prices this stack at (load balancer capacity units, GB through NAT, GB to clients, GB of logs, million requests; absent ones take the plan's defaults, and the plan's flags of the same names override them)`,
    example: "pulumi config set --path expectedTraffic.requestsMillions 0.1",
  },
  monthlySpendAlarmUsd: {
    allowed:
      `a whole number of USD from 1 to ${MAX_SPEND_ALARM_USD}: an AWS Budgets budget on the account's monthly AWS cost (Bedrock included; OpenAI and Anthropic bill outside AWS) alerts the alarm topic at 80% actual and 100% forecast; needs alarms true; omit it for no budget`,
    example: "pulumi config set monthlySpendAlarmUsd 1000",
  },
  providerKeysRevision: {
    allowed: `any label of 1 to ${MAX_PROVIDER_KEYS_REVISION_LENGTH} letters, digits and ._:+- (a date is a good one), set after filling in Secrets Manager the provider keys the stack config does not hold; change it to roll the service after changing such a key; omit it until those keys have values`,
    example: 'pulumi config set providerKeysRevision "$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
  },
  accessLogs: {
    allowed:
      "true (the default: load balancer access logs to an S3 bucket the stack creates, and WAF logs with key headers redacted when waf is true) or false (neither)",
    example: "pulumi config set accessLogs true",
  },
  flowLogs: {
    allowed:
      "true (the default with a new VPC: flow logs of all its traffic to CloudWatch Logs) or false; omit it with existingVpc, whose flow logs are its owner's to turn on",
    example: "pulumi config set flowLogs true",
  },
  securityLogRetentionDays: {
    allowed: `days the access, WAF and flow logs are kept, one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")} (default ${DEFAULT_SECURITY_LOG_RETENTION_DAYS}); needs accessLogs or flowLogs on`,
    example: `pulumi config set securityLogRetentionDays ${DEFAULT_SECURITY_LOG_RETENTION_DAYS}`,
  },
  permissionsBoundaryArn: {
    allowed:
      "the ARN of an IAM managed policy in the stack's account set as the permissions boundary of every role the stack creates (required when the deploy role is docs/iam/deploy-role-policy.json's: it may create roles only with the boundary litellm-gateway-boundary); omit it for roles without a boundary",
    example: "pulumi config set permissionsBoundaryArn arn:aws:iam::123456789012:policy/litellm-gateway-boundary",
  },
  configWriterArn: {
    allowed:
      "the ARN of the IAM role (or user) that deploys this stack, e.g. the CI deploy role: the only principal besides the account root that may write the config objects LiteLLM loads; set it when previews or deploys run as more than one principal; omit it to allow whoever runs pulumi up",
    example: "pulumi config set configWriterArn arn:aws:iam::123456789012:role/litellm-gateway-deploy-prod",
  },
  // Admin plane (issue 12): adminCidrs, adminUi, existingVpcCidrs.
  adminCidrs: {
    allowed: `a list of at most ${MAX_ADMIN_CIDRS} IPv4 CIDR blocks (not 0.0.0.0/0) that may reach LiteLLM's admin plane (UI, /key, /user, /team, /model, /spend, /config, docs...) through the load balancer; the default, an empty list, answers 403 to every admin path from anywhere, and clients keep the client API (chat, completions, embeddings, models, responses, messages, health checks); they also need allowedCidrs to reach the load balancer at all`,
    example: "pulumi config set --path 'adminCidrs[0]' 203.0.113.10/32",
  },
  adminUi: {
    allowed:
      "true (LiteLLM's Admin UI, with its own generated password in Secrets Manager, never the master key; needs adminCidrs) or false (the default: DISABLE_ADMIN_UI, and no sign-in with environment credentials)",
    example: "pulumi config set adminUi true",
  },
  existingVpcCidrs: {
    allowed:
      "the IPv4 CIDR blocks of existingVpc (aws ec2 describe-vpcs --vpc-ids <vpc-id> --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'): LiteLLM takes the client's address from X-Forwarded-For only when the load balancer, inside them, sent it; needs existingVpc; without it LiteLLM sees the load balancer's address",
    example: "pulumi config set --path 'existingVpcCidrs[0]' 10.20.0.0/16",
  },
  // Observability (issue 15).
  otel: {
    allowed:
      "an object { endpoint: https://<collector or vendor>[:443][/path], headersSecretArn?: <full Secrets Manager secret ARN> }: LiteLLM's otel callback exports a span per request over OTLP/HTTP (protobuf) to the endpoint (/v1/traces is appended); https on port 443 only (the tasks may send only HTTPS out), no credentials in the URL; the secret's value is the headers, name=value pairs separated by commas (e.g. x-honeycomb-team=<key>), injected as OTEL_HEADERS; omit it for no export",
    example: "pulumi config set --path otel.endpoint https://api.honeycomb.io && pulumi config set --path otel.headersSecretArn arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-headers-AbCdEf",
  },
  // Custom LiteLLM settings (issue 15): merged over the rendered config, managed keys refused.
  litellmSettings: {
    allowed:
      "an object of LiteLLM litellm_settings keys merged over the rendered ones (callbacks, cache, guardrails...); keys the stack renders or manages (json_logs, drop_params, request_timeout, key limits), Redis connections and plain-text secrets are refused: secrets only as os.environ/NAME, NAME in extraSecrets, extraEnvironment or the catalog's keys",
    example: "pulumi config set --path litellmSettings.success_callback[0] langfuse",
  },
  generalSettings: {
    allowed:
      "an object of LiteLLM general_settings keys merged over the rendered ones; master_key, database_url, salt_key, store_model_in_db, supported_db_objects, the admin-plane keys and keys the stack renders are refused, secrets only as os.environ/NAME",
    example: "pulumi config set --path generalSettings.max_parallel_requests 100",
  },
  routerSettings: {
    allowed:
      "an object of LiteLLM router_settings keys merged over the rendered ones (e.g. model_group_alias); routing, retries, timeouts, cooldowns and fallbacks come from the catalog and Redis from redisNodeType, so those are refused, secrets only as os.environ/NAME",
    example: "pulumi config set --path routerSettings.model_group_alias.gpt-4 gpt-4o",
  },
  extraEnvironment: {
    allowed:
      "an object of NAME: value plain environment variables for the LiteLLM task (names A-Z0-9_, none the task, the runtime, LITELLM_*, AWS_*, ECS_* or PRISMA_* use; values that look like credentials are refused: use extraSecrets)",
    example: "pulumi config set --path extraEnvironment.LANGFUSE_HOST https://cloud.langfuse.com",
  },
  extraSecrets: {
    allowed:
      "an object of NAME: full Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>); ECS fills NAME from it at task start and the execution role may read it (names as for extraEnvironment)",
    example: "pulumi config set --path extraSecrets.LANGFUSE_SECRET_KEY arn:aws:secretsmanager:us-east-1:123456789012:secret:langfuse-AbCdEf",
  },
  // Bring your own parts (issue 15).
  existingMasterKeySecretArn: {
    allowed: `${SECRET_ARN_FORM} whose value (an sk-... key) LiteLLM takes as its master key; the stack then generates no master key, the execution role may read that secret, and the masterKeySecretArn output is it (a secret encrypted with your own KMS key also needs kms:Decrypt for the execution role, which the stack does not grant); omit it to have the stack generate one`,
    example: "pulumi config set existingMasterKeySecretArn arn:aws:secretsmanager:us-east-1:123456789012:secret:litellm-master-key-AbCdEf",
  },
  image: {
    allowed: `a mirror of the pinned LiteLLM image, ${IMAGE_FORM}; an image in a private ECR repository (a pull-through cache of ghcr.io) gives the execution role the pull permissions for that repository, which must exist before the first deploy; omit it for the official ghcr.io image`,
    example: "pulumi config set image 123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:v1.108.7",
  },
  existingRedis: {
    allowed: `an object { host, port, authTokenSecretArn }: a Redis or Valkey you run that accepts TLS and AUTH (the tasks connect with REDIS_SSL=true), its endpoint's host name, its port (1 to ${MAX_TCP_PORT}) and ${SECRET_ARN_FORM} whose value is its AUTH token; the stack then creates no ElastiCache, and your Redis must admit the tasks' security group (tag Name <gateway>-security-service) on that port; excludes redisNodeType and redisNodes`,
    example: "pulumi config set --path existingRedis.host master.team-valkey.abc123.use1.cache.amazonaws.com",
  },
  existingDatabase: {
    allowed: `an object { secretArn }: ${SECRET_ARN_FORM} of a PostgreSQL database you run, holding host, username, password and dbname as RDS's secret JSON (an RDS-managed secret has them); it must listen on 5432 (LiteLLM 1.108.7 ignores the port) and accept TLS, and admit the tasks' security group (tag Name <gateway>-security-service); the stack then creates no RDS instance, parameter group or subnet group, has no database alarms and checks no connection budget (the tasks open up to 10 connections per worker); excludes every db setting`,
    example: "pulumi config set --path existingDatabase.secretArn arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-AbCdEf",
  },
} as const satisfies Record<string, SettingHelp>;

export type SettingKey = keyof typeof SETTINGS_HELP;

/** Every setting this program reads from the `litellm-gateway:` namespace. */
export const SETTING_KEYS = Object.keys(SETTINGS_HELP) as SettingKey[];

const integer = (min: number, max: number) => z.number().int().min(min).max(max);
const subnetIds = z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/)).min(MIN_AVAILABILITY_ZONES);

const rawSettingsSchema = z.strictObject({
  availabilityZones: integer(MIN_AVAILABILITY_ZONES, MAX_AVAILABILITY_ZONES).optional(),
  egress: z.enum(EGRESS_MODES).optional(),
  existingVpc: z
    .strictObject({
      vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/),
      privateSubnetIds: subnetIds,
      publicSubnetIds: subnetIds,
    })
    .optional(),
  desiredCount: integer(MIN_DESIRED_COUNT, MAX_DESIRED_COUNT),
  maxCount: integer(MIN_DESIRED_COUNT, MAX_DESIRED_COUNT).optional(),
  // Which values Fargate accepts is checked with memory (fargateSizeProblems): one message lists them.
  cpu: z.number().int().positive(),
  memory: z.number().int().positive(),
  cpuArchitecture: z.enum(CPU_ARCHITECTURES).default("X86_64"),
  capacity: z.enum(CAPACITY_MODES).default("on-demand"),
  onDemandBase: integer(1, MAX_DESIRED_COUNT).optional(),
  // Required unless existingDatabase is set (crossSettingProblems says so).
  dbInstanceClass: z.string().regex(DB_INSTANCE_CLASS_PATTERN).optional(),
  dbAllocatedStorageGib: integer(MIN_GP3_STORAGE_GIB, MAX_STORAGE_GIB).default(DEFAULT_ALLOCATED_STORAGE_GIB),
  dbMaxAllocatedStorageGib: integer(MIN_GP3_STORAGE_GIB, MAX_STORAGE_GIB).default(DEFAULT_MAX_ALLOCATED_STORAGE_GIB),
  dbMultiAz: z.boolean().optional(),
  dbDeletionProtection: z.boolean().optional(),
  dbSkipFinalSnapshot: z.boolean().optional(),
  dbBackupRetentionDays: integer(MIN_BACKUP_RETENTION_DAYS, MAX_BACKUP_RETENTION_DAYS).default(
    DEFAULT_BACKUP_RETENTION_DAYS,
  ),
  dbApplyImmediately: z.boolean().default(false),
  dbAllowMajorVersionUpgrade: z.boolean().default(false),
  certificateArn: z
    .string()
    .regex(ACM_CERTIFICATE_ARN_PATTERN)
    .optional(),
  domainName: z.string().refine(isDnsName).optional(),
  hostedZone: z.string().refine(isDnsName).optional(),
  allowPlainHttp: z.boolean().default(false),
  allowedCidrs: z.array(z.string().refine(isIpv4Cidr)).min(1).default(["0.0.0.0/0"]),
  loadBalancerScheme: z.enum(LOAD_BALANCER_SCHEMES).default("internet-facing"),
  logRetentionDays: z.number().refine((days) => LOG_RETENTION_DAYS.includes(days)),
  redisNodeType: z.string().regex(REDIS_NODE_TYPE_PATTERN).optional(),
  redisNodes: integer(1, MAX_REDIS_NODES).optional(),
  alarms: z.boolean().default(true),
  containerInsights: z.boolean().default(false),
  alarmEmail: z.string().refine(isEmailAddress).optional(),
  waf: z.boolean().default(false),
  wafRateLimitPer5Min: integer(MIN_WAF_RATE_LIMIT_PER_5_MIN, MAX_WAF_RATE_LIMIT_PER_5_MIN).optional(),
  // Request limits (issue 12).
  maxRequestBodyMib: integer(MIN_MAX_REQUEST_BODY_MIB, MAX_MAX_REQUEST_BODY_MIB).optional(),
  generatedKeyLimits: z
    .strictObject({
      maxBudgetUsd: z.number().min(0).max(MAX_KEY_BUDGET_USD).optional(),
      defaultBudgetUsd: z.number().min(0).max(MAX_KEY_BUDGET_USD).optional(),
      budgetDuration: z.string().regex(LITELLM_DURATION_PATTERN).optional(),
      maxRpm: integer(1, MAX_KEY_RATE_PER_MINUTE).optional(),
      maxTpm: integer(1, MAX_KEY_RATE_PER_MINUTE).optional(),
      maxKeyDuration: z.string().regex(LITELLM_DURATION_PATTERN).optional(),
    })
    .optional(),
  monthlySpendAlarmUsd: integer(1, MAX_SPEND_ALARM_USD).optional(),
  expectedTraffic: z
    .strictObject(
      Object.fromEntries(EXPECTED_TRAFFIC_FIELDS.map((field) => [field, z.number().min(0).max(MAX_EXPECTED_TRAFFIC).optional()])) as Record<
        keyof ExpectedTraffic,
        z.ZodOptional<z.ZodNumber>
      >,
    )
    .optional(),
  // Pulumi hands `20261202` over as text that decodes to a number: take it as its text.
  providerKeysRevision: z
    .union([z.string().regex(new RegExp(`^[A-Za-z0-9._:+-]{1,${MAX_PROVIDER_KEYS_REVISION_LENGTH}}$`)), z.number().transform(String)])
    .optional(),
  accessLogs: z.boolean().default(true),
  flowLogs: z.boolean().optional(),
  securityLogRetentionDays: z.number().refine((days) => LOG_RETENTION_DAYS.includes(days)).default(DEFAULT_SECURITY_LOG_RETENTION_DAYS),
  permissionsBoundaryArn: z.string().regex(IAM_POLICY_ARN_PATTERN).optional(),
  configWriterArn: z.string().regex(IAM_PRINCIPAL_ARN_PATTERN).optional(),
  // Admin plane (issue 12).
  adminCidrs: z.array(z.string().refine(isAdminCidr)).max(MAX_ADMIN_CIDRS).default([]),
  adminUi: z.boolean().default(false),
  existingVpcCidrs: z.array(z.string().refine(isIpv4Cidr)).min(1).optional(),
  // Observability (issue 15): the endpoint's rules are otelProblems', one specific line each.
  otel: z
    .strictObject({
      endpoint: z.string(),
      headersSecretArn: z.string().regex(SECRET_ARN_PATTERN).optional(),
    })
    .optional(),
  // Custom LiteLLM settings (issue 15); what is inside them is checked by customizationProblems.
  ...litellmCustomizationShape(),
  // Bring your own parts (issue 15).
  existingMasterKeySecretArn: z.string().refine(isSecretArn).optional(),
  image: z.string().optional(),
  existingRedis: z
    .strictObject({
      host: z.string().refine(isRedisHost),
      port: integer(1, MAX_TCP_PORT),
      authTokenSecretArn: z.string().refine(isSecretArn),
    })
    .optional(),
  existingDatabase: z.strictObject({ secretArn: z.string().refine(isSecretArn) }).optional(),
} satisfies Record<SettingKey, z.ZodType>);

type RawSettings = z.infer<typeof rawSettingsSchema>;

/** The five custom-LiteLLM settings' shapes: the stack file's and LitellmGateway's `litellm` arg. */
function litellmCustomizationShape() {
  const section = z.record(z.string(), z.unknown()).optional();
  return {
    litellmSettings: section,
    generalSettings: section,
    routerSettings: section,
    extraEnvironment: z.record(z.string().regex(ENV_VAR_NAME_PATTERN), z.string()).optional(),
    extraSecrets: z.record(z.string().regex(ENV_VAR_NAME_PATTERN), z.string().regex(SECRET_ARN_PATTERN)).optional(),
  };
}

const litellmCustomizationSchema = z.strictObject(litellmCustomizationShape());

function litellmCustomizationProblems(valid: LitellmCustomizationInput): string[] {
  return customizationProblems(valid).map(({ setting, path, problem }) => settingProblem(setting, problem, path));
}

/**
 * LitellmGateway's `litellm` arg, validated as the stack file's settings of the same names.
 * @throws StackSettingsError listing every problem, one line each
 */
export function parseLitellmCustomization(input: LitellmCustomizationInput): LitellmCustomization {
  const result = litellmCustomizationSchema.safeParse(input, { reportInput: true });
  const problems = result.success ? litellmCustomizationProblems(result.data) : result.error.issues.flatMap(issueProblems);
  if (problems.length > 0 || !result.success) {
    throw new StackSettingsError(problems);
  }
  return toLitellmCustomization(result.data);
}

/** Thrown with every problem found, one line each, so one run shows everything to fix. */
export class StackSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack settings (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "StackSettingsError";
  }
}

/** Past this many characters a quoted list or object is cut: a problem is one readable line. */
const MAX_FOUND_CHARACTERS = 120;

/**
 * What a refusal quotes back: strings as the catalog's problems quote them (one short line, a value
 * that looks like a credential described, never shown: a key pasted into the wrong setting must
 * not reach a terminal or a CI log), lists and objects as JSON with such strings hidden.
 */
function describeFound(value: unknown): string {
  if (typeof value !== "object" || value === null) {
    return `found ${typeof value === "string" ? shownText(value) : shownValue(value)}`;
  }
  const json = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "string" && describeSecretValue(inner) !== undefined ? "<not shown>" : inner));
  return `found ${json.length <= MAX_FOUND_CHARACTERS ? json : `${json.slice(0, MAX_FOUND_CHARACTERS)}…`}`;
}

/**
 * One line: the setting as `pulumi config set --path` names it (`where`, e.g. `adminCidrs[1]`,
 * default the key), the problem, and the key's help.
 */
function settingProblem(key: string, problem: string, path: string = key): string {
  const help = (SETTINGS_HELP as Record<string, SettingHelp | undefined>)[key];
  const where = `${CONFIG_NAMESPACE}:${path}`;
  return help === undefined
    ? `${where}: ${problem}.`
    : `${where}: ${problem}. Allowed: ${help.allowed}. Example: ${help.example}`;
}

function issueProblems(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    const parent = issue.path.join(".");
    return issue.keys.map((key) =>
      parent === "" && key === RETIRED_NAT_GATEWAYS_SETTING
        ? `${CONFIG_NAMESPACE}:${key}: ${retiredNatGatewaysProblem(issue.input === undefined ? undefined : (issue.input as Record<string, unknown>)[key])}`
        : parent === ""
        ? `${CONFIG_NAMESPACE}:${key}: unknown setting (a typo?). Known settings: ${SETTING_KEYS.join(", ")}. Remove it with: pulumi config rm ${key}`
        : settingProblem(parent, `unknown field "${key}"`),
    );
  }
  const key = String(issue.path[0] ?? "");
  const found = issue.input === undefined ? "missing" : describeFound(issue.input);
  return [settingProblem(key, found, configPath(issue.path))];
}

/** A zod issue path as `pulumi config set --path` writes it: `existingVpc.privateSubnetIds[0]`. */
function configPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`)).join("");
}

/** Problems that involve several settings; run only on values that are individually valid. */
function crossSettingProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>, region?: string): string[] {
  const problems: string[] = litellmCustomizationProblems(valid);
  const usesExistingVpc = raw.existingVpc !== undefined;
  if (usesExistingVpc) {
    for (const key of ["availabilityZones", "egress"] as const) {
      if (raw[key] !== undefined) {
        problems.push(
          settingProblem(
            key,
            `${describeFound(raw[key])}, but existingVpc is also set and the two exclude each other${key === "egress" ? ": the existing VPC's routes decide how its private subnets reach the internet (its owner's NAT), and tasks there get no public IP" : ""} (remove ${key} with: pulumi config rm ${key})`,
          ),
        );
      }
    }
  } else {
    for (const key of ["availabilityZones", "egress"] as const) {
      // A retired natGateways is refused with the egress value to set instead: one line, not two.
      if (raw[key] === undefined && !(key === "egress" && raw[RETIRED_NAT_GATEWAYS_SETTING] !== undefined)) {
        problems.push(settingProblem(key, "missing (needed unless existingVpc is set)"));
      }
    }
  }
  if (typeof valid.cpu === "number" && typeof valid.memory === "number") {
    problems.push(...fargateSizeProblems(valid.cpu, valid.memory).map((problem) => `${CONFIG_NAMESPACE}:${problem}`));
  }
  if (
    typeof valid.dbAllocatedStorageGib === "number" &&
    typeof valid.dbMaxAllocatedStorageGib === "number" &&
    !storageCanGrow(valid.dbAllocatedStorageGib, valid.dbMaxAllocatedStorageGib)
  ) {
    problems.push(
      settingProblem(
        "dbMaxAllocatedStorageGib",
        `found ${valid.dbMaxAllocatedStorageGib}, not above dbAllocatedStorageGib (${valid.dbAllocatedStorageGib}), so storage could never grow`,
      ),
    );
  }
  if (valid.egress !== undefined && typeof valid.dbDeletionProtection === "boolean") {
    const egressProblem = productionEgressProblem(valid.egress, valid.dbDeletionProtection);
    if (egressProblem !== undefined) {
      problems.push(settingProblem("egress", egressProblem));
    }
  }
  problems.push(...databaseSettingProblems(raw));
  problems.push(...scalingAndAlarmProblems(raw, valid));
  problems.push(...capacitySettingProblems(raw, valid));
  problems.push(...redisProblems(raw, valid));
  problems.push(...tlsProblems(raw, valid, region));
  problems.push(...securityLogProblems(raw, valid, region));
  problems.push(...adminPlaneProblems(raw, valid));
  problems.push(...otelProblems(valid));
  const badImage = typeof valid.image === "string" ? imageProblem(valid.image) : undefined;
  if (badImage !== undefined) {
    problems.push(settingProblem("image", `${describeFound(valid.image)}, which ${badImage}`));
  }
  problems.push(...valueProblems(valid));
  if (
    typeof valid.desiredCount === "number" &&
    typeof valid.cpu === "number" &&
    typeof valid.dbInstanceClass === "string" &&
    !(raw.maxCount !== undefined && valid.maxCount === undefined)
  ) {
    // With autoscaling, a deployment at full scale is the peak: the budget counts maxCount.
    const budgetProblem = connectionBudgetProblem({ desiredCount: valid.desiredCount, maxCount: valid.maxCount }, valid.cpu, valid.dbInstanceClass);
    if (budgetProblem !== undefined) {
      problems.push(`${CONFIG_NAMESPACE}:${budgetProblem}`);
    }
  }
  return problems;
}

/**
 * Values that are well-formed one by one but not together or not as AWS reads them: CIDR blocks
 * (host bits, duplicates, admin ranges outside allowedCidrs, VPC ranges AWS could not have given),
 * subnets named twice, and ARNs of two different accounts. Each helper names its list entry.
 */
function valueProblems(valid: Partial<RawSettings>): string[] {
  const problems = [
    ...cidrSettingProblems({
      allowedCidrs: valid.allowedCidrs,
      adminCidrs: valid.adminCidrs,
      existingVpcCidrs: valid.existingVpcCidrs,
      existingVpcId: valid.existingVpc?.vpcId,
    }),
    ...(valid.existingVpc === undefined ? [] : existingSubnetProblems(valid.existingVpc)),
  ];
  const accountProblem = arnAccountProblem({ certificateArn: valid.certificateArn, permissionsBoundaryArn: valid.permissionsBoundaryArn });
  return [...problems, ...(accountProblem === undefined ? [] : [accountProblem])].map((problem) => `${CONFIG_NAMESPACE}:${problem}`);
}

/**
 * onDemandBase without mixed capacity, and the availability rule (fargate-capacity.ts): a stack of
 * two or more tasks keeps two on-demand.
 */
function capacitySettingProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>): string[] {
  if (raw.capacity !== undefined && valid.capacity === undefined) {
    return []; // A wrong capacity is reported on its own; what was meant is unknown.
  }
  const capacity = valid.capacity ?? "on-demand";
  if (raw.onDemandBase !== undefined && capacity !== "mixed") {
    return [
      settingProblem(
        "onDemandBase",
        `${describeFound(raw.onDemandBase)}, but capacity is ${capacity}, which has no on-demand base (set pulumi config set capacity mixed, or remove it with: pulumi config rm onDemandBase)`,
      ),
    ];
  }
  if (typeof valid.desiredCount !== "number" || (raw.onDemandBase !== undefined && valid.onDemandBase === undefined)) {
    return [];
  }
  return capacityProblems({ capacity, onDemandBase: valid.onDemandBase ?? DEFAULT_ON_DEMAND_BASE }, valid.desiredCount).map(
    (problem) => `${CONFIG_NAMESPACE}:${problem}`,
  );
}

/** maxCount against desiredCount, and an alarm e-mail or a WAF limit that nothing would ever use. */
function scalingAndAlarmProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>): string[] {
  const problems: string[] = [];
  if (typeof valid.maxCount === "number" && typeof valid.desiredCount === "number" && valid.maxCount < valid.desiredCount) {
    problems.push(
      settingProblem(
        "maxCount",
        `found ${valid.maxCount}, below desiredCount (${valid.desiredCount}); autoscaling runs between desiredCount and maxCount, so maxCount must be at least desiredCount (or omitted for no autoscaling)`,
      ),
    );
  }
  if (raw.alarmEmail !== undefined && valid.alarms === false) {
    problems.push(
      settingProblem(
        "alarmEmail",
        `${describeFound(raw.alarmEmail)}, but alarms is false, so no topic exists to subscribe it to (remove it with: pulumi config rm alarmEmail, or turn alarms on)`,
      ),
    );
  }
  if (raw.wafRateLimitPer5Min !== undefined && valid.waf !== true) {
    problems.push(
      settingProblem(
        "wafRateLimitPer5Min",
        `${describeFound(raw.wafRateLimitPer5Min)}, but waf is not true, so there is no web ACL to enforce it (turn it on with: pulumi config set waf true, or remove the limit with: pulumi config rm wafRateLimitPer5Min)`,
      ),
    );
  }
  if (valid.generatedKeyLimits !== undefined) {
    problems.push(...generatedKeyLimitsProblems(keyLimits(valid.generatedKeyLimits)).map((problem) => settingProblem("generatedKeyLimits", problem)));
  }
  if (raw.monthlySpendAlarmUsd !== undefined && valid.alarms === false) {
    problems.push(
      settingProblem(
        "monthlySpendAlarmUsd",
        `${describeFound(raw.monthlySpendAlarmUsd)}, but alarms is false, so there is no alarm topic for the budget to notify (turn alarms on, or remove it with: pulumi config rm monthlySpendAlarmUsd)`,
      ),
    );
  }
  if (raw.maxRequestBodyMib !== undefined && valid.waf !== true) {
    problems.push(
      settingProblem(
        "maxRequestBodyMib",
        `${describeFound(raw.maxRequestBodyMib)}, but waf is not true, so there is no web ACL to enforce it and request bodies stay unlimited (turn it on with: pulumi config set waf true, or remove the limit with: pulumi config rm maxRequestBodyMib)`,
      ),
    );
  }
  return problems;
}

/** Whether flow logs are on: by default with a new VPC, never in an existing one. */
function flowLogsOn(parsed: Pick<RawSettings, "flowLogs" | "existingVpc">): boolean {
  return parsed.existingVpc === undefined && parsed.flowLogs !== false;
}

/**
 * Flow logs asked for in a VPC the stack does not own, a retention nothing would use, and access
 * logs in a region whose ELB log-delivery principal is not documented for this stack's partition.
 */
function securityLogProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>, region: string | undefined): string[] {
  const problems: string[] = [];
  if (valid.flowLogs === true && raw.existingVpc !== undefined) {
    problems.push(
      settingProblem(
        "flowLogs",
        "found true, but existingVpc is set: the VPC is not this stack's, and flow logs of it would record every other workload in it into this stack's logs (ask its owner to turn them on, and remove this with: pulumi config rm flowLogs)",
      ),
    );
  }
  const accessLogsOn = valid.accessLogs !== false;
  if (raw.securityLogRetentionDays !== undefined && valid.accessLogs === false && !flowLogsOn({ flowLogs: valid.flowLogs, existingVpc: raw.existingVpc as RawSettings["existingVpc"] })) {
    problems.push(
      settingProblem(
        "securityLogRetentionDays",
        `${describeFound(raw.securityLogRetentionDays)}, but accessLogs is false and there are no flow logs, so no log would be kept that long (remove it with: pulumi config rm securityLogRetentionDays)`,
      ),
    );
  }
  const regionProblem = region === undefined ? undefined : elbLogDeliveryProblem(region);
  if (accessLogsOn && regionProblem !== undefined) {
    const found = raw.accessLogs === undefined ? "true (the default)" : "found true";
    problems.push(settingProblem("accessLogs", `${found}, but aws:region ${regionProblem} (turn access logs off with: pulumi config set accessLogs false)`));
  }
  return problems;
}

/** The Admin UI needs an admin range to be reachable from; existingVpcCidrs describes existingVpc only. */
function adminPlaneProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>): string[] {
  const problems: string[] = [];
  if (valid.adminUi === true && Array.isArray(valid.adminCidrs) && valid.adminCidrs.length === 0) {
    problems.push(
      settingProblem(
        "adminUi",
        "found true, but adminCidrs is empty, so the load balancer would refuse every UI request; the UI is reachable only from admin ranges (add yours with: pulumi config set --path 'adminCidrs[0]' 203.0.113.10/32, or turn the UI off with: pulumi config rm adminUi)",
      ),
    );
  }
  if (raw.existingVpcCidrs !== undefined && raw.existingVpc === undefined) {
    problems.push(
      settingProblem(
        "existingVpcCidrs",
        `${describeFound(raw.existingVpcCidrs)}, but existingVpc is not set; a new VPC's range is known to the stack (remove it with: pulumi config rm existingVpcCidrs)`,
      ),
    );
  }
  return problems;
}

/** The export endpoint's rules (config/settings/otel-export.ts). */
function otelProblems(valid: Partial<RawSettings>): string[] {
  const problem = valid.otel === undefined ? undefined : otelEndpointProblem(valid.otel.endpoint);
  return problem === undefined ? [] : [settingProblem("otel", problem, "otel.endpoint")];
}

/** A node count without a node type, and several LiteLLM processes without a shared Redis. */
function redisProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>): string[] {
  const problems: string[] = [];
  if (raw.redisNodes !== undefined && raw.redisNodeType === undefined && raw.existingRedis === undefined) {
    problems.push(
      settingProblem(
        "redisNodes",
        `${describeFound(raw.redisNodes)}, but redisNodeType is not set, so there is no Redis to size (set it with: pulumi config set redisNodeType cache.t4g.small, or remove redisNodes with: pulumi config rm redisNodes)`,
      ),
    );
  }
  for (const key of ["redisNodeType", "redisNodes"] as const) {
    if (raw.existingRedis !== undefined && raw[key] !== undefined) {
      problems.push(
        settingProblem(
          key,
          `${describeFound(raw[key])}, but existingRedis is also set, and the stack either creates a Redis or uses yours, never both (remove it with: pulumi config rm ${key}, or remove existingRedis)`,
        ),
      );
    }
  }
  // Only when every count is known: a wrong maxCount or cpu is reported on its own already.
  if (
    raw.redisNodeType === undefined &&
    raw.existingRedis === undefined &&
    typeof valid.desiredCount === "number" &&
    typeof valid.cpu === "number" &&
    !(raw.maxCount !== undefined && valid.maxCount === undefined)
  ) {
    const problem = redisRequirementProblem({ desiredCount: valid.desiredCount, maxCount: valid.maxCount }, valid.cpu, false);
    if (problem !== undefined) {
      problems.push(`${CONFIG_NAMESPACE}:${problem}`);
    }
  }
  return problems;
}

/**
 * HTTPS unless the stack file explicitly allows plain HTTP, and the names behind HTTPS fit
 * together: a zone needs a name in it, an issued certificate needs a zone to be validated in, and
 * a certificate must be in the load balancer's region.
 */
function tlsProblems(raw: Record<string, unknown>, valid: Partial<RawSettings>, region: string | undefined): string[] {
  const tlsKeys = (["certificateArn", "domainName", "hostedZone"] as const).filter((key) => raw[key] !== undefined);
  if (raw.allowPlainHttp !== undefined && valid.allowPlainHttp === undefined) {
    return []; // A wrong allowPlainHttp is reported on its own; what was meant is unknown.
  }
  if (valid.allowPlainHttp === true) {
    return tlsKeys.length === 0
      ? []
      : [
          settingProblem(
            "allowPlainHttp",
            `found true, but ${tlsKeys.join(" and ")} ${tlsKeys.length === 1 ? "is" : "are"} also set, so the stack would serve HTTPS anyway; plain HTTP and TLS exclude each other (remove it with: pulumi config rm allowPlainHttp)`,
          ),
        ];
  }
  if (tlsKeys.length === 0) {
    return [
      `${CONFIG_NAMESPACE}:domainName: missing, and neither certificateArn nor allowPlainHttp is set, so this stack would serve plain HTTP and clients would send their keys in clear text. ` +
        "Serve HTTPS on a certificate the stack issues for a name in a Route 53 public hosted zone of this account: pulumi config set domainName gateway.example.com && pulumi config set hostedZone example.com; " +
        "or on your own ACM certificate: pulumi config set certificateArn arn:aws:acm:<region>:<account>:certificate/<id>; " +
        "or, only on a stack that never carries real keys: pulumi config set allowPlainHttp true",
    ];
  }
  const problems: string[] = [];
  if (raw.hostedZone !== undefined && raw.domainName === undefined) {
    problems.push(
      settingProblem(
        "hostedZone",
        `${describeFound(raw.hostedZone)}, but domainName is not set, so there is no name to create records for (set it with: pulumi config set domainName gateway.${typeof raw.hostedZone === "string" && describeSecretValue(raw.hostedZone) === undefined ? raw.hostedZone : "<your zone>"}, or remove the zone with: pulumi config rm hostedZone)`,
      ),
    );
  }
  if (raw.domainName !== undefined && raw.hostedZone === undefined && raw.certificateArn === undefined) {
    problems.push(
      settingProblem(
        "domainName",
        `${describeFound(raw.domainName)}, but neither hostedZone (a Route 53 zone to validate an issued certificate in) nor certificateArn (your own certificate) is set (set the zone that contains it with: pulumi config set hostedZone <zone>)`,
      ),
    );
  }
  if (typeof valid.domainName === "string" && typeof valid.hostedZone === "string") {
    if (!isInsideZone(valid.domainName, valid.hostedZone)) {
      problems.push(
        settingProblem(
          "domainName",
          `found "${valid.domainName}", which is not inside hostedZone "${valid.hostedZone}", and a zone holds records only for its own names (use a name ending in .${valid.hostedZone}, or the zone that contains ${valid.domainName})`,
        ),
      );
    } else if (raw.certificateArn === undefined && !fitsAcmDomainName(valid.domainName)) {
      problems.push(
        settingProblem(
          "domainName",
          `found "${valid.domainName}" (${valid.domainName.length} characters), but ACM refuses a certificate's domain name longer than ${MAX_ACM_DOMAIN_NAME_OCTETS} characters (use a shorter name, or bring your own certificate with certificateArn)`,
        ),
      );
    }
  }
  const arnRegion = typeof valid.certificateArn === "string" ? certificateRegion(valid.certificateArn) : undefined;
  if (region !== undefined && arnRegion !== undefined && arnRegion !== region) {
    problems.push(
      settingProblem(
        "certificateArn",
        `found a certificate in ${arnRegion}, but the stack deploys to ${region} (aws:region), and a load balancer can use only an ACM certificate of its own region; ACM cannot copy certificates between regions (request or import one in ${region}, or let the stack issue one: pulumi config rm certificateArn, then set domainName and hostedZone)`,
      ),
    );
  }
  return problems;
}

/** Each setting checked on its own, so cross-setting checks can use the ones that are valid. */
function individuallyValid(raw: Record<string, unknown>): Partial<RawSettings> {
  const valid: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const result = rawSettingsSchema.shape[key].safeParse(raw[key]);
    if (result.success) {
      valid[key] = result.data;
    }
  }
  return valid as Partial<RawSettings>;
}

/** How the load balancer serves; tlsProblems has refused every combination not listed here. */
function ingressTls(parsed: RawSettings): IngressTls {
  const { certificateArn, domainName, hostedZone } = parsed;
  if (certificateArn !== undefined) {
    return {
      kind: "own-certificate",
      certificateArn,
      ...(domainName === undefined ? {} : { domainName }),
      ...(hostedZone === undefined ? {} : { hostedZone }),
    };
  }
  if (domainName !== undefined && hostedZone !== undefined) {
    return { kind: "issued-certificate", domainName, hostedZone };
  }
  return { kind: "plain-http" };
}

/** The configured key limits over the defaults. */
function keyLimits(configured: RawSettings["generatedKeyLimits"]): GeneratedKeyLimits {
  return { ...DEFAULT_GENERATED_KEY_LIMITS, ...Object.fromEntries(Object.entries(configured ?? {}).filter(([, value]) => value !== undefined)) };
}

/** The custom LiteLLM settings, absent when the stack file sets none of them. */
function litellmOf(parsed: RawSettings): Pick<StackSettings, "litellm"> {
  const customization = toLitellmCustomization(parsed);
  const empty =
    Object.keys(customization.settings).length === 0 &&
    Object.keys(customization.extraEnvironment).length === 0 &&
    Object.keys(customization.extraSecrets).length === 0;
  return empty ? {} : { litellm: customization };
}

/** The RDS instance to create, or the existing database to use; databaseSettingProblems has refused the rest. */
function createdDatabase(parsed: RawSettings): Pick<StackSettings, "database" | "existingDatabase"> {
  const { dbInstanceClass, dbMultiAz, dbDeletionProtection, dbSkipFinalSnapshot } = parsed;
  if (parsed.existingDatabase !== undefined) {
    return { existingDatabase: parsed.existingDatabase };
  }
  if (dbInstanceClass === undefined || dbMultiAz === undefined || dbDeletionProtection === undefined || dbSkipFinalSnapshot === undefined) {
    throw new Error("unreachable: databaseSettingProblems refuses a missing database setting");
  }
  return {
    database: {
      instanceClass: dbInstanceClass,
      allocatedStorageGib: parsed.dbAllocatedStorageGib,
      maxAllocatedStorageGib: parsed.dbMaxAllocatedStorageGib,
      multiAz: dbMultiAz,
      deletionProtection: dbDeletionProtection,
      skipFinalSnapshot: dbSkipFinalSnapshot,
      backupRetentionDays: parsed.dbBackupRetentionDays,
      applyImmediately: parsed.dbApplyImmediately,
      allowMajorVersionUpgrade: parsed.dbAllowMajorVersionUpgrade,
    },
  };
}

/** The created database's settings: required without existingDatabase, refused beside it. */
function databaseSettingProblems(raw: Record<string, unknown>): string[] {
  if (raw.existingDatabase === undefined) {
    return REQUIRED_DATABASE_SETTINGS.filter((key) => raw[key] === undefined).map((key) => settingProblem(key, "missing (needed unless existingDatabase is set)"));
  }
  return CREATED_DATABASE_SETTINGS.filter((key) => raw[key] !== undefined).map((key) =>
    settingProblem(
      key,
      `${describeFound(raw[key])}, but existingDatabase is set, so the stack creates no database for it to describe (remove it with: pulumi config rm ${key}, or remove existingDatabase)`,
    ),
  );
}

function toStackSettings(parsed: RawSettings): StackSettings {
  // Presence of availabilityZones/egress without existingVpc was checked above.
  const network: StackSettings["network"] =
    parsed.existingVpc === undefined
      ? {
          kind: "new",
          availabilityZones: parsed.availabilityZones ?? MIN_AVAILABILITY_ZONES,
          egress: parsed.egress ?? "nat-per-az",
        }
      : { kind: "existing", ...parsed.existingVpc };
  return {
    network,
    service: {
      desiredCount: parsed.desiredCount,
      maxCount: parsed.maxCount ?? parsed.desiredCount,
      cpu: parsed.cpu,
      memoryMib: parsed.memory,
      cpuArchitecture: parsed.cpuArchitecture,
      capacity: parsed.capacity,
      onDemandBase: parsed.onDemandBase ?? DEFAULT_ON_DEMAND_BASE,
      containerInsights: parsed.containerInsights,
    },
    ...createdDatabase(parsed),
    ingress: {
      tls: ingressTls(parsed),
      allowedCidrs: parsed.allowedCidrs,
      scheme: parsed.loadBalancerScheme,
    },
    logRetentionDays: parsed.logRetentionDays,
    ...(parsed.redisNodeType === undefined
      ? {}
      : { redis: { nodeType: parsed.redisNodeType, nodes: parsed.redisNodes ?? DEFAULT_REDIS_NODES } }),
    alarms: {
      enabled: parsed.alarms,
      ...(parsed.alarmEmail === undefined ? {} : { email: parsed.alarmEmail }),
    },
    ...(parsed.waf
      ? {
          waf: {
            rateLimitPer5Min: parsed.wafRateLimitPer5Min ?? DEFAULT_WAF_RATE_LIMIT_PER_5_MIN,
            maxRequestBodyMib: parsed.maxRequestBodyMib ?? DEFAULT_MAX_REQUEST_BODY_MIB,
          },
        }
      : {}),
    generatedKeyLimits: keyLimits(parsed.generatedKeyLimits),
    ...(parsed.monthlySpendAlarmUsd === undefined ? {} : { monthlySpendAlarmUsd: parsed.monthlySpendAlarmUsd }),
    ...(parsed.expectedTraffic === undefined ? {} : { expectedTraffic: parsed.expectedTraffic }),
    ...(parsed.providerKeysRevision === undefined ? {} : { providerKeysRevision: parsed.providerKeysRevision }),
    securityLogs: { accessLogs: parsed.accessLogs, flowLogs: flowLogsOn(parsed), retentionDays: parsed.securityLogRetentionDays },
    ...(parsed.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: parsed.permissionsBoundaryArn }),
    ...(parsed.configWriterArn === undefined ? {} : { configWriterArn: parsed.configWriterArn }),
    ...litellmOf(parsed),
    ...(parsed.existingMasterKeySecretArn === undefined ? {} : { existingMasterKeySecretArn: parsed.existingMasterKeySecretArn }),
    ...(parsed.image === undefined ? {} : { image: parsed.image }),
    ...(parsed.existingRedis === undefined ? {} : { existingRedis: parsed.existingRedis }),
    adminPlane: {
      adminCidrs: parsed.adminCidrs,
      adminUi: parsed.adminUi,
      trustedProxyCidrs: trustedProxyCidrs(network.kind, parsed.existingVpcCidrs),
    },
    ...(parsed.otel === undefined
      ? {}
      : {
          otel: {
            endpoint: parsed.otel.endpoint,
            ...(parsed.otel.headersSecretArn === undefined ? {} : { headersSecretArn: parsed.otel.headersSecretArn }),
          },
        }),
  };
}

/**
 * Validates the decoded `litellm-gateway:` settings (keys without the namespace, values already
 * JSON-decoded). Upper-case keys are provider keys and are ignored here. `context.region` is the
 * stack's `aws:region`, when known: a certificateArn of another region is refused.
 *
 * @throws StackSettingsError listing every problem, one line each.
 */
export function parseStackSettings(raw: Record<string, unknown>, context: { readonly region?: string } = {}): StackSettings {
  const settingsOnly = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !PROVIDER_KEY_CONFIG_PATTERN.test(key)),
  );
  const result = rawSettingsSchema.safeParse(settingsOnly, { reportInput: true });
  const problems = [
    ...(result.success ? [] : result.error.issues.flatMap(issueProblems)),
    ...crossSettingProblems(settingsOnly, individuallyValid(settingsOnly), context.region),
  ];
  if (problems.length > 0 || !result.success) {
    throw new StackSettingsError(problems);
  }
  return toStackSettings(result.data);
}

/**
 * The settings as a program passes them in code, keys as in the stack file without the namespace
 * (`{ desiredCount: 2, cpu: 1024, ... }`): what parseStackSettings validates.
 */
export type StackSettingsInput = z.input<typeof rawSettingsSchema>;
