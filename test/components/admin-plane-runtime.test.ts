/**
 * The admin plane's pure parts: the process environment (docs off, the UI switch), the rendered
 * general_settings, and the LoadBalancer's adminCidrs guard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import type { LoadBalancer as LoadBalancerClass } from "../../components/load-balancer";
import { litellmContainerDefinition } from "../../config/litellm/container-definition";
import { adminUiEnvironment, proxyEnvironment, UI_PASSWORD_ENV } from "../../config/litellm/proxy-runtime";
import { renderLitellmConfig } from "../../config/render/render-litellm-config";
import { isAdminCidr } from "../../config/settings/admin-plane";
import { buildTestCatalog } from "../e2e/test-catalog";
import { setGuardMocks } from "./guard-mocks";

const RUNTIME = { workers: 1, configSource: { kind: "file", path: "/tmp/config.yaml" }, keepAliveTimeoutSeconds: 75 } as const;

function generalSettings(options: Parameters<typeof renderLitellmConfig>[1]): Record<string, unknown> {
  const config = parse(renderLitellmConfig(buildTestCatalog("http://127.0.0.1:9"), options).yaml) as { general_settings: Record<string, unknown> };
  return config.general_settings;
}

describe("the LiteLLM process environment", () => {
  it("turns off Swagger UI, ReDoc and the OpenAPI schema for every process", () => {
    expect(proxyEnvironment(RUNTIME)).toMatchObject({ NO_DOCS: "True", NO_REDOC: "True", NO_OPENAPI: "True", LITELLM_MODE: "PRODUCTION" });
  });

  it("switches the UI off, or on with a user name and never a password in plain environment", () => {
    expect(adminUiEnvironment(false)).toEqual({ DISABLE_ADMIN_UI: "True" });
    expect(adminUiEnvironment(true)).toEqual({ DISABLE_ADMIN_UI: "False", UI_USERNAME: "admin" });
    expect(adminUiEnvironment(true)).not.toHaveProperty(UI_PASSWORD_ENV);
  });

  it("lets the container definition carry the UI password only as a secret", () => {
    const input = {
      image: "ghcr.io/berriai/litellm:test",
      ...RUNTIME,
      secrets: [{ name: UI_PASSWORD_ENV, valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ui-AbCdEf" }],
      logGroupName: "/ecs/litellm",
      region: "us-east-1",
      stopTimeoutSeconds: 120,
    };
    const container = litellmContainerDefinition({ ...input, environment: adminUiEnvironment(true) });
    expect((container.environment as { name: string }[]).map((variable) => variable.name)).not.toContain(UI_PASSWORD_ENV);
    expect(() => litellmContainerDefinition({ ...input, environment: { ...adminUiEnvironment(true), [UI_PASSWORD_ENV]: "plain" } })).toThrow(
      /UI_PASSWORD would be both a plain variable and a secret/,
    );
  });
});

/** Rendered on every stack: nothing stored in LiteLLM's database is loaded (render-litellm-config.ts). */
const CATALOG_ONLY = { store_model_in_db: false, supported_db_objects: [] };

describe("the admin plane's general_settings", () => {
  it("trusts the given proxy ranges and turns environment-credential sign-in off without the UI", () => {
    expect(generalSettings({ stack: "e2e", trustedProxyRanges: ["10.0.0.0/16"] })).toEqual({
      proxy_batch_write_at: 60,
      trusted_proxy_ranges: ["10.0.0.0/16"],
      disable_env_credential_login: true,
      ...CATALOG_ONLY,
    });
  });

  it("leaves trusted_proxy_ranges out when no range is known, and sign-in on with the UI", () => {
    expect(generalSettings({ stack: "e2e", trustedProxyRanges: [], adminUi: true })).toEqual({ proxy_batch_write_at: 60, ...CATALOG_ONLY });
  });
});

describe("LoadBalancer adminCidrs guard", () => {
  let LoadBalancer: typeof LoadBalancerClass;
  const NETWORK = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"], securityGroupId: "sg-alb" };

  beforeAll(async () => {
    await setGuardMocks();
    ({ LoadBalancer } = await import("../../components/load-balancer"));
  });

  it.each([[["0.0.0.0/0"]], [["10.0.0.1"]], [Array.from({ length: 31 }, (_, index) => `198.51.100.${index}/32`)]])("refuses %j", (adminCidrs) => {
    expect(() => new LoadBalancer(`guard-admin-${adminCidrs.length}-${adminCidrs[0]}`, { ...NETWORK, adminCidrs })).toThrow(
      /LoadBalancer: adminCidrs .* must be at most 30 IPv4 CIDR blocks, none of them 0\.0\.0\.0\/0/,
    );
  });

  it.each([
    ["203.0.113.10/32", true],
    ["10.0.0.0/8", true],
    ["0.0.0.0/0", false],
    ["203.0.113.10", false],
    ["2001:db8::/32", false],
  ])("isAdminCidr(%s) is %s", (cidr, expected) => {
    expect(isAdminCidr(cidr)).toBe(expected);
  });
});
