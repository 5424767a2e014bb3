import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { DENIED_RESPONSE, listenerRuleSpecs, MAX_ADMIN_CIDRS } from "../config/access/client-api-paths";
import type { ListenerRuleSpec } from "../config/access/client-api-paths";
import {
  DEREGISTRATION_DELAY_SECONDS,
  isDeregistrationDelay,
  LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
  MAX_DEREGISTRATION_DELAY_SECONDS,
} from "../config/litellm/connection-timeouts";
import { HTTP_PORT, HTTPS_PORT, PROXY_PORT } from "../config/litellm/network-ports";
import { LIVENESS_PATH } from "../config/litellm/proxy-runtime";
import { isAdminCidr } from "../config/settings/admin-plane";
import { isAcmCertificateArn, missingIngressInput } from "../config/settings/ingress-tls";

export interface LoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Subnets in at least two zones: public ones for an internet-facing load balancer, private ones for an internal one. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * An internal load balancer has private addresses only: reachable from inside the network, never
   * from the internet.
   * @default false
   */
  readonly internal?: boolean;
  /** The load balancer's own group (see NetworkSecurity). */
  readonly securityGroupId: pulumi.Input<string>;
  /**
   * An ACM certificate (in the load balancer's region) for HTTPS on 443, with 80 redirecting to it.
   * Without one the load balancer serves plain HTTP on 80: clients would send keys in clear text,
   * so only for a stack whose settings allow it. Whether it is given decides which listeners
   * exist; its value may be an Output (a certificate the stack issues and validates).
   */
  readonly certificateArn?: pulumi.Input<string>;
  /**
   * The host name clients use instead of the load balancer's own DNS name: `url` becomes
   * `https://<domainName>`. Needs certificateArn (a certificate for that name). Without it, `url`
   * uses the load balancer's own DNS name.
   * @example "gateway.example.com"
   */
  readonly domainName?: string;
  /**
   * A Route 53 hosted zone containing domainName: an alias A record for domainName pointing at the
   * load balancer is created there. Without it the DNS record is the operator's to create.
   */
  readonly aliasZoneId?: pulumi.Input<string>;
  /**
   * Source ranges (IPv4 CIDRs, not 0.0.0.0/0, at most 30) from which every path is forwarded: the
   * admin plane (the adminCidrs setting). From anywhere else only the client API is forwarded
   * (config/access/client-api-paths.ts) and every other path gets a 403. Plain values: they decide
   * which listener rules exist.
   * @default []
   */
  readonly adminCidrs?: readonly string[];
  /**
   * Where the load balancer writes its access logs (AccessLogBucket): the bucket, the prefix and the
   * bucket policy that lets ELB write. The load balancer waits for the policy: ELB writes a test
   * file when access logs are turned on and refuses the attribute if it cannot. Without it, no
   * access logs.
   */
  readonly accessLogs?: LoadBalancerAccessLogs;
  /**
   * How long a deregistering task keeps its in-flight requests (0-3600 s): the longest request the
   * gateway allows (DEREGISTRATION_DELAY_SECONDS), or SPOT_DEREGISTRATION_DELAY_SECONDS when some
   * tasks run on Fargate Spot and the drain must end inside its two-minute warning
   * (config/litellm/connection-timeouts.ts, taskStopTimings).
   * @default 600
   */
  readonly deregistrationDelaySeconds?: number;
}

export interface LoadBalancerAccessLogs {
  readonly bucketName: pulumi.Input<string>;
  /** `access_logs.s3.prefix`; ELB appends `/AWSLogs/<account>/...`. @example "load-balancer" */
  readonly prefix: string;
  readonly bucketPolicy: pulumi.Resource;
}

/** TLS 1.3 and 1.2 only, forward-secret ciphers. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * The probe: `/health/liveliness` answers 200 without a key, a database or a provider call.
 * Not `/health/readiness`: it answers 503 while the database is unreachable, so a database blip
 * (a Multi-AZ failover takes a minute or two) would mark every task unhealthy at once and the
 * load balancer would fail all requests, including those that need no database (cached keys).
 * A task that cannot reach the database at start-up exits on its own (LiteLLM runs migrations
 * first), so it never turns healthy anyway.
 */
const HEALTH_CHECK = {
  path: LIVENESS_PATH,
  matcher: "200",
  protocol: "HTTP",
  // Two good probes 15 s apart bring a new task in within 30 s; three failures take one out in 45 s.
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
} as const;

