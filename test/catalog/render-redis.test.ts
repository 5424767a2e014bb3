/** The `redis` render option: the router finds Redis through variables the deployment fills. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { defineCatalog } from "../../config/catalog/define-catalog";
import { redisEnvironment } from "../../config/litellm/redis-environment";
import { findEnvReferences } from "../../config/render/missing-env-check";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { catalog } from "./fixtures/dev-and-prod-catalog";

type Json = Record<string, Record<string, unknown>>;

describe("rendering with redis", () => {
  it("gives router_settings redis_host, redis_port and redis_password as os.environ/ references, never values", () => {
    const rendered = renderLitellmConfig(catalog, { stack: "prod", redis: true });
    const config = parse(rendered.yaml) as Json;
    expect(config.router_settings).toMatchObject({
      redis_host: "os.environ/REDIS_HOST",
      redis_port: "os.environ/REDIS_PORT",
      redis_password: "os.environ/REDIS_PASSWORD",
    });
    // TLS is not a Router argument in 1.108.7 (an ssl key would be ignored): REDIS_SSL carries it.
    expect(Object.keys(config.router_settings)).not.toContain("ssl");
    expect(Object.keys(config.router_settings)).not.toContain("redis_url");
  });

  it("changes nothing else: the same YAML as without redis once the three keys are removed", () => {
    const plain = parse(renderLitellmConfig(catalog, { stack: "prod" }).yaml) as Json;
    const withRedis = parse(renderLitellmConfig(catalog, { stack: "prod", redis: true }).yaml) as Json;
    for (const key of ["redis_host", "redis_port", "redis_password"]) {
      delete withRedis.router_settings[key];
    }
    expect(withRedis).toEqual(plain);
  });

  it("keeps provider keys and deployment variables apart, together exactly the YAML's os.environ/ names", () => {
    const rendered = renderLitellmConfig(catalog, { stack: "prod", redis: true });
    expect(rendered.secretEnvNames).toEqual(["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]);
    expect(rendered.deploymentEnvNames).toEqual(["REDIS_HOST", "REDIS_PASSWORD", "REDIS_PORT"]);
    expect(findEnvReferences(rendered.yaml)).toEqual([...rendered.secretEnvNames, ...rendered.deploymentEnvNames].sort());
  });

  it("renders no Redis and no deployment variables by default", () => {
    const rendered = renderLitellmConfig(catalog, { stack: "prod" });
    expect(rendered.yaml).not.toContain("redis");
    expect(rendered.deploymentEnvNames).toEqual([]);
    expect(renderLitellmConfig(catalog, { stack: "prod", redis: false }).yaml).toBe(rendered.yaml);
  });

  it("refuses a provider key named like a Redis variable on every stack, when the catalog is defined", () => {
    // The task sets REDIS_HOST wherever Redis exists: the name is reserved (config/litellm/reserved-env-names.ts),
    // so a catalog cannot take it even for a stack without Redis today.
    expect(() =>
      defineCatalog({
        aliases: { chat: { deployments: [{ provider: "openai", model: "gpt-4.1-mini", apiKeyEnv: "REDIS_HOST" }] } },
      }),
    ).toThrow(/apiKeyEnv: "REDIS_HOST" is reserved: it is set by the gateway's task itself.*Fix: choose a name of your own/);
  });
});

describe("the Redis variables the task gets", () => {
  it("are the endpoint, the port as text and REDIS_SSL, never the password", () => {
    expect(redisEnvironment({ host: "master.example.cache.amazonaws.com", port: 6379, tls: true })).toEqual({
      REDIS_HOST: "master.example.cache.amazonaws.com",
      REDIS_PORT: "6379",
      REDIS_SSL: "true",
    });
    expect(redisEnvironment({ host: "127.0.0.1", port: 6390, tls: false }).REDIS_SSL).toBe("false");
  });
});
