import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { bedrockModelProblems } from "../config/access/bedrock-permissions";
import type { BedrockModelReference } from "../config/access/bedrock-permissions";
import type { Catalog } from "../config/catalog/catalog-types";
import { billOfMaterials } from "../config/cost/bill-of-materials";
import type { CostLine } from "../config/cost/cost-model";
import { exportedCostEstimate, unpricedWarning } from "../config/cost/stack-cost-output";
import { usageForTraffic } from "../config/cost/usage-for-traffic";
import { taskStopTimings } from "../config/litellm/connection-timeouts";
import { databaseEnvironment } from "../config/litellm/database-environment";
import { listenerPorts } from "../config/litellm/network-ports";
import { OTEL_HEADERS_ENV, otelEnvironment } from "../config/litellm/otel-environment";
import { adminUiEnvironment } from "../config/litellm/proxy-runtime";
import { redisEnvironment } from "../config/litellm/redis-environment";
import { providerKeySelection, unusedProviderKeysWarning } from "../config/render/provider-key-selection";
import type { ProviderKeySelection } from "../config/render/provider-key-selection";
import { renderLitellmConfig } from "../config/render/render-litellm-config";
import { renderOptionsForStack } from "../config/render/stack-render-options";
import { usesSpot } from "../config/settings/fargate-capacity";
import { placeholderDomainSettings, placeholderDomainWarning, servesHttps } from "../config/settings/ingress-tls";
import type { LitellmCustomizationInput } from "../config/settings/litellm-customization";
import { awaitingValuesWarning, providerKeysAwaitingValues, redeployTriggers } from "../config/settings/provider-keys-rollout";
import { redisWiringProblem } from "../config/settings/redis-wiring";
import { unlimitedBodiesWarning } from "../config/settings/request-limits";
import { isAutoscaled } from "../config/settings/service-task-counts";
import { parseLitellmCustomization, StackSettingsError } from "../config/settings/stack-settings";
import type { StackSettings } from "../config/settings/stack-settings";
import { AccessLogBucket } from "./access-log-bucket";
import { ConfigBucket } from "./config-bucket";
import { Database } from "./database";
import { DomainCertificate } from "./domain-certificate";
import { GatewayAlarms } from "./gateway-alarms";
import { GatewaySecrets } from "./gateway-secrets";
import type { ContainerSecret } from "./gateway-secrets";
import { LoadBalancer } from "./load-balancer";
import { Network } from "./network";
import { NetworkSecurity } from "./network-security";
import { ProxyAutoscaling } from "./proxy-autoscaling";
import { ProxyService } from "./proxy-service";
import { Redis } from "./redis";
import { VpcFlowLogs } from "./vpc-flow-logs";
import { WebApplicationFirewall } from "./web-application-firewall";

