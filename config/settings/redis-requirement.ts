/**
 * When LiteLLM needs Redis: as soon as more than one LiteLLM process can serve traffic. Each
 * uvicorn worker keeps its router state in its own memory unless a Redis is configured, so with N
 * processes the rpm/tpm limits are N times too high, a deployment cooled down by one worker still
 * gets traffic from the others, usage is counted per process, and a revoked key stays valid in the
 * other workers' caches. Tasks x workers, not tasks alone: two workers in one task already split
 * the state. And the most tasks the service can run, not the usual count: autoscaling adds tasks
 * exactly when limits matter most.
 */
import { workersForCpu } from "./fargate-sizes";
import { isAutoscaled, maxServingTasks } from "./service-task-counts";
import type { ServiceTaskCounts } from "./service-task-counts";

/** The most LiteLLM processes serving traffic outside a deployment: tasks x uvicorn workers per task. */
export function litellmProcessCount(counts: ServiceTaskCounts, cpu: number): number {
  return maxServingTasks(counts) * workersForCpu(cpu);
}

/**
 * A message naming the settings and the fix when several LiteLLM processes could run without a
 * shared Redis; undefined when the stack is fine (one process, or Redis configured).
 */
export function redisRequirementProblem(counts: ServiceTaskCounts, cpu: number, hasRedis: boolean): string | undefined {
  const processes = litellmProcessCount(counts, cpu);
  if (hasRedis || processes <= 1) {
    return undefined;
  }
  const tasks = isAutoscaled(counts) ? `maxCount ${counts.maxCount}` : `desiredCount ${counts.desiredCount}`;
  return (
    `redisNodeType: missing, but ${tasks} x ${workersForCpu(cpu)} worker(s) per task (cpu ${cpu}) = ` +
    `${processes} LiteLLM processes, and without a shared Redis each keeps its own rate limits (up to ${processes}x the ` +
    "configured rpm/tpm), cooldowns, usage and key cache. Fix: pulumi config set redisNodeType cache.t4g.small " +
    "(redisNodes 2, the default, adds a replica with automatic failover), or name your own with existingRedis, or run a single LiteLLM process " +
    "(desiredCount 1, no maxCount above it, cpu 1024 or less)"
  );
}
