/**
 * The plan's view of the resources a program run registered: grouped by the component that owns
 * them (following the parent URNs), each with the properties an operator reviews before
 * `pulumi up` (sizes, counts, zones, public or private, retention, protection, ports, CIDRs).
 *
 * Pure: takes registrations as plain values. Never returns a secret value: anything Pulumi marks
 * secret becomes "[secret]", and generated passwords are never read at all.
 */

/** One registration as the mock cloud records it. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's URN; empty for the stack's direct children. */
  readonly parent: string;
  /** False for components, which AWS never sees. */
  readonly custom: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inputs: Record<string, any>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
}

export type PlanValue = string | number | boolean | readonly string[];

export interface PlanResource {
  /** Short type, e.g. `rds.Instance`, `awsx.ec2.Vpc`. */
  readonly type: string;
  /** Full type token, e.g. `aws:rds/instance:Instance`. */
  readonly token: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, PlanValue>>;
}

export interface PlanComponent {
  readonly name: string;
  /** e.g. `Database` (from `litellm-gateway:index:Database`). */
  readonly type: string;
  readonly resources: readonly PlanResource[];
}

/** How Pulumi marks a secret value in serialized inputs. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const SECRET_PLACEHOLDER = "[secret]";
/** Our own components: the groups of the plan. */
const OWN_COMPONENT_PREFIX = "litellm-gateway:index:";

function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** `aws:rds/instance:Instance` → `rds.Instance`; `awsx:ec2:Vpc` → `awsx.ec2.Vpc`. */
export function shortType(token: string): string {
  const [pkg, modulePath = "", typeName = token] = token.split(":");
  const module = modulePath.split("/")[0];
  const prefix = pkg === "aws" ? "" : `${pkg}.`;
  return module === "index" ? `${prefix}${typeName}` : `${prefix}${module}.${typeName}`;
}

/** Keeps only defined, printable values; secrets become the placeholder. */
function definedProperties(entries: Record<string, unknown>): Record<string, PlanValue> {
  const result: Record<string, PlanValue> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (isSecret(value)) {
      result[key] = SECRET_PLACEHOLDER;
    } else if (Array.isArray(value)) {
      result[key] = value.map((item) => (isSecret(item) ? SECRET_PLACEHOLDER : String(item)));
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      result[key] = value;
    }
  }
  return result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Inputs = Record<string, any>;

function parsedJson(text: unknown): Inputs | undefined {
  if (typeof text !== "string") {
    return undefined;
  }
  try {
    return JSON.parse(text) as Inputs;
  } catch {
    return undefined;
  }
}

function portRange(inputs: Inputs): string {
  return inputs.fromPort === inputs.toPort ? `${inputs.fromPort}/${inputs.ipProtocol}` : `${inputs.fromPort}-${inputs.toPort}/${inputs.ipProtocol}`;
}

function policyActions(policy: unknown): string[] | undefined {
  const document = parsedJson(policy);
  if (document === undefined || !Array.isArray(document.Statement)) {
    return undefined;
  }
  return (document.Statement as Inputs[]).flatMap((statement) =>
    ([] as string[]).concat(statement.Action ?? []).map((action) => `${statement.Effect ?? "Allow"} ${action}`),
  );
}

/**
 * Each statement of a key policy on its own line, keyed by its Sid (`statement <n>` without one):
 * who may do what, and under which conditions.
 */
function keyPolicyStatements(policy: unknown): Record<string, string> {
  const document = parsedJson(policy);
  if (document === undefined || !Array.isArray(document.Statement)) {
    return {};
  }
  const list = (value: unknown) => ([] as unknown[]).concat(value ?? []).map(String).join(", ");
  const describe = (statement: Inputs): string => {
    const principals = Object.entries((statement.Principal ?? {}) as Inputs).map(([kind, value]) => `${kind} ${list(value)}`);
    const conditions = Object.entries((statement.Condition ?? {}) as Record<string, Inputs>).flatMap(([operator, pairs]) =>
      Object.entries(pairs).map(([conditionKey, value]) => `${conditionKey} ${operator} ${list(value)}`),
    );
    const when = conditions.length === 0 ? "" : ` if ${conditions.join(" and ")}`;
    return `${statement.Effect ?? "Allow"} ${list(statement.Action)} to ${principals.join(" and ")}${when}`;
  };
  return Object.fromEntries(
    (document.Statement as Inputs[]).map((statement, index) => [String(statement.Sid ?? `statement ${index + 1}`), describe(statement)]),
  );
}