export interface LitellmGatewayArgs {
  /** Validated stack settings (loadStackSettings). */
  readonly settings: StackSettings;
  /** The model catalog; rendered here to config.yaml for `stack`. */
  readonly catalog: Catalog;
  /** The Pulumi stack name: selects the aliases served on it. @example "prod" */
  readonly stack: string;
  /**
   * Provider key values from stack config, by environment variable name. Names the catalog does
   * not use are ignored with a warning; names it uses without a value get an empty secret.
   * @default {}
   */
  readonly providerKeyValues?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * The region whose list prices the exported monthly estimate uses (the stack's `aws:region`).
   * A plain value. Without one, or for a region config/cost/aws-prices.ts does not cover, no estimate
   * is exported and nothing else changes.
   * @example "us-east-1"
   */
  readonly costRegion?: string;
  /**
   * Custom LiteLLM settings for library use, the same five as the stack file's litellmSettings,
   * generalSettings, routerSettings, extraEnvironment and extraSecrets (and validated the same way):
   * merged over the rendered config.yaml, added to the task's environment and secrets. Refused when
   * `settings` already carries them.
   * @default {}
   */
  readonly litellm?: LitellmCustomizationInput;
}

/**
 * The whole gateway: network, security groups, secrets, database, config bucket, load balancer (with
 * an optional WAF) and the LiteLLM service, wired together. The catalog is rendered first, so a
 * catalog mistake stops the program before any resource is declared.
 */
export class LitellmGateway extends pulumi.ComponentResource {
  /** The OpenAI-compatible base URL's origin, e.g. `https://<load balancer>`. */
  public readonly url: pulumi.Output<string>;
  /** Where the master key lives; never the key itself. */
  public readonly masterKeySecretArn: pulumi.Output<string>;
  /** Where the Admin UI's password lives (user `admin`); undefined with adminUi off. */
  public readonly adminUiPasswordSecretArn: pulumi.Output<string> | undefined;
  public readonly configBucketName: pulumi.Output<string>;
  public readonly configObjectKey: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The created database's `host:port`; undefined with existingDatabase. */
  public readonly databaseEndpoint: pulumi.Output<string> | undefined;
  public readonly clusterName: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  public readonly providerKeySecretArns: pulumi.Output<Record<string, string>>;
  /**
   * Provider keys whose secret the operator must fill before tasks can start: those without a
   * stack config value, until `providerKeysRevision` declares them filled.
   */
  public readonly providerKeysAwaitingValues: pulumi.Output<string[]>;
  /** The model names clients can ask for on this stack. */
  public readonly aliases: pulumi.Output<string[]>;
  // Optional outputs are plain `undefined` where the thing does not exist, never an Output of
  // undefined: the stack then leaves them out, and a test can tell "absent by design" from a hole.
  /** Monthly USD at default usage (see `npm run plan` for the assumptions); undefined for an unpriced region. */
  public readonly estimatedMonthlyCostUsd: pulumi.Output<number> | undefined;
  /** The priced lines behind estimatedMonthlyCostUsd; undefined for an unpriced region. */
  public readonly costEstimate: pulumi.Output<CostLine[]> | undefined;
  /** The SNS topic the alarms notify; subscribe your pager or chat to it. Undefined with alarms off. */
  public readonly alarmTopicArn: pulumi.Output<string> | undefined;
  /** The WAF web ACL in front of the load balancer (its sampled requests show what it blocked). Undefined with waf off. */
  public readonly webAclArn: pulumi.Output<string> | undefined;

  /** The stack name: the traces' deployment.environment. */
  private readonly stack: string;

