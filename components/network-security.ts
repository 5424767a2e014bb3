import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { HTTPS_PORT, POSTGRES_PORT, PROXY_PORT, REDIS_PORT } from "../config/litellm/network-ports";
import { areAllowedCidrs } from "../config/settings/allowed-cidrs";

export interface NetworkSecurityArgs {
  readonly vpcId: pulumi.Input<string>;
  /**
   * IPv4 CIDR blocks allowed to reach the load balancer's listeners. Required: the caller passes
   * the validated stack setting allowedCidrs.
   */
  readonly allowedCidrs: readonly string[];
  /** The load balancer's listener ports, e.g. `[80, 443]`. Plain values: each becomes a rule. */
  readonly listenerPorts: readonly number[];
  /**
   * Add a group for Redis that takes 6379 from the service only, and the service's egress to it.
   * A plain value: it decides whether the group exists.
   * @default false
   */
  readonly redis?: boolean;
  /**
   * The port of a Redis the stack does not create (existingRedis): the service may send to it on
   * that port, anywhere, since its address is not the stack's to know; that Redis's own security
   * group decides who gets in. Excludes `redis`. A plain value.
   */
  readonly existingRedisPort?: number;
  /**
   * The database is not the stack's (existingDatabase): no database group; the service may send to
   * 5432 anywhere, and that database's own security group decides who gets in. A plain value.
   * @default false
   */
  readonly existingDatabase?: boolean;
}

const ANYWHERE_IPV4 = "0.0.0.0/0";
const TCP = "tcp";

/**
 * The three security groups and every rule between them, in one place so the whole traffic
 * picture reads at once:
 *
 *   allowed CIDRs --listener ports--> load balancer --4000--> service --5432--> database
 *                                                             service --443--> internet (providers, AWS APIs)
 *                                                             service --6379--> redis (only with `redis`)
 *
 * Rules are separate resources rather than inline blocks because the groups refer to each other
 * (inline rules would make a dependency cycle), and because a group declared without inline egress
 * loses AWS's default allow-all egress rule: nothing leaves a group unless a rule below says so.
 */
export class NetworkSecurity extends pulumi.ComponentResource {
  public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
  public readonly serviceSecurityGroupId: pulumi.Output<string>;
  /** Undefined with `existingDatabase`. */
  public readonly databaseSecurityGroupId: pulumi.Output<string> | undefined;
  /** Undefined unless `redis` is set. */
  public readonly redisSecurityGroupId: pulumi.Output<string> | undefined;

