/**
 * How LiteLLM 1.108.7 finds its Redis, checked in that release's source (site-packages/litellm):
 *
 * - config.yaml `router_settings.redis_host` / `redis_port` / `redis_password` are arguments of
 *   `Router.__init__` (router.py:1102-1105); with host and port set the router builds a RedisCache
 *   for cooldowns, rpm/tpm usage and the scheduler (router.py:1268-1291, 1298-1311).
 * - `os.environ/NAME` values anywhere in the config, router_settings included, are resolved when
 *   the config is loaded (proxy/proxy_server.py:5860-5898, called at 6185).
 * - TLS is NOT a router setting: an `ssl` key in router_settings is ignored with a warning
 *   (proxy_server.py:7114-7135 keeps only Router arguments). Every redis client LiteLLM builds
 *   merges `REDIS_<ARG>` environment variables for each `redis.Redis` argument
 *   (_redis.py:196-200, 276-284, 524-537), so `REDIS_SSL=true` becomes `ssl=True` (coerced to a
 *   bool, _redis.py:207-273) and the connection pool switches to SSLConnection (_redis.py:935-936).
 * - With REDIS_HOST and REDIS_PORT in the environment the proxy also builds its own coordination
 *   Redis (spend counters, rate limiter, pod locks) after a 2 s ping (proxy_server.py:6011-6065,
 *   6760-6765). An unreachable Redis there is only a warning, which is why the router settings are
 *   rendered explicitly as well: the router then always uses Redis.
 *
 * So the task gets REDIS_HOST, REDIS_PORT and REDIS_SSL as plain variables (an endpoint and a
 * port are not secrets) and REDIS_PASSWORD (the ElastiCache AUTH token) as an ECS secret.
 */

export const REDIS_HOST_ENV = "REDIS_HOST";
export const REDIS_PORT_ENV = "REDIS_PORT";
/** Injected as an ECS secret, never as a plain variable. */
export const REDIS_PASSWORD_ENV = "REDIS_PASSWORD";
export const REDIS_SSL_ENV = "REDIS_SSL";


/**
 * Names config.yaml reads with `os.environ/` when Redis is on, which the deployment fills itself
 * (plain variables and the AUTH token secret): never provider keys.
 */
export const REDIS_CONFIG_ENV_NAMES: readonly string[] = [REDIS_HOST_ENV, REDIS_PASSWORD_ENV, REDIS_PORT_ENV];

export interface RedisEndpoint {
  readonly host: string;
  readonly port: number;
  /** ElastiCache with in-transit encryption refuses plain connections. */
  readonly tls: boolean;
}

/** The plain (non-secret) variables that point LiteLLM at its Redis. */
export function redisEnvironment(endpoint: RedisEndpoint): Record<string, string> {
  return {
    [REDIS_HOST_ENV]: endpoint.host,
    [REDIS_PORT_ENV]: String(endpoint.port),
    [REDIS_SSL_ENV]: endpoint.tls ? "true" : "false",
  };
}
