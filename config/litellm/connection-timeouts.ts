/**
 * Timeouts along the client -> load balancer -> LiteLLM path. They are chosen together: each hop
 * must keep an idle connection open at least as long as the hop in front of it.
 */

/**
 * How long the load balancer keeps a connection with no bytes flowing. The default 60 s cuts long
 * completions and slow-starting streams (504s); 900 s covers LLM calls that think for minutes.
 */
export const LOAD_BALANCER_IDLE_TIMEOUT_SECONDS = 900;

/** Enough that the load balancer always closes an idle connection first. */
const KEEP_ALIVE_MARGIN_SECONDS = 5;

/**
 * uvicorn's keep-alive must outlast the load balancer's idle timeout: if LiteLLM closed an idle
 * connection first, the load balancer could send a request down it and the client would get a 502.
 */
export const PROXY_KEEP_ALIVE_TIMEOUT_SECONDS = LOAD_BALANCER_IDLE_TIMEOUT_SECONDS + KEEP_ALIVE_MARGIN_SECONDS;

/**
 * The longest request the gateway allows: LiteLLM's `request_timeout` and the router's `timeout`
 * (config/render/render-litellm-config.ts renders this as their default, and the catalog may only lower
 * it), and the deregistration delay below. One constant, so the two cannot drift.
 */
export const REQUEST_TIMEOUT_SECONDS = 600;

/**
 * How long the load balancer lets a deregistering task finish its in-flight requests before it
 * closes their connections. The order of events when ECS stops a task behind a load balancer (a
 * rolling deploy, a scale-in, an AZ rebalance): ECS deregisters the target, the load balancer sends
 * it no new requests and waits up to this delay for open requests to end (the target turns
 * UNUSED), and only then does ECS send SIGTERM. So this delay, not the container's stop timeout,
 * decides whether a long completion or stream survives; 30 s (LiteLLM's own ECS setup) would cut
 * every request still running 30 s in. Hence the longest request the gateway allows. (LiteLLM's
 * timeout bounds each wait on the provider, httpx-style, so a stream that keeps sending chunks for
 * more than 600 s in total can still be cut by a deploy; AWS allows at most 3600 s anyway.)
 *
 * The cost is rollout time, paid only while long requests run: a target with no in-flight
 * requests finishes deregistering at once, so a deploy or scale-in waits up to 600 s per batch of
 * tasks only when some request on them is still running.
 *
 * AWS allows 0-3600 s (ELBv2 API reference, TargetGroupAttribute, used by
 * ModifyTargetGroupAttributes: "deregistration_delay.timeout_seconds ... The range is 0-3600
 * seconds. The default value is 300 seconds."); a test holds the value in that range.
 */
export const DEREGISTRATION_DELAY_SECONDS = REQUEST_TIMEOUT_SECONDS;

/** The target group attribute's upper bound (see above: "The range is 0-3600 seconds"). */
export const MAX_DEREGISTRATION_DELAY_SECONDS = 3600;

/** A deregistration delay the target group accepts: whole seconds from 0 to 3600. */
export function isDeregistrationDelay(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_DEREGISTRATION_DELAY_SECONDS;
}

/**
 * Seconds between SIGTERM and SIGKILL, after deregistration has finished: what is still running
 * then (a request that outlived the delay, or one that did not come through the load balancer)
 * gets this long. 120 s is Fargate's maximum (ECS API reference, ContainerDefinition `stopTimeout`:
 * "For tasks that use the Fargate launch type, the max stop timeout value is 120 seconds").
 */
export const CONTAINER_STOP_TIMEOUT_SECONDS = 120;

/**
 * LiteLLM's own margin between its drain and SIGKILL: after the drain it still closes the database
 * and other clients (litellm/constants.py `GRACEFUL_SHUTDOWN_TEARDOWN_HEADROOM_SECONDS = 10`).
 */
const SHUTDOWN_TEARDOWN_HEADROOM_SECONDS = 10;

/**
 * How long LiteLLM waits on SIGTERM for in-flight requests before cancelling them (its
 * `GRACEFUL_SHUTDOWN_TIMEOUT` variable, passed to uvicorn as `timeout_graceful_shutdown`; 30 s
 * when unset). Set to use the whole stop timeout less the teardown headroom, so the process exits
 * on its own before ECS sends SIGKILL. LiteLLM's other drain hook, `/health/drain` (off unless
 * `enable_drain_endpoint`), is for a Kubernetes preStop hook; ECS has none, and deregistration
 * already stops new requests, so it is not used.
 */
