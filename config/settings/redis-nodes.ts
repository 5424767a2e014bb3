/**
 * What a Redis replication group may be made of, in one place: the stack settings check redisNodes
 * and redisNodeType with these, and the Redis component checks its args with the same functions.
 */
import { CACHE_NODE_TYPE_PATTERN } from "./instance-classes";

/** A non-cluster ElastiCache replication group: one primary and up to five replicas. */
export const MAX_REDIS_NODES = 6;

/** An ElastiCache node type: `cache.<family>.<size>`, e.g. cache.t4g.small. */
export const REDIS_NODE_TYPE_PATTERN = CACHE_NODE_TYPE_PATTERN;

/** A whole number of nodes from 1 (a primary alone) to MAX_REDIS_NODES. */
export function isRedisNodeCount(nodes: number): boolean {
  return Number.isInteger(nodes) && nodes >= 1 && nodes <= MAX_REDIS_NODES;
}

export function isRedisNodeType(nodeType: string): boolean {
  return REDIS_NODE_TYPE_PATTERN.test(nodeType);
}