  constructor(name: string, args: LitellmGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:LitellmGateway", name, {}, opts);
    const settings = LitellmGateway.withCustomization(args);
    this.stack = args.stack;

    // The catalog is rendered first: a catalog mistake stops the program before any resource exists.
    const rendered = renderLitellmConfig(args.catalog, renderOptionsForStack(args.stack, settings));
    const bedrockModels = LitellmGateway.bedrockModels(rendered.bedrockModels);
    const providerKeys = providerKeySelection(rendered, args.providerKeyValues ?? {});
    const network = new Network(`${name}-network`, { settings: settings.network }, { parent: this });
    const security = this.createSecurity(name, settings, network);
    const secrets = this.createSecrets(name, settings, providerKeys);
    const database = this.createDatabase(name, settings, network, security, secrets);
    const redis = this.createRedis(name, settings, network, security, secrets);
    const configBucket = new ConfigBucket(
      `${name}-config`,
      { configYaml: rendered.yaml, ...(settings.configWriterArn === undefined ? {} : { writerArn: settings.configWriterArn }) },
      { parent: this },
    );
    const accessLogBucket = this.createAccessLogBucket(name, settings);
    const loadBalancer = this.createLoadBalancer(name, settings, network, security, accessLogBucket);
    // Keys without a config value stay "awaiting" until the operator fills them and says so with
    // providerKeysRevision; only then can `pulumi up` wait for the service without timing out.
    const awaiting = providerKeysAwaitingValues(secrets.providerKeysWithoutConfigValue, settings.providerKeysRevision);
    const service = this.createService(name, settings, bedrockModels, awaiting, {
      network,
      security,
      secrets,
      database,
      redis,
      configBucket,
      loadBalancer,
    });
    const firewall = this.createFirewall(name, settings, loadBalancer);
    this.createFlowLogs(name, settings, network);
    this.createAutoscaling(name, settings, service, loadBalancer);
    const alarms = this.createAlarms(name, settings, loadBalancer, service, database);
    this.warnOperator(args.stack, settings, providerKeys.unused, awaiting);

    this.url = loadBalancer.url;
    this.masterKeySecretArn = secrets.masterKeySecretArn;
    this.adminUiPasswordSecretArn = secrets.adminUiPasswordSecretArn;
    this.configBucketName = configBucket.bucketName;
    this.configObjectKey = pulumi.output(configBucket.objectKey);
    this.logGroupName = service.logGroupName;
    this.databaseEndpoint = database?.endpoint;
    this.clusterName = service.clusterName;
    this.serviceName = service.serviceName;
    this.providerKeySecretArns = secrets.providerKeySecretArns;
    this.providerKeysAwaitingValues = pulumi.output(awaiting);
    this.aliases = pulumi.output([...rendered.aliases]);
    const bill = billOfMaterials(settings, args.catalog, args.stack);
    const estimate = exportedCostEstimate(bill, args.costRegion, usageForTraffic(settings.expectedTraffic));
    const unpriced = unpricedWarning(args.stack, bill, args.costRegion);
    if (unpriced !== undefined) {
      pulumi.log.warn(unpriced, this);
    }
    this.estimatedMonthlyCostUsd = estimate === undefined ? undefined : pulumi.output(estimate.totalMonthlyUsd);
    this.costEstimate = estimate === undefined ? undefined : pulumi.output([...estimate.lines]);
    this.alarmTopicArn = alarms?.topicArn;
    this.webAclArn = firewall?.webAclArn;
    this.registerOutputs({
      url: this.url,
      masterKeySecretArn: this.masterKeySecretArn,
      adminUiPasswordSecretArn: this.adminUiPasswordSecretArn,
      configBucketName: this.configBucketName,
      configObjectKey: this.configObjectKey,
      logGroupName: this.logGroupName,
      databaseEndpoint: this.databaseEndpoint,
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      providerKeySecretArns: this.providerKeySecretArns,
      providerKeysAwaitingValues: this.providerKeysAwaitingValues,
      aliases: this.aliases,
      estimatedMonthlyCostUsd: this.estimatedMonthlyCostUsd,
      costEstimate: this.costEstimate,
      alarmTopicArn: this.alarmTopicArn,
      webAclArn: this.webAclArn,
    });
  }

  /** The settings with the `litellm` arg's custom LiteLLM settings, validated up front. */
  private static withCustomization(args: LitellmGatewayArgs): StackSettings {
    if (args.litellm === undefined) {
      return args.settings;
    }
    if (args.settings.litellm !== undefined) {
      throw new StackSettingsError([
        "LitellmGateway: litellm is set, but settings already carries custom LiteLLM settings (litellmSettings, generalSettings, routerSettings, extraEnvironment or extraSecrets); keep them in one place (drop the litellm arg, or remove them from the settings)",
      ]);
    }
    return { ...args.settings, litellm: parseLitellmCustomization(args.litellm) };
  }

  /** Plain HTTP only where the stack file sets allowPlainHttp; the settings refuse it anywhere else. */
  private createSecurity(name: string, settings: StackSettings, network: Network): NetworkSecurity {
    return new NetworkSecurity(
      `${name}-security`,
      {
        vpcId: network.vpcId,
        allowedCidrs: settings.ingress.allowedCidrs,
        listenerPorts: listenerPorts(servesHttps(settings.ingress.tls)),
        redis: settings.redis !== undefined,
        ...(settings.existingRedis === undefined ? {} : { existingRedisPort: settings.existingRedis.port }),
        existingDatabase: settings.existingDatabase !== undefined,
      },
      { parent: this },
    );
  }

