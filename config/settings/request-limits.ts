/**
 * What the operator must hear when a stack has no request-body limit. The limit lives in the WAF
 * (config/access/request-body-rules.ts): the load balancer has none of its own for ECS targets,
 * and LiteLLM 1.108.7 checks a request's size only for premium users (proxy_server.py:
 * RequestSizeLimitMiddleware with `is_request_size_limit_enabled=lambda: premium_user is True`),
 * and it reads the body before it checks the key (user_api_key_auth.py,
 * _read_request_body_deferring_parse_failure). So without a WAF anyone who
 * reaches the load balancer can send a task bodies of any size, no key needed.
 */
export function unlimitedBodiesWarning(stack: string): string {
  return (
    `Stack ${stack} has no WAF (waf is not true), so request bodies are unlimited: anyone who can reach the load balancer can send a single-worker task bodies of any size, without a key, and exhaust its memory. ` +
    `The body limit (maxRequestBodyMib) is enforced by the WAF only. Turn it on with: pulumi config set --stack ${stack} waf true (about $11.60/month at 1M requests), or keep allowedCidrs to addresses you trust.`
  );
}