function taskDefinitionProperties(inputs: Inputs): Record<string, unknown> {
  const containers = parsedJson(inputs.containerDefinitions);
  const container = Array.isArray(containers) ? (containers[0] as Inputs | undefined) : undefined;
  const command = Array.isArray(container?.command) ? (container.command as string[]) : [];
  const workersIndex = command.indexOf("--num_workers");
  return {
    cpuUnits: Number(inputs.cpu),
    memoryMib: Number(inputs.memory),
    cpuArchitecture: inputs.runtimePlatform?.cpuArchitecture,
    image: container?.image,
    workers: workersIndex === -1 ? undefined : Number(command[workersIndex + 1]),
    injectedSecrets: Array.isArray(container?.secrets) ? (container.secrets as Inputs[]).map((secret) => String(secret.name)) : undefined,
    readonlyRootFilesystem: container?.readonlyRootFilesystem,
  };
}

const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: ">=",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "<=",
};

/** What an alarm watches, when it fires and how it treats silence, in one line each. */
function metricAlarmProperties(inputs: Inputs): Record<string, unknown> {
  const queries = Array.isArray(inputs.metricQueries) ? (inputs.metricQueries as Inputs[]) : [];
  const expression = queries.find((query) => query.returnData === true && typeof query.expression === "string");
  const metricOf = (metric: Inputs) => `${metric.namespace} ${metric.metricName} ${metric.stat ?? metric.statistic ?? metric.extendedStatistic}`;
  const metric =
    expression === undefined
      ? metricOf(inputs)
      : `${expression.expression} where ${queries
          .filter((query) => query.metric !== undefined)
          .map((query) => `${query.id} = ${metricOf(query.metric as Inputs)}`)
          .join(", ")}`;
  const period = inputs.period ?? queries.find((query) => query.metric !== undefined)?.metric?.period;
  return {
    metric,
    threshold: `${COMPARISON_SYMBOLS[inputs.comparisonOperator as string] ?? inputs.comparisonOperator} ${inputs.threshold}`,
    period: `${inputs.datapointsToAlarm ?? inputs.evaluationPeriods} of ${inputs.evaluationPeriods} x ${period} s`,
    treatMissingData: inputs.treatMissingData,
    notifies: Array.isArray(inputs.alarmActions) && Array.isArray(inputs.okActions) ? "topic on ALARM and OK" : undefined,
  };
}

function scalingPolicyProperties(inputs: Inputs): Record<string, unknown> {
  const tracking = inputs.targetTrackingScalingPolicyConfiguration as Inputs | undefined;
  return {
    policyType: inputs.policyType,
    metric: tracking?.predefinedMetricSpecification?.predefinedMetricType,
    targetValue: tracking?.targetValue,
    scaleOutCooldownSeconds: tracking?.scaleOutCooldown,
    scaleInCooldownSeconds: tracking?.scaleInCooldown,
  };
}

/** Each rule of a web ACL, keyed `rule <priority>`: what it runs and what it does to a match. */
/** A regex longer than this is shown by its length: the content-length one is a few hundred characters. */
const SHOWN_REGEX_LENGTH = 40;

