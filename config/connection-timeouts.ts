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
 * How long a deregistering task keeps receiving nothing new while its in-flight requests finish.
 * The default 300 s makes every deployment slow; LiteLLM's own ECS setup uses 30 s. Streams still
 * running after it have the container's stop timeout (below) to finish.
 */
export const DEREGISTRATION_DELAY_SECONDS = 30;

/**
 * Seconds between SIGTERM and SIGKILL: uvicorn stops accepting and lets in-flight streams finish.
 * 120 s is Fargate's maximum.
 */
export const CONTAINER_STOP_TIMEOUT_SECONDS = 120;
