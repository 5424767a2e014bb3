import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { REDIS_PORT } from "../config/litellm/network-ports";
import { isRedisNodeCount, isRedisNodeType, MAX_REDIS_NODES } from "../config/settings/redis-nodes";

export interface RedisArgs {
  /** Private subnets in at least two zones, so a replica can live in another zone than the primary. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The group that admits only the service's tasks on 6379 (see NetworkSecurity). */
  readonly securityGroupId: pulumi.Input<string>;
  /**
   * The AUTH token, from GatewaySecrets: 16 to 128 printable characters without `@`, `"` or `/`
   * (ElastiCache's rule); the generated one is letters and digits only.
   */
  readonly authToken: pulumi.Input<string>;
  /**
   * The node type of every node. A plain value.
   * @example "cache.t4g.small"
   */
  readonly nodeType: string;
  /**
   * Nodes: one primary plus replicas, 1 to 6. With 2 or more, a replica in another zone takes over
   * automatically when the primary or its zone fails (automatic failover + Multi-AZ). A plain value.
   * Required: the caller passes the validated stack setting redisNodes.
   */
  readonly nodes: number;
}

/**
 * ElastiCache for Valkey 8.0: Valkey nodes cost 20% less than Redis OSS nodes of the same type
 * (config/cost/aws-prices.ts), and LiteLLM talks to it with redis-py over the same protocol (Valkey
 * 8 is a fork of Redis OSS 7.2.4 and serves its commands and Lua scripts). 8.0 is the version the
 * end-to-end tests run (Debian's valkey-server 8.0.1, test/e2e/redis.test.ts); TLS in transit and
 * the AUTH token work as with Redis OSS (ElastiCache user guide, "Authenticating with the Valkey and
 * Redis OSS AUTH command").
 *
 * A group created as Redis OSS 7.1 by an earlier version of this stack is upgraded IN PLACE, not
 * replaced: ElastiCache's ModifyReplicationGroup takes the new engine, version and parameter group
 * ("How to upgrade from Redis OSS to Valkey": no downtime from Redis OSS 5.0.6, endpoint unchanged),
 * and the provider forces a new group only for an engine change other than redis -> valkey
 * (terraform-provider-aws internal/service/elasticache: customizeDiffEngineForceNewOnDowngrade).
 * The URN is unchanged (test/database/stateful-urns.test.ts), so the keys, counters and cooldowns
 * survive. Going back to Redis OSS WOULD replace the group: a new, empty one (LiteLLM rebuilds its
 * router state within a minute; cached keys are re-read from the database).
 */
export const REDIS_ENGINE = "valkey";
export const REDIS_ENGINE_VERSION = "8.0";
const REDIS_PARAMETER_GROUP = "default.valkey8";
/**
 * The router state (cooldowns, per-minute usage, cached keys) is rebuilt within a minute of an
 * empty start; snapshots would only cost money.
 */
const SNAPSHOT_RETENTION_DAYS = 0;

/**
 * LiteLLM's shared router state: an ElastiCache for Valkey replication group (cluster mode disabled:
 * LiteLLM's multi-key commands hit CROSSSLOT errors on cluster-mode Redis) in the private
 * subnets, reachable only from the service's security group, encrypted in transit (TLS, so the
 * task sets REDIS_SSL=true) and at rest, with an AUTH token.
 *
 * Clients connect to `primaryEndpointAddress`: after a failover it points at the new primary.
 */
export class Redis extends pulumi.ComponentResource {
  /** The primary's DNS name; follows failovers. */
  public readonly primaryEndpointAddress: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly replicationGroupId: pulumi.Output<string>;

  constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:Redis", name, {}, opts);
    if (!isRedisNodeCount(args.nodes)) {
      throw new Error(`Redis: nodes is ${args.nodes}; pass a whole number from 1 to ${MAX_REDIS_NODES} (a primary plus replicas), e.g. 2.`);
    }
    if (!isRedisNodeType(args.nodeType)) {
      throw new Error(`Redis: nodeType is "${args.nodeType}"; pass an ElastiCache node type, e.g. "cache.t4g.small".`);
    }
    const failover = args.nodes >= 2;

    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { description: "LiteLLM gateway Redis: private subnets", subnetIds: args.subnetIds },
      { parent: this },
    );
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-group`,
      {
        description: "LiteLLM gateway shared router state",
        engine: REDIS_ENGINE,
        engineVersion: REDIS_ENGINE_VERSION,
        parameterGroupName: REDIS_PARAMETER_GROUP,
        nodeType: args.nodeType,
        numCacheClusters: args.nodes,
        port: REDIS_PORT,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [args.securityGroupId],
        automaticFailoverEnabled: failover,
        multiAzEnabled: failover,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        atRestEncryptionEnabled: true,
        authToken: pulumi.secret(args.authToken),
        autoMinorVersionUpgrade: true,
        // Changes apply during pulumi up, not in the weekly maintenance window: the Redis OSS ->
        // Valkey upgrade above has no downtime, and a change left pending until the window would
        // read back as the old engine, so each up until then would show the same diff again. A
        // node type change is an online scaling with a failover to the replica.
        applyImmediately: true,
        snapshotRetentionLimit: SNAPSHOT_RETENTION_DAYS,
      },
      { parent: this },
    );

    this.primaryEndpointAddress = group.primaryEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.replicationGroupId = group.id;
    this.registerOutputs({
      primaryEndpointAddress: this.primaryEndpointAddress,
      port: this.port,
      replicationGroupId: this.replicationGroupId,
    });
  }
}
