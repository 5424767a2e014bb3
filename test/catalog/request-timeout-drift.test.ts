/**
 * The load balancer's deregistration delay and LiteLLM's request timeout are one constant: ECS
 * sends SIGTERM only after the delay, so a delay shorter than the request timeout would cut
 * requests LiteLLM is still waiting on at every deploy and scale-in.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { catalog } from "../../config/catalog";
import {
  CONTAINER_STOP_TIMEOUT_SECONDS,
  DEREGISTRATION_DELAY_SECONDS,
  GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS,
  REQUEST_TIMEOUT_SECONDS,
} from "../../config/litellm/connection-timeouts";
import { GRACEFUL_SHUTDOWN_TIMEOUT_ENV, proxyEnvironment } from "../../config/litellm/proxy-runtime";
import { DEFAULT_TIMEOUT_SECONDS, renderLitellmConfig } from "../../config/render/render-litellm-config";

/** ELBv2 TargetGroupAttribute deregistration_delay.timeout_seconds: "The range is 0-3600 seconds." */
const MAX_DEREGISTRATION_DELAY_SECONDS = 3600;
/** ECS ContainerDefinition stopTimeout: "For tasks that use the Fargate launch type, the max stop timeout value is 120 seconds". */
const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;
/** LiteLLM's GracefulShutdownManager default when GRACEFUL_SHUTDOWN_TIMEOUT is unset. */
const LITELLM_DEFAULT_GRACEFUL_SHUTDOWN_SECONDS = 30;

describe("the deregistration delay and the request timeout", () => {
  it("are the same constant as the renderer's default request timeout", () => {
    expect(DEREGISTRATION_DELAY_SECONDS).toBe(REQUEST_TIMEOUT_SECONDS);
    expect(DEFAULT_TIMEOUT_SECONDS).toBe(DEREGISTRATION_DELAY_SECONDS);
  });

  it.each(["dev", "prod"])("cover every timeout the committed catalog renders on %s", (stack) => {
    const config = parse(renderLitellmConfig(catalog, { stack }).yaml);
    const timeouts: number[] = [config.litellm_settings.request_timeout, config.router_settings.timeout];
    for (const model of config.model_list) {
      for (const key of ["timeout", "stream_timeout"]) {
        if (model.litellm_params[key] !== undefined) {
          timeouts.push(model.litellm_params[key]);
        }
      }
    }
    expect(Math.max(...timeouts)).toBe(DEREGISTRATION_DELAY_SECONDS);
  });

  it("is within the range the target group accepts", () => {
    expect(DEREGISTRATION_DELAY_SECONDS).toBeGreaterThanOrEqual(0);
    expect(DEREGISTRATION_DELAY_SECONDS).toBeLessThanOrEqual(MAX_DEREGISTRATION_DELAY_SECONDS);
  });
});

describe("the SIGTERM phase", () => {
  it("gives LiteLLM longer than its 30 s default to drain, and ends the drain before Fargate's SIGKILL", () => {
    expect(CONTAINER_STOP_TIMEOUT_SECONDS).toBeLessThanOrEqual(FARGATE_MAX_STOP_TIMEOUT_SECONDS);
    expect(GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS).toBeGreaterThan(LITELLM_DEFAULT_GRACEFUL_SHUTDOWN_SECONDS);
    expect(GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS).toBeLessThan(CONTAINER_STOP_TIMEOUT_SECONDS);
  });

  it("is passed to every LiteLLM process the runtime builds", () => {
    for (const configSource of [{ kind: "file", path: "/tmp/config.yaml" }, { kind: "s3", bucketName: "b", objectKey: "k" }] as const) {
      const environment = proxyEnvironment({ workers: 1, keepAliveTimeoutSeconds: 905, configSource });
      expect(environment[GRACEFUL_SHUTDOWN_TIMEOUT_ENV]).toBe(String(GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS));
    }
  });
});