  constructor(name: string, args: NetworkSecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:NetworkSecurity", name, {}, opts);
    if (!areAllowedCidrs(args.allowedCidrs)) {
      throw new Error(
        `NetworkSecurity: allowedCidrs is ${JSON.stringify(args.allowedCidrs)}; pass at least one IPv4 CIDR block, each a network address (10.0.0.0/16, not 10.0.0.1/16; with none, nobody could reach the gateway), e.g. ["0.0.0.0/0"] or ["203.0.113.0/24"].`,
      );
    }

    const group = (suffix: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${suffix}`,
        { vpcId: args.vpcId, description, revokeRulesOnDelete: true, tags: { Name: `${name}-${suffix}` } },
        { parent: this },
      );
    const loadBalancer = group("alb", "LiteLLM gateway load balancer");
    const service = group("service", "LiteLLM gateway ECS tasks");
    const database = args.existingDatabase === true ? undefined : group("database", "LiteLLM gateway PostgreSQL");

    const ingress = (ruleName: string, rule: aws.vpc.SecurityGroupIngressRuleArgs) =>
      new aws.vpc.SecurityGroupIngressRule(`${name}-${ruleName}`, rule, { parent: this });
    const egress = (ruleName: string, rule: aws.vpc.SecurityGroupEgressRuleArgs) =>
      new aws.vpc.SecurityGroupEgressRule(`${name}-${ruleName}`, rule, { parent: this });

    for (const cidr of args.allowedCidrs) {
      for (const port of args.listenerPorts) {
        // Named by the CIDR, not its position: removing one entry from the list then deletes exactly
        // its rule, instead of rewriting the next rule into a duplicate that AWS rejects.
        ingress(`alb-in-${port}-${cidr.replace(/[./]/g, "-")}`, {
          securityGroupId: loadBalancer.id,
          description: `Clients on ${port}`,
          ipProtocol: TCP,
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        });
      }
    }
    egress("alb-out-service", {
      securityGroupId: loadBalancer.id,
      description: "To the LiteLLM tasks only",
      ipProtocol: TCP,
      fromPort: PROXY_PORT,
      toPort: PROXY_PORT,
      referencedSecurityGroupId: service.id,
    });

    ingress("service-in-alb", {
      securityGroupId: service.id,
      description: "From the load balancer only",
      ipProtocol: TCP,
      fromPort: PROXY_PORT,
      toPort: PROXY_PORT,
      referencedSecurityGroupId: loadBalancer.id,
    });
    // Providers, ghcr.io (image), Secrets Manager, S3 and CloudWatch Logs are all HTTPS endpoints
    // reached through NAT, or with public-subnets egress through the task's own public IP. Either
    // way this group's only ingress is the rule above: a public IP makes a task addressable from the
    // internet, not reachable. An OpenAI-compatible server on another port needs a rule of its own.
    egress("service-out-https", {
      securityGroupId: service.id,
      description: "HTTPS to providers and AWS APIs",
      ipProtocol: TCP,
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: ANYWHERE_IPV4,
    });
    if (database === undefined) {
      egress("service-out-existing-database", {
        securityGroupId: service.id,
        description: "PostgreSQL: the team's own (existingDatabase)",
        ipProtocol: TCP,
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        cidrIpv4: ANYWHERE_IPV4,
      });
    } else {
      egress("service-out-database", {
        securityGroupId: service.id,
        description: "PostgreSQL",
        ipProtocol: TCP,
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        referencedSecurityGroupId: database.id,
      });
      ingress("database-in-service", {
        securityGroupId: database.id,
        description: "From the LiteLLM tasks only",
        ipProtocol: TCP,
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        referencedSecurityGroupId: service.id,
      });
    }

    if (args.redis === true) {
      const redis = group("redis", "LiteLLM gateway Redis");
      egress("service-out-redis", {
        securityGroupId: service.id,
        description: "Redis: shared router state of LiteLLM",
        ipProtocol: TCP,
        fromPort: REDIS_PORT,
        toPort: REDIS_PORT,
        referencedSecurityGroupId: redis.id,
      });
      ingress("redis-in-service", {
        securityGroupId: redis.id,
        description: "From the LiteLLM tasks only",
        ipProtocol: TCP,
        fromPort: REDIS_PORT,
        toPort: REDIS_PORT,
        referencedSecurityGroupId: service.id,
      });
      this.redisSecurityGroupId = redis.id;
    }

    if (args.existingRedisPort !== undefined) {
      egress("service-out-existing-redis", {
        securityGroupId: service.id,
        description: "Redis: the team's own (existingRedis)",
        ipProtocol: TCP,
        fromPort: args.existingRedisPort,
        toPort: args.existingRedisPort,
        cidrIpv4: ANYWHERE_IPV4,
      });
    }

    this.loadBalancerSecurityGroupId = loadBalancer.id;
    this.serviceSecurityGroupId = service.id;
    this.databaseSecurityGroupId = database?.id;
    this.registerOutputs({
      loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
      serviceSecurityGroupId: this.serviceSecurityGroupId,
      ...(this.databaseSecurityGroupId === undefined ? {} : { databaseSecurityGroupId: this.databaseSecurityGroupId }),
      ...(this.redisSecurityGroupId === undefined ? {} : { redisSecurityGroupId: this.redisSecurityGroupId }),
    });
  }
}
