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
