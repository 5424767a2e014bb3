/** The pure rules the stack is built from: Fargate sizes, workers, config keys (Bedrock permissions: test/components/access-policies.test.ts). */
import { describe, expect, it } from "vitest";

import { LOAD_BALANCER_IDLE_TIMEOUT_SECONDS, PROXY_KEEP_ALIVE_TIMEOUT_SECONDS } from "../../config/litellm/connection-timeouts";
import { databaseEnvironment } from "../../config/litellm/database-environment";
import { listenerPorts } from "../../config/litellm/network-ports";
import { configObjectKey } from "../../config/render/config-object-key";
import { fargateSizeProblems, validFargateMemoryMib, workersForCpu } from "../../config/settings/fargate-sizes";

describe("Fargate sizes", () => {
  it("accepts AWS's documented pairs and rejects the rest", () => {
    expect(validFargateMemoryMib(256)).toEqual([512, 1024, 2048]);
    expect(validFargateMemoryMib(4096).at(-1)).toBe(30_720);
    expect(validFargateMemoryMib(8192)).toContain(20_480);
    expect(validFargateMemoryMib(8192)).not.toContain(17_408);
    expect(fargateSizeProblems(1024, 2048)).toEqual([]);
    expect(fargateSizeProblems(256, 4096)).toHaveLength(1);
  });

  it("runs one worker per whole vCPU and at least one", () => {
    expect([256, 512, 1024, 2048, 4096].map(workersForCpu)).toEqual([1, 1, 1, 2, 4]);
  });
});

describe("config delivery and connections", () => {
  it("changes the object key exactly when the config changes", () => {
    expect(configObjectKey("a: 1\n")).toBe(configObjectKey("a: 1\n"));
    expect(configObjectKey("a: 1\n")).not.toBe(configObjectKey("a: 2\n"));
    expect(configObjectKey("a: 1\n")).toMatch(/^config\/[0-9a-f]{64}\.yaml$/);
  });

  it("keeps uvicorn's keep-alive above the load balancer's idle timeout", () => {
    expect(PROXY_KEEP_ALIVE_TIMEOUT_SECONDS).toBeGreaterThan(LOAD_BALANCER_IDLE_TIMEOUT_SECONDS);
  });

  it("gives LiteLLM the discrete database variables it reads, TLS required, and no password", () => {
    expect(databaseEnvironment({ host: "db.example", username: "litellm", databaseName: "litellm" })).toEqual({
      DATABASE_HOST: "db.example",
      DATABASE_USERNAME: "litellm",
      DATABASE_NAME: "litellm",
      DATABASE_SSLMODE: "require",
    });
  });

  it("opens 443 only when there is a certificate", () => {
    expect(listenerPorts(false)).toEqual([80]);
    expect(listenerPorts(true)).toEqual([80, 443]);
  });
});
