/**
 * Redis is wired from three places: the settings ask for it, NetworkSecurity makes its security
 * group (redis: true) and GatewaySecrets its AUTH token (redisAuthToken: true). A stack with Redis
 * settings and either part missing would create a Redis nobody can reach or authenticate to.
 */

export interface RedisWiring {
  /** The Redis security group exists. */
  readonly securityGroup: boolean;
  /** The AUTH token secret exists. */
  readonly authToken: boolean;
}

/** A message naming what is missing and the fix; undefined when both parts exist. */
export function redisWiringProblem(wiring: RedisWiring): string | undefined {
  if (wiring.securityGroup && wiring.authToken) {
    return undefined;
  }
  return "Redis needs NetworkSecurity with redis: true and GatewaySecrets with redisAuthToken: true; pass both when settings.redis is set.";
}
