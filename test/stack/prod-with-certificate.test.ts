/**
 * Pulumi.prod.yaml on the bring-your-own-certificate path, plus the provider keys: the operator sets
 * `certificateArn`, keeps `domainName`, removes `hostedZone` (their DNS is managed elsewhere) and
 * sets the keys (`pulumi config set --secret OPENAI_API_KEY ...`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

import { catalog } from "../../config/catalog";
import { catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { CERTIFICATE_AND_DNS_TYPES, declareGatewayInvariants } from "./gateway-invariants";
import { litellmContainer, ofType, oneOf, REPO_ROOT, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";
/** A fake value for every provider key the catalog serves on prod, as the operator would set each one. */
const KEY_VALUES = Object.fromEntries(
  catalogSecretEnvNames(catalog, "prod").map((name, index) => [name, `sk-test-provider-key-value-${index}-0123456789abcdef`]),
);

let run: StackRun;

beforeAll(async () => {
  // `pulumi config rm hostedZone`: a stack file without it.
  const prod = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
  delete prod.config["litellm-gateway:hostedZone"];
  const stackFile = path.join(mkdtempSync(path.join(tmpdir(), "prod-own-certificate-")), "Pulumi.prod.yaml");
  writeFileSync(stackFile, stringify(prod));
  run = await runStack("prod", {
    certificateArn: CERTIFICATE_ARN,
    allowedCidrs: JSON.stringify(["203.0.113.0/24", "198.51.100.0/24"]),
    ...KEY_VALUES,
  }, { stackFile });
});

describe("prod stack with a certificate and keys: invariants", () => {
  declareGatewayInvariants(() => run, {
    listenerPorts: [80, 443],
    allowedCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
    redis: true,
    url: "https://gateway.example.com",
  });
});

describe("prod stack with a certificate and keys", () => {
  it("serves HTTPS on the operator's certificate with a TLS 1.2+ policy and only redirects HTTP to it", () => {
    const listeners = ofType(run, "aws:lb/listener:Listener").map((listener) => listener.inputs);
    const https = listeners.find((listener) => listener.port === 443);
    expect(https).toMatchObject({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: CERTIFICATE_ARN });
    expect(https?.defaultActions[0].type).toBe("fixed-response");
    const http = listeners.find((listener) => listener.port === 80);
    expect(http?.defaultActions).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
    expect(listeners).toHaveLength(2);
    expect(run.outputs.url).toBe("https://gateway.example.com");
  });

  it("issues no certificate and writes no DNS record: without hostedZone the name's DNS is the operator's", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    for (const type of CERTIFICATE_AND_DNS_TYPES) {
      expect(types.has(type), type).toBe(false);
    }
    // No zone is looked up, so nothing stops at a lookup; the name itself is still a placeholder.
    expect(run.warnings.filter((warning) => warning.includes("placeholder"))).toEqual([
      expect.stringContaining("domainName gateway.example.com is a documentation placeholder"),
    ]);
  });

  it("warns that the certificate is checked for form and region only, with the command that asks AWS", () => {
    expect(run.warnings.filter((warning) => warning.includes("checked for form only"))).toEqual([
      expect.stringContaining(`Check: aws acm describe-certificate --certificate-arn ${CERTIFICATE_ARN}`),
    ]);
  });

  it("names each client rule by its CIDR, so removing one CIDR never rewrites another rule", () => {
    const names = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((rule) => rule.name.startsWith("litellm-security-alb-in-"))
      .map((rule) => rule.name)
      .sort();
    expect(names).toEqual([
      "litellm-security-alb-in-443-198-51-100-0-24",
      "litellm-security-alb-in-443-203-0-113-0-24",
      "litellm-security-alb-in-80-198-51-100-0-24",
      "litellm-security-alb-in-80-203-0-113-0-24",
    ]);
  });

  it("stores configured provider keys as secret versions, marked secret, and nowhere else", () => {
    const versions = ofType(run, "aws:secretsmanager/secretVersion:SecretVersion");
    for (const [name, value] of Object.entries(KEY_VALUES)) {
      const version = versions.find((candidate) => candidate.name.endsWith(`-${name}`));
      expect(version?.inputs.secretString, name).toEqual(expect.objectContaining({ value }));
      expect(Object.keys(version?.inputs.secretString ?? {}), name).toContain("4dabf18193072939515e22adb298388d");
    }
    expect(run.outputs.providerKeysAwaitingValues).toEqual([]);
    expect(oneOf(run, "aws:ecs/service:Service").inputs.waitForSteadyState).toBe(true);
    const elsewhere = run.resources.filter(
      (resource) =>
        resource.type !== "aws:secretsmanager/secretVersion:SecretVersion" &&
        Object.values(KEY_VALUES).some((key) => JSON.stringify(resource.inputs).includes(key)),
    );
    expect(elsewhere.map((resource) => resource.name)).toEqual([]);
    for (const value of Object.values(KEY_VALUES)) {
      expect(JSON.stringify(run.outputs)).not.toContain(value);
      expect(JSON.stringify(litellmContainer(run))).not.toContain(value);
    }
  });
});