export const GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS = CONTAINER_STOP_TIMEOUT_SECONDS - SHUTDOWN_TEARDOWN_HEADROOM_SECONDS;

/**
 * How long Fargate Spot warns before it takes a task back: "your tasks are interrupted with a
 * two-minute warning" (ECS Developer Guide, "Amazon ECS clusters for Fargate").
 */
export const SPOT_INTERRUPTION_WARNING_SECONDS = 120;

/**
 * The part of the Spot warning left for the SIGTERM phase: LiteLLM's drain of what is still running
 * (SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS) plus its teardown headroom, which flushes the spend and
 * request counters it batches in memory to the database (proxy_shutdown_event).
 */
const SPOT_SIGTERM_PHASE_SECONDS = 30;

/**
 * The deregistration delay of a stack with Spot tasks. On a Spot interruption ECS deregisters the
 * task from the target group before it sends SIGTERM (AWS What's New, 2023-02-13, "Amazon ECS
 * improves accuracy of service load balancing"), and the task is gone two minutes after the
 * warning whatever the delay says; so AWS asks for a delay below two minutes on every target group
 * of FARGATE_SPOT tasks (AWS Knowledge Center, "How do I handle Spot termination notices in AWS
 * Fargate Spot tasks?"). 90 s: the load balancer sends the task no new request from the warning
 * on, lets in-flight requests run up to 90 s, then ECS sends SIGTERM with 30 s left for LiteLLM to
 * exit by itself.
 *
 * One target group serves all tasks, so this delay also bounds every deploy and scale-in of such a
 * stack, on-demand tasks included: a request still running 90 s after its task started draining
 * is cut, where an on-demand-only stack lets it run DEREGISTRATION_DELAY_SECONDS (600 s). That is
 * the price of Spot for long completions and streams.
 */
export const SPOT_DEREGISTRATION_DELAY_SECONDS = SPOT_INTERRUPTION_WARNING_SECONDS - SPOT_SIGTERM_PHASE_SECONDS;

/**
 * LiteLLM's drain on SIGTERM in a stack with Spot tasks: what is left of the Spot warning after the
 * deregistration delay, less LiteLLM's teardown headroom, so it exits by itself (and flushes its
 * counters) before the task is taken back. By then the load balancer has closed every request it
 * sent; only work that outlived them is waited for.
 */
export const SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS = SPOT_SIGTERM_PHASE_SECONDS - SHUTDOWN_TEARDOWN_HEADROOM_SECONDS;

/** The three numbers of a task stop, chosen together: see each constant above. */
export interface TaskStopTimings {
  /** The target group's deregistration_delay.timeout_seconds. */
  readonly deregistrationDelaySeconds: number;
  /** The container's stopTimeout: seconds between SIGTERM and SIGKILL. */
  readonly containerStopTimeoutSeconds: number;
  /** LiteLLM's GRACEFUL_SHUTDOWN_TIMEOUT. */
  readonly gracefulShutdownTimeoutSeconds: number;
}

/** On-demand tasks only: long requests survive deploys and scale-ins (600 s drain, 110 s SIGTERM phase). */
export const ON_DEMAND_STOP_TIMINGS: TaskStopTimings = {
  deregistrationDelaySeconds: DEREGISTRATION_DELAY_SECONDS,
  containerStopTimeoutSeconds: CONTAINER_STOP_TIMEOUT_SECONDS,
  gracefulShutdownTimeoutSeconds: GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS,
};

/**
 * Some tasks on Spot: drain and SIGTERM phase fit the two-minute warning together. The stop timeout
 * stays Fargate's 120 s maximum: LiteLLM exits after its own drain, long before it.
 */
export const SPOT_STOP_TIMINGS: TaskStopTimings = {
  deregistrationDelaySeconds: SPOT_DEREGISTRATION_DELAY_SECONDS,
  containerStopTimeoutSeconds: CONTAINER_STOP_TIMEOUT_SECONDS,
  gracefulShutdownTimeoutSeconds: SPOT_GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS,
};

/** The stop timings of a service with or without Spot tasks. */
export function taskStopTimings(withSpot: boolean): TaskStopTimings {
  return withSpot ? SPOT_STOP_TIMINGS : ON_DEMAND_STOP_TIMINGS;
}