/** A custom rule's statement in words: `content-length matches a 231-character regex`, `(a or b)`. */
function statementSummary(statement: Inputs): string {
  const field = (match: Inputs | undefined): string => String((match?.singleHeader as Inputs | undefined)?.name ?? (match?.method === undefined ? "?" : "method"));
  const regex = statement.regexMatchStatement as Inputs | undefined;
  if (regex !== undefined) {
    const text = String(regex.regexString);
    return `${field(regex.fieldToMatch as Inputs)} matches ${text.length > SHOWN_REGEX_LENGTH ? `a ${text.length}-character regex` : text}`;
  }
  const size = statement.sizeConstraintStatement as Inputs | undefined;
  if (size !== undefined) {
    return `${field(size.fieldToMatch as Inputs)} size ${size.comparisonOperator} ${size.size}`;
  }
  for (const [key, word] of [["andStatement", "and"], ["orStatement", "or"]] as const) {
    const nested = (statement[key] as Inputs | undefined)?.statements;
    if (Array.isArray(nested)) {
      return `(${(nested as Inputs[]).map(statementSummary).join(` ${word} `)})`;
    }
  }
  const negated = (statement.notStatement as Inputs | undefined)?.statement as Inputs | undefined;
  return negated === undefined ? "?" : `not ${statementSummary(negated)}`;
}

function webAclRuleProperties(rules: unknown): Record<string, string> {
  if (!Array.isArray(rules)) {
    return {};
  }
  const describe = (rule: Inputs): string => {
    const rate = rule.statement?.rateBasedStatement as Inputs | undefined;
    const managed = rule.statement?.managedRuleGroupStatement as Inputs | undefined;
    if (rate !== undefined) {
      const action = Object.keys((rule.action ?? {}) as Inputs).join("/");
      return `${rule.name}: ${action} above ${rate.limit} requests per ${rate.evaluationWindowSec} s per ${rate.aggregateKeyType}`;
    }
    if (managed !== undefined) {
      const overrides = Array.isArray(managed.ruleActionOverrides)
        ? (managed.ruleActionOverrides as Inputs[]).map((override) => `${override.name} -> ${Object.keys((override.actionToUse ?? {}) as Inputs).join("/")}`)
        : [];
      const actions = overrides.length === 0 ? "its rules' own actions" : `its rules' own actions except ${overrides.join(" and ")}`;
      return `${rule.name}: ${managed.vendorName} ${managed.name}, ${actions}`;
    }
    if (rule.statement !== undefined) {
      return `${rule.name}: ${Object.keys((rule.action ?? {}) as Inputs).join("/")} if ${statementSummary(rule.statement as Inputs)}`;
    }
    return String(rule.name);
  };
  return Object.fromEntries(
    [...(rules as Inputs[])]
      .sort((left, right) => Number(left.priority) - Number(right.priority))
      .map((rule) => [`rule ${rule.priority}`, describe(rule)]),
  );
}

/** Whether the ACL and every rule publish CloudWatch metrics and keep sampled requests. */
function webAclMetrics(inputs: Inputs): string {
  const configs = [inputs.visibilityConfig, ...(Array.isArray(inputs.rules) ? (inputs.rules as Inputs[]).map((rule) => rule.visibilityConfig) : [])] as (Inputs | undefined)[];
  const on = (key: string) => configs.every((config) => config?.[key] === true);
  return `CloudWatch ${on("cloudwatchMetricsEnabled") ? "on" : "OFF"} and sampled requests ${on("sampledRequestsEnabled") ? "on" : "OFF"}, for the ACL and each rule`;
}

/**
 * When a change of class, storage, Multi-AZ or engine takes effect, and what it costs then
 * (RDS ModifyDBInstance, ApplyImmediately; a class change reboots the instance, or with Multi-AZ
 * modifies the standby and fails over to it).
 */
export function databaseChangesApply(inputs: Inputs): string {
  if (inputs.applyImmediately !== true) {
    return "in the next weekly maintenance window (the connection budget and alarms already assume the new values)";
  }
  return inputs.multiAz === true
    ? "during pulumi up (a class change fails over to the standby: a minute or two of dropped connections)"
    : "during pulumi up (a class change reboots the instance: minutes without a database)";
}