  private createSecrets(name: string, settings: StackSettings, providerKeys: ProviderKeySelection<pulumi.Input<string>>): GatewaySecrets {
    return new GatewaySecrets(
      `${name}-secrets`,
      {
        providerKeyNames: providerKeys.names,
        providerKeyValues: providerKeys.values,
        redisAuthToken: settings.redis !== undefined,
        adminUiPassword: settings.adminPlane.adminUi,
        ...(settings.existingMasterKeySecretArn === undefined ? {} : { existingMasterKeySecretArn: settings.existingMasterKeySecretArn }),
        ...(settings.existingRedis === undefined ? {} : { existingRedisAuthTokenSecretArn: settings.existingRedis.authTokenSecretArn }),
        ...(settings.existingDatabase === undefined ? {} : { existingDatabaseSecretArn: settings.existingDatabase.secretArn }),
      },
      { parent: this },
    );
  }

  private createDatabase(
    name: string,
    settings: StackSettings,
    network: Network,
    security: NetworkSecurity,
    secrets: GatewaySecrets,
  ): Database | undefined {
    const { database, existingDatabase } = settings;
    if ((database === undefined) === (existingDatabase === undefined)) {
      throw new Error("LitellmGateway: settings needs exactly one of database (the RDS instance to create) and existingDatabase (yours); validate them with defineSettings or loadStackSettings.");
    }
    if (database === undefined) {
      return undefined;
    }
    // Both exist whenever existingDatabase is not set (GatewaySecrets and NetworkSecurity above).
    if (security.databaseSecurityGroupId === undefined || secrets.databasePassword === undefined) {
      throw new Error("LitellmGateway: the database needs NetworkSecurity's database group and GatewaySecrets' generated password; pass existingDatabase to neither.");
    }
    return new Database(
      `${name}-database`,
      {
        subnetIds: network.dataSubnetIds,
        securityGroupId: security.databaseSecurityGroupId,
        password: secrets.databasePassword,
        ...database,
      },
      { parent: this },
    );
  }

  private createLoadBalancer(
    name: string,
    settings: StackSettings,
    network: Network,
    security: NetworkSecurity,
    accessLogBucket: AccessLogBucket | undefined,
  ): LoadBalancer {
    return new LoadBalancer(
      `${name}-ingress`,
      {
        vpcId: network.vpcId,
        // Internal: beside the tasks (private subnets; with egress public-subnets, the tasks' own,
        // where an internal load balancer still gets private addresses only).
        ...(settings.ingress.scheme === "internal" ? { subnetIds: network.taskSubnetIds, internal: true } : { subnetIds: network.publicSubnetIds }),
        securityGroupId: security.loadBalancerSecurityGroupId,
        adminCidrs: settings.adminPlane.adminCidrs,
        // With Spot tasks the drain must end inside Spot's two-minute warning (ProxyService shortens
        // LiteLLM's own drain to match).
        deregistrationDelaySeconds: taskStopTimings(usesSpot(settings.service)).deregistrationDelaySeconds,
        ...this.ingressTls(name, settings.ingress.tls),
        ...(accessLogBucket === undefined
          ? {}
          : { accessLogs: { bucketName: accessLogBucket.bucketName, prefix: accessLogBucket.prefix, bucketPolicy: accessLogBucket.bucketPolicy } }),
      },
      { parent: this },
    );
  }

  /**
   * The load balancer's access-log bucket, with accessLogs on. The region (aws:region, or AWS_REGION
   * as the provider reads it) is a plain value: it picks ELB's log-delivery principal.
   */
  private createAccessLogBucket(name: string, settings: StackSettings): AccessLogBucket | undefined {
    if (!settings.securityLogs.accessLogs) {
      return undefined;
    }
    const region = aws.config.region;
    if (region === undefined) {
      throw new Error(
        "LitellmGateway: accessLogs needs the stack's region to choose who may write the access logs, and neither aws:region nor AWS_REGION is set. Set it: pulumi config set aws:region us-east-1",
      );
    }
    return new AccessLogBucket(`${name}-access-logs`, { region, retentionDays: settings.securityLogs.retentionDays }, { parent: this });
  }

  /** Flow logs of the VPC the stack created; an existing VPC's are its owner's (the settings say so). */
  private createFlowLogs(name: string, settings: StackSettings, network: Network): VpcFlowLogs | undefined {
    if (!settings.securityLogs.flowLogs || settings.network.kind === "existing") {
      return undefined;
    }
    return new VpcFlowLogs(
      `${name}-flow-logs`,
      {
        vpcId: network.vpcId,
        retentionDays: settings.securityLogs.retentionDays,
        ...(settings.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: settings.permissionsBoundaryArn }),
      },
      { parent: this },
    );
  }

