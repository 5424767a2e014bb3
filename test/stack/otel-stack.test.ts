/**
 * The otel setting under the real program (prod): config.yaml turns on LiteLLM's otel callback, the
 * task gets the exporter, endpoint and resource names as plain variables and the headers only as an
 * ECS secret from the user's ARN, which the execution role may read; without the setting none of
 * it is there. The prod stack's invariants still hold with it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { declareGatewayInvariants } from "./gateway-invariants";
import { ACCOUNT_ID, litellmContainer, oneOf, rolePolicy, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const ENDPOINT = "https://otlp.example.com";
const HEADERS_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:otel-headers-AbC1eF`;

interface NamedValue {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: string;
}

let prod: StackRun;
let withOtel: StackRun;

beforeAll(async () => {
  [prod, withOtel] = await Promise.all([runStack("prod"), runStack("prod", { otel: JSON.stringify({ endpoint: ENDPOINT, headersSecretArn: HEADERS_ARN }) })]);
});

function litellmSettings(run: StackRun): Record<string, unknown> {
  const config = parse(String(oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content)) as { litellm_settings: Record<string, unknown> };
  return config.litellm_settings;
}

function plainEnvironment(run: StackRun): Record<string, string | undefined> {
  return Object.fromEntries((litellmContainer(run).environment as NamedValue[]).map((variable) => [variable.name, variable.value]));
}

function injectedSecrets(run: StackRun): NamedValue[] {
  return litellmContainer(run).secrets as NamedValue[];
}

describe("otel", () => {
  it("renders litellm_settings.callbacks [otel], and nothing without the setting", () => {
    expect(litellmSettings(withOtel).callbacks).toEqual(["otel"]);
    expect(litellmSettings(prod)).not.toHaveProperty("callbacks");
  });

  it("gives the task the exporter, the endpoint and the resource names as plain variables", () => {
    expect(plainEnvironment(withOtel)).toMatchObject({
      OTEL_EXPORTER: "otlp_http",
      OTEL_ENDPOINT: ENDPOINT,
      OTEL_SERVICE_NAME: "litellm-gateway",
      OTEL_ENVIRONMENT_NAME: "prod",
    });
    expect(Object.keys(plainEnvironment(prod)).filter((name) => name.startsWith("OTEL_"))).toEqual([]);
  });

  it("injects the headers only as a secret from the given ARN, which the execution role may read", () => {
    expect(injectedSecrets(withOtel)).toContainEqual({ name: "OTEL_HEADERS", valueFrom: HEADERS_ARN });
    expect(plainEnvironment(withOtel)).not.toHaveProperty("OTEL_HEADERS");
    expect(injectedSecrets(withOtel).map((secret) => secret.name).sort()).toEqual([...injectedSecrets(prod).map((secret) => secret.name), "OTEL_HEADERS"].sort());
    const readable = rolePolicy(withOtel, "execution").Statement.find((statement) => statement.Sid === "ReadInjectedSecrets")?.Resource as string[];
    expect(readable).toContain(HEADERS_ARN);
    const readableWithout = rolePolicy(prod, "execution").Statement.find((statement) => statement.Sid === "ReadInjectedSecrets")?.Resource as string[];
    expect(readableWithout).not.toContain(HEADERS_ARN);
  });

  describe("prod with otel keeps the stack's invariants", () => {
    declareGatewayInvariants(() => withOtel, { listenerPorts: [80, 443], allowedCidrs: ["0.0.0.0/0"], redis: true, url: "https://gateway.example.com", broughtSecretArns: [HEADERS_ARN] });
  });
});