/** The properties an operator reviews, per type; other types show only their name. */
function typeProperties(resource: RegisteredResource): Record<string, unknown> {
  const inputs = resource.inputs;
  switch (resource.type) {
    case "awsx:ec2:Vpc":
      return {
        availabilityZones: inputs.numberOfAvailabilityZones,
        natGateways: inputs.natGateways?.strategy,
        subnets: Array.isArray(inputs.subnetSpecs) ? (inputs.subnetSpecs as Inputs[]).map((spec) => String(spec.type)) : undefined,
      };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { description: inputs.description };
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return { port: portRange(inputs), from: inputs.cidrIpv4 ?? `security group ${inputs.referencedSecurityGroupId}` };
    case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
      return { port: portRange(inputs), to: inputs.cidrIpv4 ?? `security group ${inputs.referencedSecurityGroupId}` };
    case "aws:secretsmanager/secret:Secret":
      return {};
    case "aws:secretsmanager/secretVersion:SecretVersion":
      return { value: SECRET_PLACEHOLDER };
    case "random:index/randomPassword:RandomPassword":
      return { length: inputs.length, special: inputs.special, result: SECRET_PLACEHOLDER };
    case "aws:rds/instance:Instance":
      return {
        engine: `${inputs.engine} ${inputs.engineVersion}`,
        instanceClass: inputs.instanceClass,
        multiAz: inputs.multiAz,
        storage: `${inputs.storageType} ${inputs.allocatedStorage} GiB (grows to ${inputs.maxAllocatedStorage} GiB)`,
        publiclyAccessible: inputs.publiclyAccessible,
        storageEncrypted: inputs.storageEncrypted,
        deletionProtection: inputs.deletionProtection,
        skipFinalSnapshot: inputs.skipFinalSnapshot,
        backupRetentionDays: inputs.backupRetentionPeriod,
        changesApply: databaseChangesApply(inputs),
        allowMajorVersionUpgrade: inputs.allowMajorVersionUpgrade,
        password: inputs.password === undefined ? undefined : SECRET_PLACEHOLDER,
      };
    case "aws:rds/parameterGroup:ParameterGroup":
      return {
        family: inputs.family,
        parameters: Array.isArray(inputs.parameters) ? (inputs.parameters as Inputs[]).map((p) => `${p.name}=${p.value}`) : undefined,
      };
    case "aws:rds/subnetGroup:SubnetGroup":
      return { subnets: Array.isArray(inputs.subnetIds) ? inputs.subnetIds.length : undefined };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return {
        engine: `${inputs.engine} ${inputs.engineVersion}`,
        nodeType: inputs.nodeType,
        nodes: inputs.numCacheClusters,
        automaticFailover: inputs.automaticFailoverEnabled,
        multiAz: inputs.multiAzEnabled,
        encryptionInTransit: inputs.transitEncryptionEnabled,
        encryptionAtRest: inputs.atRestEncryptionEnabled,
        authToken: inputs.authToken === undefined ? undefined : SECRET_PLACEHOLDER,
        port: inputs.port,
      };
    case "aws:elasticache/subnetGroup:SubnetGroup":
      return { subnets: Array.isArray(inputs.subnetIds) ? inputs.subnetIds.length : undefined };
    case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
      return {
        blockPublicAcls: inputs.blockPublicAcls,
        blockPublicPolicy: inputs.blockPublicPolicy,
        ignorePublicAcls: inputs.ignorePublicAcls,
        restrictPublicBuckets: inputs.restrictPublicBuckets,
      };
    case "aws:s3/bucketVersioning:BucketVersioning":
      return { versioning: inputs.versioningConfiguration?.status };
    case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
      return { encryption: inputs.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm };
    case "aws:s3/bucketPolicy:BucketPolicy":
      return { statements: policyActions(inputs.policy) };
    case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
      const rule = (inputs.rules as Inputs[] | undefined)?.[0];
      return {
        expireAfterDays: rule?.expiration?.days,
        expireNoncurrentAfterDays: rule?.noncurrentVersionExpiration?.noncurrentDays,
      };
    }
    case "aws:s3/bucketObjectv2:BucketObjectv2":
      return { key: inputs.key, contentType: inputs.contentType };
    case "aws:lb/loadBalancer:LoadBalancer":
      return {
        exposure: inputs.internal === true ? "internal" : "public (internet-facing)",
        loadBalancerType: inputs.loadBalancerType,
        subnets: Array.isArray(inputs.subnets) ? inputs.subnets.length : undefined,
        idleTimeoutSeconds: inputs.idleTimeout,
        dropInvalidHeaderFields: inputs.dropInvalidHeaderFields,
        accessLogs: inputs.accessLogs?.enabled === true ? `s3://${inputs.accessLogs.bucket}/${inputs.accessLogs.prefix ?? ""}` : "off",
      };
    case "aws:lb/targetGroup:TargetGroup":
      return {
        target: `${inputs.targetType} ${inputs.protocol}:${inputs.port}`,
        healthCheck: inputs.healthCheck?.path,
        deregistrationDelaySeconds: inputs.deregistrationDelay,
      };
    case "aws:lb/listener:Listener": {
      const action = inputs.defaultActions?.[0];
      return {
        listener: `${inputs.protocol}:${inputs.port}`,
        tls: inputs.protocol === "HTTPS" ? inputs.sslPolicy : "none (plain HTTP)",
        certificateArn: inputs.certificateArn,
        action: action?.type === "redirect" ? `redirect to ${action.redirect?.protocol}:${action.redirect?.port}` : action?.type,
      };
    }
    case "aws:acm/certificate:Certificate":
      return { domainName: inputs.domainName, validation: inputs.validationMethod };
    case "aws:acm/certificateValidation:CertificateValidation":
      return { certificate: inputs.certificateArn, waitsForRecords: inputs.validationRecordFqdns };
    case "aws:route53/record:Record": {
      const alias = Array.isArray(inputs.aliases) ? (inputs.aliases as Inputs[])[0] : undefined;
      return {
        record: `${inputs.name} ${inputs.type}`,
        zone: inputs.zoneId,
        to:
          alias === undefined
            ? inputs.records
            : `alias of ${alias.name} (zone ${alias.zoneId}), evaluateTargetHealth ${alias.evaluateTargetHealth}`,
        ttlSeconds: inputs.ttl,
      };
    }
    case "aws:ecs/cluster:Cluster":
      return {
        containerInsights: Array.isArray(inputs.settings)
          ? (inputs.settings as Inputs[]).find((setting) => setting.name === "containerInsights")?.value
          : undefined,
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { retentionDays: inputs.retentionInDays };
    case "aws:iam/role:Role":
      return { assumedBy: parsedJson(inputs.assumeRolePolicy)?.Statement?.[0]?.Principal?.Service };
    case "aws:iam/rolePolicy:RolePolicy":
      return { allows: policyActions(inputs.policy) };
    case "aws:ecs/taskDefinition:TaskDefinition":
      return taskDefinitionProperties(inputs);
    case "aws:ecs/service:Service":
      return {
        desiredCount: inputs.desiredCount,
        launchType: inputs.launchType,
        network:
          inputs.networkConfiguration?.assignPublicIp === true
            ? "public subnets, a public IP per task (ingress from the load balancer's security group only)"
            : "private subnets, no public IP",
        circuitBreakerRollback: inputs.deploymentCircuitBreaker?.rollback,
        waitForSteadyState: inputs.waitForSteadyState,
        // Names only: the values are secret version ids and the operator's revision label.
        redeployedWhenChanged: Object.keys((inputs.triggers ?? {}) as Inputs).sort().join(", "),
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return metricAlarmProperties(inputs);
    case "aws:appautoscaling/target:Target":
      return { scales: inputs.scalableDimension, minCapacity: inputs.minCapacity, maxCapacity: inputs.maxCapacity };
    case "aws:appautoscaling/policy:Policy":
      return scalingPolicyProperties(inputs);
    case "aws:sns/topic:Topic":
      return { encryption: inputs.kmsMasterKeyId };
    case "aws:kms/key:Key":
      return { keyRotation: inputs.enableKeyRotation, deletionWindowDays: inputs.deletionWindowInDays, ...keyPolicyStatements(inputs.policy) };
    case "aws:kms/alias:Alias":
      return { name: inputs.name };
    case "aws:wafv2/webAcl:WebAcl":
      return {
        scope: inputs.scope,
        defaultAction: Object.keys((inputs.defaultAction ?? {}) as Inputs).join("/"),
        ...webAclRuleProperties(inputs.rules),
        metrics: webAclMetrics(inputs),
      };
    case "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration":
      return {
        logsTo: inputs.logDestinationConfigs,
        redactedHeaders: Array.isArray(inputs.redactedFields)
          ? (inputs.redactedFields as Inputs[]).map((field) => String(field.singleHeader?.name ?? Object.keys(field).join("/")))
          : undefined,
      };
    case "aws:cloudwatch/logResourcePolicy:LogResourcePolicy":
      return { scope: inputs.resourceArn ?? `account-wide (${inputs.policyName})`, ...keyPolicyStatements(inputs.policyDocument) };
    case "aws:ec2/flowLog:FlowLog":
      return { vpc: inputs.vpcId, traffic: inputs.trafficType, destination: `${inputs.logDestinationType} ${inputs.logDestination}` };
    case "aws:wafv2/webAclAssociation:WebAclAssociation":
      return { protects: inputs.resourceArn };
    case "aws:sns/topicSubscription:TopicSubscription":
      return { protocol: inputs.protocol, endpoint: inputs.endpoint };
    case "aws:sns/topicPolicy:TopicPolicy":
      return keyPolicyStatements(inputs.policy);
    case "aws:budgets/budget:Budget":
      return {
        limit: `${inputs.limitAmount} ${inputs.limitUnit}, ${inputs.timeUnit} ${inputs.budgetType} budget`,
        notifies: Array.isArray(inputs.notifications)
          ? (inputs.notifications as Inputs[]).map((notification) => `${notification.notificationType} above ${notification.threshold}%`).join(", ")
          : "",
      };
    default:
      return {};
  }
}

/** Type-specific properties plus the options that guard against deletion. */
export function reviewedProperties(resource: RegisteredResource): Record<string, PlanValue> {
  return definedProperties({
    ...typeProperties(resource),
    protect: resource.protect ? true : undefined,
    retainOnDelete: resource.retainOnDelete ? true : undefined,
    ignoreChanges: resource.ignoreChanges.length > 0 ? [...resource.ignoreChanges] : undefined,
  });
}

/**
 * The nearest ancestor that is one of our components (Network, Database, ...), following parent
 * URNs; the outermost gateway component only when there is nothing nearer.
 */
function owningComponent(resource: RegisteredResource, byUrn: ReadonlyMap<string, RegisteredResource>): RegisteredResource | undefined {
  let current = byUrn.get(resource.parent);
  while (current !== undefined) {
    if (current.type.startsWith(OWN_COMPONENT_PREFIX)) {
      return current;
    }
    current = byUrn.get(current.parent);
  }
  return undefined;
}

/**
 * Every resource `pulumi up` would create, grouped under the component that owns it, in
 * registration order. Our components are groups, not entries; awsx's components (the VPC) are
 * entries, since they are what the operator asked for.
 */
export function resourcesByComponent(resources: readonly RegisteredResource[]): PlanComponent[] {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const groups = new Map<string, { component: RegisteredResource | undefined; resources: PlanResource[] }>();
  for (const resource of resources) {
    if (resource.type.startsWith(OWN_COMPONENT_PREFIX)) {
      continue;
    }
    const component = owningComponent(resource, byUrn);
    const key = component?.urn ?? "";
    const group = groups.get(key) ?? { component, resources: [] };
    group.resources.push({ type: shortType(resource.type), token: resource.type, name: resource.name, properties: reviewedProperties(resource) });
    groups.set(key, group);
  }
  // Components register in constructor order (deterministic); resources within one register
  // asynchronously, so they are sorted for a stable listing.
  const registrationOrder = (group: { component: RegisteredResource | undefined }) =>
    group.component === undefined ? -1 : resources.indexOf(group.component);
  return [...groups.values()]
    .sort((left, right) => registrationOrder(left) - registrationOrder(right))
    .map((group) => ({
      name: group.component?.name ?? "(stack)",
      type: group.component === undefined ? "Stack" : (group.component.type.split(":").at(-1) ?? group.component.type),
      resources: [...group.resources].sort(
        (left, right) => left.type.localeCompare(right.type, "en") || left.name.localeCompare(right.name, "en"),
      ),
    }));
}