  /**
   * The catalog's Bedrock models the task role may invoke; a model the IAM mapping cannot turn into
   * exact resources stops the program here, before any resource is declared.
   */
  private static bedrockModels(models: readonly BedrockModelReference[]): readonly BedrockModelReference[] {
    const problems = bedrockModelProblems(models);
    if (problems.length > 0) {
      throw new Error(`LitellmGateway: ${problems.join(" ")}`);
    }
    return models;
  }

  /** LiteLLM on Fargate, given the database (and Redis) as plain environment and the secrets by reference. */
  private createService(
    name: string,
    settings: StackSettings,
    bedrockModels: readonly BedrockModelReference[],
    awaiting: readonly string[],
    parts: {
      network: Network;
      security: NetworkSecurity;
      secrets: GatewaySecrets;
      database: Database | undefined;
      redis: Redis | undefined;
      configBucket: ConfigBucket;
      loadBalancer: LoadBalancer;
    },
  ): ProxyService {
    const { network, security, secrets, database, redis, configBucket, loadBalancer } = parts;
    const extraContainerSecrets = Object.entries(settings.litellm?.extraSecrets ?? {}).map(([secretName, valueFrom]) => ({ name: secretName, valueFrom }));
    const stackSecrets = LitellmGateway.withOtelHeaders(settings, secrets);
    return new ProxyService(
      `${name}-proxy`,
      {
        subnetIds: network.taskSubnetIds,
        assignPublicIp: network.tasksNeedPublicIp,
        securityGroupId: security.serviceSecurityGroupId,
        targetGroupArn: loadBalancer.targetGroupArn,
        // The whole load balancer, not just its listener: the target group is attached through the
        // listener rules (the listener's default action is the 403), and ECS refuses to create a
        // service whose target group no load balancer uses yet. Depending on a component waits for
        // all of its resources, the rules included.
        listener: loadBalancer,
        readAtTaskStart: [configBucket.configObject, ...secrets.secretValues],
        ...settings.service,
        ...(settings.image === undefined ? {} : { image: settings.image }),
        autoscaled: isAutoscaled(settings.service),
        ...(settings.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: settings.permissionsBoundaryArn }),
        configBucketName: configBucket.bucketName,
        configObjectKey: configBucket.objectKey,
        configObjectsArn: configBucket.configObjectsArn,
        // The stack's secrets, the OpenTelemetry headers (otel) and exactly the extra ones; the
        // execution role may read all of them.
        containerSecrets: stackSecrets.containerSecrets.apply((own) => [...own, ...extraContainerSecrets]),
        secretArns: stackSecrets.secretArns.apply((arns) => [...arns, ...extraContainerSecrets.map((secret) => secret.valueFrom)]),
        environment: pulumi
          .all([
            database?.address,
            database?.username,
            database?.databaseName,
            redis?.primaryEndpointAddress ?? settings.existingRedis?.host,
            redis?.port ?? settings.existingRedis?.port,
          ])
          .apply(([host, username, databaseName, redisHost, redisPort]) => ({
            // An existing database's host, user and name come from its secret (GatewaySecrets).
            ...databaseEnvironment(host === undefined || username === undefined || databaseName === undefined ? undefined : { host, username, databaseName }),
            // In-transit encryption is always on (an existingRedis must accept TLS too), so LiteLLM speaks TLS (REDIS_SSL=true).
            ...(redisHost === undefined || redisPort === undefined ? {} : redisEnvironment({ host: redisHost, port: redisPort, tls: true })),
            // The UI off (DISABLE_ADMIN_UI=True), or on with UI_USERNAME; UI_PASSWORD comes from secrets.
            ...adminUiEnvironment(settings.adminPlane.adminUi),
            // The OpenTelemetry export (otel): exporter, endpoint and resource names; its headers are a secret.
            ...(settings.otel === undefined ? {} : otelEnvironment({ endpoint: settings.otel.endpoint, environmentName: this.stack })),
            // Names checked against every name above (reserved-env-names.ts): none is overridden.
            ...settings.litellm?.extraEnvironment,
          })),
        bedrockModels,
        logRetentionDays: settings.logRetentionDays,
        // Tasks cannot start while a provider secret is empty; waiting would only time out.
        waitForSteadyState: awaiting.length === 0,
        // ECS reads secrets only at task start: a new secret version, or keys declared filled
        // outside Pulumi, must roll the service, or running tasks keep the old (or no) value.
        redeployTriggers: secrets.secretVersionIds.apply((versionIds) => redeployTriggers(versionIds, settings.providerKeysRevision)),
      },
      { parent: this },
    );
  }

  /**
   * The gateway's secrets, plus the otel headers secret the user brings (otel.headersSecretArn):
   * injected as OTEL_HEADERS, and readable by the execution role, like every other secret.
   */
  private static withOtelHeaders(
    settings: StackSettings,
    secrets: GatewaySecrets,
  ): { containerSecrets: pulumi.Output<ContainerSecret[]>; secretArns: pulumi.Output<string[]> } {
    const headersArn = settings.otel?.headersSecretArn;
    if (headersArn === undefined) {
      return { containerSecrets: secrets.containerSecrets, secretArns: secrets.secretArns };
    }
    return {
      containerSecrets: secrets.containerSecrets.apply((entries) => [...entries, { name: OTEL_HEADERS_ENV, valueFrom: headersArn }]),
      secretArns: secrets.secretArns.apply((arns) => [...arns, headersArn]),
    };
  }

  private createFirewall(name: string, settings: StackSettings, loadBalancer: LoadBalancer): WebApplicationFirewall | undefined {
    return settings.waf === undefined
      ? undefined
      : new WebApplicationFirewall(
          `${name}-waf`,
          {
            loadBalancerArn: loadBalancer.loadBalancerArn,
            ...settings.waf,
            ...(settings.securityLogs.accessLogs ? { logging: { retentionDays: settings.securityLogs.retentionDays } } : {}),
          },
          { parent: this },
        );
  }

  /** Only when maxCount is above desiredCount: a plain setting decides whether it exists. */
  private createAutoscaling(name: string, settings: StackSettings, service: ProxyService, loadBalancer: LoadBalancer): void {
    if (!isAutoscaled(settings.service)) {
      return;
    }
    new ProxyAutoscaling(
      `${name}-scaling`,
      {
        clusterName: service.clusterName,
        serviceName: service.serviceName,
        minCount: settings.service.desiredCount,
        maxCount: settings.service.maxCount,
        cpu: settings.service.cpu,
        loadBalancerArnSuffix: loadBalancer.loadBalancerArnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
      },
      { parent: this },
    );
  }

  private createAlarms(
    name: string,
    settings: StackSettings,
    loadBalancer: LoadBalancer,
    service: ProxyService,
    database: Database | undefined,
  ): GatewayAlarms | undefined {
    if (!settings.alarms.enabled) {
      return undefined;
    }
    return new GatewayAlarms(
      `${name}-alarms`,
      {
        cpu: settings.service.cpu,
        desiredCount: settings.service.desiredCount,
        maxCount: settings.service.maxCount,
        // A database the stack does not create has no database alarms (config/alarms/gateway-alarm-specs.ts).
        ...(settings.database === undefined || database === undefined
          ? {}
          : { dbInstanceClass: settings.database.instanceClass, dbAllocatedStorageGib: settings.database.allocatedStorageGib, databaseIdentifier: database.identifier }),
        loadBalancerArnSuffix: loadBalancer.loadBalancerArnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
        clusterName: service.clusterName,
        serviceName: service.serviceName,
        ...(settings.alarms.email === undefined ? {} : { email: settings.alarms.email }),
        ...(settings.monthlySpendAlarmUsd === undefined ? {} : { monthlySpendAlarmUsd: settings.monthlySpendAlarmUsd }),
      },
      { parent: this },
    );
  }

  /**
   * What the operator must hear about, in one place and in a fixed order: provider key values the
   * catalog ignores, a placeholder domain (the committed prod file names example.com, which must be
   * edited before a real deploy), provider keys whose secret is still empty, and request bodies
   * without a size limit (no WAF).
   */
  private warnOperator(stack: string, settings: StackSettings, unusedKeys: readonly string[], awaiting: readonly string[]): void {
    const { tls } = settings.ingress;
    const warnings = [
      unusedProviderKeysWarning(stack, unusedKeys),
      tls.kind === "plain-http" ? undefined : placeholderDomainWarning(placeholderDomainSettings(tls, pulumi.getStack())),
      awaiting.length > 0 ? awaitingValuesWarning(stack, awaiting) : undefined,
      settings.waf === undefined ? unlimitedBodiesWarning(stack) : undefined,
      settings.adminPlane.trustedProxyCidrs.length === 0
        ? `Stack ${stack}: existingVpcCidrs is not set, so LiteLLM sees the load balancer's address instead of each client's (its failed-login limit then counts per username only, and logs show the load balancer). Set the VPC's ranges: pulumi config set --path 'existingVpcCidrs[0]' <the VPC's CIDR>`
        : undefined,
    ];
    for (const warning of warnings) {
      if (warning !== undefined) {
        pulumi.log.warn(warning, this);
      }
    }
  }

  /**
   * The certificate, name and zone the load balancer serves HTTPS with. The zone is looked up
   * (public zones only) before anything is created, so a zone that is not in the account stops the
   * preview instead of leaving a certificate waiting for a validation record that never comes.
   */
  private ingressTls(
    name: string,
    tls: StackSettings["ingress"]["tls"],
  ): { certificateArn?: pulumi.Input<string>; domainName?: string; aliasZoneId?: pulumi.Input<string> } {
    if (tls.kind === "plain-http") {
      return {};
    }
    if (tls.kind === "issued-certificate") {
      const zoneId = this.publicZoneId(tls.hostedZone);
      const certificate = new DomainCertificate(`${name}-tls`, { domainName: tls.domainName, zoneId }, { parent: this });
      return { certificateArn: certificate.certificateArn, domainName: tls.domainName, aliasZoneId: zoneId };
    }
    // Your own certificate: with a zone the stack adds the alias record; without one the DNS is yours.
    return {
      certificateArn: tls.certificateArn,
      ...(tls.domainName === undefined ? {} : { domainName: tls.domainName }),
      ...(tls.hostedZone === undefined ? {} : { aliasZoneId: this.publicZoneId(tls.hostedZone) }),
    };
  }

  /** The zone's id; private zones are skipped, since ACM validates and clients resolve in public DNS. */
  private publicZoneId(hostedZone: string): pulumi.Output<string> {
    return aws.route53.getZoneOutput({ name: hostedZone, privateZone: false }, { parent: this }).zoneId;
  }

  /**
   * LiteLLM's shared router state: only stacks with Redis settings (more than one LiteLLM process).
   * The replication group sits in the group NetworkSecurity made for it, with the generated AUTH token.
   */
  private createRedis(
    name: string,
    settings: StackSettings,
    network: Network,
    security: NetworkSecurity,
    secrets: GatewaySecrets,
  ): Redis | undefined {
    if (settings.redis !== undefined && settings.existingRedis !== undefined) {
      throw new Error("LitellmGateway: settings has both redis and existingRedis; the gateway creates a Redis or uses yours, never both. Drop one.");
    }
    if (settings.redis === undefined) {
      return undefined;
    }
    const wiringProblem = redisWiringProblem({
      securityGroup: security.redisSecurityGroupId !== undefined,
      authToken: secrets.redisAuthToken !== undefined,
    });
    // redisWiringProblem decides; the two undefined checks only narrow the types for TypeScript.
    if (wiringProblem !== undefined || security.redisSecurityGroupId === undefined || secrets.redisAuthToken === undefined) {
      throw new Error(`LitellmGateway: ${wiringProblem}`);
    }
    return new Redis(
      `${name}-redis`,
      { subnetIds: network.dataSubnetIds, securityGroupId: security.redisSecurityGroupId, authToken: secrets.redisAuthToken, ...settings.redis },
      { parent: this },
    );
  }
}