/**
 * A public Application Load Balancer in front of the LiteLLM tasks: long idle timeout for
 * streams, invalid headers dropped, HTTPS with HTTP redirected to it when a certificate is given,
 * and the custom domain's alias record when a zone is given. The forwarding listener denies by
 * default (a fixed 403): its rules forward the client API from anywhere the security group lets
 * in, and every path only from adminCidrs, so LiteLLM's admin plane is off the internet.
 */
export class LoadBalancer extends pulumi.ComponentResource {
  /** What a WAF web ACL is associated with. */
  public readonly loadBalancerArn: pulumi.Output<string>;
  public readonly targetGroupArn: pulumi.Output<string>;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of its CloudWatch metrics. */
  public readonly loadBalancerArnSuffix: pulumi.Output<string>;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension, and half of the scaling policy's resource label. */
  public readonly targetGroupArnSuffix: pulumi.Output<string>;
  public readonly dnsName: pulumi.Output<string>;
  /** What clients use as the OpenAI base URL's origin: `https://<domainName>`, else `https://<dns name>`. */
  public readonly url: pulumi.Output<string>;
  /** The listener that forwards to the tasks; the ECS service must wait for it. */
  public readonly forwardingListener: aws.lb.Listener;
  /** Its rules: the client API from anywhere, then everything from the admin ranges (none without adminCidrs). */
  public readonly listenerRules: readonly aws.lb.ListenerRule[];

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:LoadBalancer", name, {}, opts);
    if (typeof args.certificateArn === "string" && !isAcmCertificateArn(args.certificateArn)) {
      throw new Error(
        `LoadBalancer: certificateArn "${args.certificateArn}" is not an ARN. Pass an ACM certificate ARN, e.g. arn:aws:acm:us-east-1:123456789012:certificate/<id>.`,
      );
    }
    const missing = missingIngressInput({
      certificate: args.certificateArn !== undefined,
      domainName: args.domainName !== undefined,
      aliasZone: args.aliasZoneId !== undefined,
    });
    if (missing === "certificate") {
      throw new Error(
        `LoadBalancer: domainName "${args.domainName}" needs certificateArn: https://${args.domainName} cannot be served without a certificate for it. Pass the certificate (settings: domainName with hostedZone, or certificateArn).`,
      );
    }
    if (missing === "domainName") {
      throw new Error("LoadBalancer: aliasZoneId needs domainName, the name the alias record is for. Pass both, or neither.");
    }
    const adminCidrs = args.adminCidrs ?? [];
    if (adminCidrs.length > MAX_ADMIN_CIDRS || !adminCidrs.every(isAdminCidr)) {
      throw new Error(
        `LoadBalancer: adminCidrs ${JSON.stringify(adminCidrs)} must be at most ${MAX_ADMIN_CIDRS} IPv4 CIDR blocks, none of them 0.0.0.0/0. Pass e.g. ["203.0.113.10/32"], or [] for no admin access.`,
      );
    }

    if (args.deregistrationDelaySeconds !== undefined && !isDeregistrationDelay(args.deregistrationDelaySeconds)) {
      throw new Error(
        `LoadBalancer: deregistrationDelaySeconds is ${args.deregistrationDelaySeconds}; the target group accepts whole seconds from 0 to ${MAX_DEREGISTRATION_DELAY_SECONDS}. Pass e.g. ${DEREGISTRATION_DELAY_SECONDS}.`,
      );
    }

