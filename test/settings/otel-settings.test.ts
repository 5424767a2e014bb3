/** The otel setting: an https endpoint on 443, headers only as a secret's ARN, one clear line per mistake. */
import { describe, expect, it } from "vitest";

import { reservedEnvNameReason } from "../../config/litellm/reserved-env-names";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const VALID = VALID_SETTINGS;
const HEADERS_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel/headers-AbC1eF";

describe("otel settings", () => {
  it("is absent by default: no export", () => {
    expect(parseStackSettings(VALID).otel).toBeUndefined();
  });

  it.each(["https://api.honeycomb.io", "https://otlp.example.com:443/v1/traces", "https://collector.internal/otlp"])("takes %s", (endpoint) => {
    expect(parseStackSettings({ ...VALID, otel: { endpoint } }).otel).toEqual({ endpoint });
  });

  it("takes a headers secret by its full ARN", () => {
    expect(parseStackSettings({ ...VALID, otel: { endpoint: "https://api.honeycomb.io", headersSecretArn: HEADERS_ARN } }).otel).toEqual({
      endpoint: "https://api.honeycomb.io",
      headersSecretArn: HEADERS_ARN,
    });
  });

  it.each([
    ["http://10.0.1.5:4318", "found the URL scheme http, but the export must be https"],
    ["grpc://collector:4317", "found the URL scheme grpc, but the export must be https"],
    ["https://collector.internal:4318", "found port 4318, but the task's security group lets only port 443 out"],
    ["collector.internal", "found a value that is not a URL"],
    ["https://otel.example.com/v1/traces?token=x", "found a query or fragment in the URL"],
  ])("refuses the endpoint %s in one line naming otel.endpoint", (endpoint, problem) => {
    const problems = expectedProblems({ ...VALID, otel: { endpoint } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:otel.endpoint: ${problem}`);
    expect(problems[0]).toContain("pulumi config set --path otel.endpoint https://");
    expect(problems[0]).not.toContain("\n");
  });

  it("refuses credentials in the URL without echoing them", () => {
    const password = "s3cr3t-password-value";
    const problems = expectedProblems({ ...VALID, otel: { endpoint: `https://user:${password}@otel.example.com` } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:otel.endpoint: found credentials in the URL");
    expect(problems[0]).toContain("otel.headersSecretArn");
    expect(problems.join("\n")).not.toContain(password);
  });

  it.each([
    // Partial ARN: IAM matches the execution role's permission against the full one.
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-headers",
    "arn:aws:ssm:us-east-1:123456789012:parameter/otel-headers",
    "x-honeycomb-team=abc123",
    // Not a region: the one secret-ARN rule (config/settings/secret-arn.ts) holds for every setting.
    "arn:aws:secretsmanager:useast1:123456789012:secret:otel-headers-AbC1eF",
  ])("refuses a headersSecretArn that is not a secret's full ARN: %s", (headersSecretArn) => {
    const problems = expectedProblems({ ...VALID, otel: { endpoint: "https://api.honeycomb.io", headersSecretArn } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:otel.headersSecretArn:");
  });

  it("refuses plain headers and unknown fields", () => {
    const problems = expectedProblems({ ...VALID, otel: { endpoint: "https://api.honeycomb.io", headers: "x-honeycomb-team=abc123" } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('litellm-gateway:otel: unknown field "headers"');
  });

  it("refuses an endpoint that is missing", () => {
    const problems = expectedProblems({ ...VALID, otel: { headersSecretArn: HEADERS_ARN } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:otel.endpoint: missing");
  });

  it("reserves the OTEL_* namespace, so no provider key can override the export", () => {
    for (const name of ["OTEL_HEADERS", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_ENDPOINT"]) {
      expect(reservedEnvNameReason(name), name).toContain("OTEL_*");
    }
  });
});