    const loadBalancer = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerType: "application",
        internal: args.internal ?? false,
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        idleTimeout: LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
        // Requests with header names that are not valid HTTP never reach LiteLLM (request smuggling).
        dropInvalidHeaderFields: true,
        // access_logs.s3.enabled / .bucket / .prefix (ELBv2 LoadBalancerAttribute).
        ...(args.accessLogs === undefined
          ? {}
          : { accessLogs: { enabled: true, bucket: args.accessLogs.bucketName, prefix: args.accessLogs.prefix } }),
      },
      { parent: this, dependsOn: args.accessLogs === undefined ? [] : [args.accessLogs.bucketPolicy] },
    );

    if (args.aliasZoneId !== undefined && args.domainName !== undefined) {
      this.aliasRecord(name, args.domainName, args.aliasZoneId, loadBalancer);
    }

    const targetGroup = new aws.lb.TargetGroup(
      `${name}-targets`,
      {
        vpcId: args.vpcId,
        targetType: "ip",
        port: PROXY_PORT,
        protocol: "HTTP",
        // The longest request the gateway allows: ECS sends SIGTERM only after this delay, so it
        // alone decides whether a long request survives a deploy (config/litellm/connection-timeouts.ts);
        // with Spot tasks, shorter than the two-minute interruption warning.
        deregistrationDelay: args.deregistrationDelaySeconds ?? DEREGISTRATION_DELAY_SECONDS,
        healthCheck: {
          enabled: true,
          path: HEALTH_CHECK.path,
          matcher: HEALTH_CHECK.matcher,
          protocol: HEALTH_CHECK.protocol,
          port: "traffic-port",
          interval: HEALTH_CHECK.intervalSeconds,
          timeout: HEALTH_CHECK.timeoutSeconds,
          healthyThreshold: HEALTH_CHECK.healthyThreshold,
          unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
        },
      },
      { parent: this },
    );
    // Deny by default: what no rule forwards gets the 403 (config/access/client-api-paths.ts).
    const denied = [{ type: "fixed-response", fixedResponse: { ...DENIED_RESPONSE } }];

    if (args.certificateArn === undefined) {
      this.forwardingListener = new aws.lb.Listener(
        `${name}-http`,
        { loadBalancerArn: loadBalancer.arn, port: HTTP_PORT, protocol: "HTTP", defaultActions: denied },
        { parent: this },
      );
      this.url = pulumi.interpolate`http://${loadBalancer.dnsName}`;
    } else {
      this.forwardingListener = new aws.lb.Listener(
        `${name}-https`,
        {
          loadBalancerArn: loadBalancer.arn,
          port: HTTPS_PORT,
          protocol: "HTTPS",
          sslPolicy: TLS_POLICY,
          certificateArn: args.certificateArn,
          defaultActions: denied,
        },
        { parent: this },
      );
      new aws.lb.Listener(
        `${name}-http-redirect`,
        {
          loadBalancerArn: loadBalancer.arn,
          port: HTTP_PORT,
          protocol: "HTTP",
          defaultActions: [
            { type: "redirect", redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } },
          ],
        },
        { parent: this },
      );
      this.url = args.domainName === undefined ? pulumi.interpolate`https://${loadBalancer.dnsName}` : pulumi.output(`https://${args.domainName}`);
    }

    this.listenerRules = listenerRuleSpecs(adminCidrs).map((spec) =>
      this.listenerRule(name, spec, this.forwardingListener, targetGroup),
    );

    this.loadBalancerArn = loadBalancer.arn;
    this.targetGroupArn = targetGroup.arn;
    this.loadBalancerArnSuffix = loadBalancer.arnSuffix;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.dnsName = loadBalancer.dnsName;
    this.registerOutputs({
      loadBalancerArn: this.loadBalancerArn,
      targetGroupArn: this.targetGroupArn,
      loadBalancerArnSuffix: this.loadBalancerArnSuffix,
      targetGroupArnSuffix: this.targetGroupArnSuffix,
      dnsName: this.dnsName,
      url: this.url,
    });
  }

  /**
   * One listener rule: forward the client paths from anywhere (one path-pattern condition), or
   * every path from some admin ranges (one source-ip condition, which matches the connecting
   * address, never X-Forwarded-For: ELB API Reference, SourceIpConditionConfig). Priorities and
   * value counts come from listenerRuleSpecs, which keeps them inside the ELB limits.
   */
  private listenerRule(name: string, spec: ListenerRuleSpec, listener: aws.lb.Listener, targetGroup: aws.lb.TargetGroup): aws.lb.ListenerRule {
    const condition =
      spec.kind === "client-paths" ? { pathPattern: { values: [...spec.values] } } : { sourceIp: { values: [...spec.values] } };
    return new aws.lb.ListenerRule(
      `${name}-${spec.kind === "client-paths" ? "client" : "admin"}-${spec.priority}`,
      {
        listenerArn: listener.arn,
        priority: spec.priority,
        conditions: [condition],
        actions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      },
      { parent: this },
    );
  }

  /**
   * `domainName` as an alias A record for the load balancer: Route 53 answers with the load
   * balancer's current addresses (they change), and alias queries to an ELB are not billed. With
   * evaluateTargetHealth the record takes the health of the load balancer's targets (Route 53
   * Developer Guide, "Evaluate target health"); with a single record Route 53 still answers when
   * all are unhealthy. The load balancer is IPv4-only (its default ipAddressType), so no AAAA.
   * Route 53 API Reference, ResourceRecordSet: Type "A" with an AliasTarget (DNSName, HostedZoneId
   * = the load balancer's canonical hosted zone, EvaluateTargetHealth) and no TTL or records.
   */
  private aliasRecord(name: string, domainName: string, zoneId: pulumi.Input<string>, loadBalancer: aws.lb.LoadBalancer): aws.route53.Record {
    return new aws.route53.Record(
      `${name}-alias`,
      {
        zoneId,
        name: domainName,
        type: "A",
        aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
      },
      { parent: this },
    );
  }
}
