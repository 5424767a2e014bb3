/**
 * allowPlainHttp, domainName, hostedZone and certificateArn: HTTPS unless the stack file says
 * otherwise, names that fit together, a certificate in the stack's region; each refusal names the fix.
 */
import { describe, expect, it } from "vitest";

import {
  certificateRegion,
  isDnsName,
  isInsideZone,
  isPlaceholderDomain,
  placeholderDomainSettings,
  placeholderDomainWarning,
} from "../../config/settings/ingress-tls";
import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

/** The shared valid settings without the plain-HTTP opt-in: a stack that must serve HTTPS. */
const { allowPlainHttp: _plain, ...HTTPS_REQUIRED } = VALID_SETTINGS;
const ZONE = { domainName: "gateway.example.com", hostedZone: "example.com" };
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";

const problemsOf = expectedProblems;

describe("a stack without TLS", () => {
  it("is refused unless its settings allow plain HTTP, naming every way to fix it", () => {
    for (const raw of [HTTPS_REQUIRED, { ...HTTPS_REQUIRED, allowPlainHttp: false }]) {
      const problems = problemsOf(raw);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^litellm-gateway:domainName: missing, and neither certificateArn nor allowPlainHttp is set, so this stack would serve plain HTTP/);
      for (const fix of [
        "pulumi config set domainName gateway.example.com && pulumi config set hostedZone example.com",
        "pulumi config set certificateArn arn:aws:acm:",
        "pulumi config set allowPlainHttp true",
      ]) {
        expect(problems[0]).toContain(fix);
      }
    }
  });

  it("serves plain HTTP when the stack file says allowPlainHttp: true", () => {
    expect(parseStackSettings({ ...HTTPS_REQUIRED, allowPlainHttp: true }).ingress.tls).toEqual({ kind: "plain-http" });
  });

  it("refuses a non-boolean allowPlainHttp alone, without also asking for TLS", () => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, allowPlainHttp: "yes" });
    expect(problems).toEqual([expect.stringContaining('litellm-gateway:allowPlainHttp: found "yes"')]);
  });

  it.each([
    [{ certificateArn: CERTIFICATE_ARN }, "certificateArn is also set"],
    [ZONE, "domainName and hostedZone are also set"],
    [{ domainName: "gateway.example.com", certificateArn: CERTIFICATE_ARN }, "certificateArn and domainName are also set"],
  ])("refuses allowPlainHttp together with TLS settings (%o)", (tls, found) => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, allowPlainHttp: true, ...tls });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:allowPlainHttp: found true, but ${found}`);
    expect(problems[0]).toContain("pulumi config rm allowPlainHttp");
  });
});

describe("a custom domain", () => {
  it("has the stack issue a certificate for a name inside a hosted zone, or at its apex", () => {
    expect(parseStackSettings({ ...HTTPS_REQUIRED, ...ZONE }).ingress.tls).toEqual({ kind: "issued-certificate", ...ZONE });
    expect(parseStackSettings({ ...HTTPS_REQUIRED, domainName: "example.com", hostedZone: "example.com" }).ingress.tls).toEqual({
      kind: "issued-certificate",
      domainName: "example.com",
      hostedZone: "example.com",
    });
  });

  it("refuses a zone without a name to create records for", () => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, hostedZone: "example.com" });
    expect(problems).toEqual([expect.stringContaining('litellm-gateway:hostedZone: found "example.com", but domainName is not set')]);
    expect(problems[0]).toContain("pulumi config set domainName gateway.example.com");
  });

  it("refuses a name with neither a zone to validate an issued certificate in nor a certificate of its own", () => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, domainName: "gateway.example.com" });
    expect(problems).toEqual([expect.stringContaining('litellm-gateway:domainName: found "gateway.example.com", but neither hostedZone')]);
    expect(problems[0]).toContain("pulumi config set hostedZone <zone>");
  });

  it.each([
    ["gateway.example.org", "example.com"],
    // A suffix that is not on a label boundary is another domain.
    ["gatewayexample.com", "example.com"],
  ])("refuses %s outside hostedZone %s", (domainName, hostedZone) => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, domainName, hostedZone });
    expect(problems).toEqual([expect.stringContaining(`litellm-gateway:domainName: found "${domainName}", which is not inside hostedZone "${hostedZone}"`)]);
  });

  it.each([
    ["*.example.com", "a wildcard"],
    ["Gateway.example.com", "upper case"],
    ["gateway.example.com.", "a trailing dot"],
    ["gateway", "a single label"],
    ["-gateway.example.com", "a label starting with a hyphen"],
    [`${"a".repeat(64)}.example.com`, "a 64-character label"],
    ["gate_way.example.com", "an underscore"],
  ])("refuses %s as a domainName (%s), naming the setting and an example", (domainName) => {
    const problems = problemsOf({ ...HTTPS_REQUIRED, domainName, hostedZone: "example.com" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`litellm-gateway:domainName: found ${JSON.stringify(domainName)}`);
    expect(problems[0]).toContain("pulumi config set domainName gateway.example.com");
  });

  it("refuses a malformed hostedZone", () => {
    expect(problemsOf({ ...HTTPS_REQUIRED, domainName: "gateway.example.com", hostedZone: "example com" })).toEqual([
      expect.stringContaining('litellm-gateway:hostedZone: found "example com"'),
    ]);
  });

  it("refuses a name over ACM's 64 characters when the stack issues the certificate, not with your own", () => {
    const longName = `${"a".repeat(60)}.example.com`; // 72 characters, every label valid
    const problems = problemsOf({ ...HTTPS_REQUIRED, domainName: longName, hostedZone: "example.com" });
    expect(problems).toEqual([expect.stringContaining("ACM refuses a certificate's domain name longer than 64 characters")]);
    expect(() => parseStackSettings({ ...HTTPS_REQUIRED, domainName: longName, hostedZone: "example.com", certificateArn: CERTIFICATE_ARN })).not.toThrow();
  });
});

describe("your own certificate", () => {
  it("serves it alone, with a name whose DNS you manage, or with a zone the stack adds the alias record to", () => {
    expect(parseStackSettings({ ...HTTPS_REQUIRED, certificateArn: CERTIFICATE_ARN }).ingress.tls).toEqual({
      kind: "own-certificate",
      certificateArn: CERTIFICATE_ARN,
    });
    expect(parseStackSettings({ ...HTTPS_REQUIRED, certificateArn: CERTIFICATE_ARN, domainName: "gateway.example.com" }).ingress.tls).toEqual({
      kind: "own-certificate",
      certificateArn: CERTIFICATE_ARN,
      domainName: "gateway.example.com",
    });
    expect(parseStackSettings({ ...HTTPS_REQUIRED, certificateArn: CERTIFICATE_ARN, ...ZONE }).ingress.tls).toEqual({
      kind: "own-certificate",
      certificateArn: CERTIFICATE_ARN,
      ...ZONE,
    });
  });

  it("is accepted in the stack's region and refused in another, saying what to do", () => {
    expect(() => parseStackSettings({ ...HTTPS_REQUIRED, certificateArn: CERTIFICATE_ARN }, { region: "us-east-1" })).not.toThrow();
    let problems: readonly string[] = [];
    try {
      parseStackSettings({ ...HTTPS_REQUIRED, certificateArn: CERTIFICATE_ARN }, { region: "eu-west-1" });
    } catch (error) {
      problems = (error as { problems: readonly string[] }).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("litellm-gateway:certificateArn: found a certificate in us-east-1, but the stack deploys to eu-west-1 (aws:region)");
    expect(problems[0]).toContain("request or import one in eu-west-1");
  });
});

describe("name rules", () => {
  it("takes lower-case host names of valid labels up to 253 characters", () => {
    expect(isDnsName("gateway.example.com")).toBe(true);
    expect(isDnsName("a-1.b2.example.co.uk")).toBe(true);
    expect(isDnsName(`${Array.from({ length: 4 }, () => "a".repeat(63)).join(".")}`)).toBe(false); // 255 characters
    expect(isDnsName("gateway-.example.com")).toBe(false);
    expect(isDnsName("gateway..example.com")).toBe(false);
    expect(isDnsName("Gateway.example.com")).toBe(false);
  });

  it("takes one host or zone: no wildcard, no trailing root dot, at least two labels", () => {
    expect(isDnsName("*.example.com")).toBe(false);
    expect(isDnsName("gateway.example.com.")).toBe(false);
    expect(isDnsName("localhost")).toBe(false);
  });

  it("counts the apex and names below it as inside a zone, nothing else", () => {
    expect(isInsideZone("example.com", "example.com")).toBe(true);
    expect(isInsideZone("a.b.example.com", "example.com")).toBe(true);
    expect(isInsideZone("badexample.com", "example.com")).toBe(false);
  });

  it("reads the region of an ACM certificate ARN, in any partition", () => {
    expect(certificateRegion(CERTIFICATE_ARN)).toBe("us-east-1");
    expect(certificateRegion("arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc")).toBe("cn-north-1");
    expect(certificateRegion("arn:aws:iam::123456789012:server-certificate/x")).toBeUndefined();
    // The pattern the certificateArn setting is checked with: the whole ARN, not a prefix.
    expect(certificateRegion(`${CERTIFICATE_ARN}/extra`)).toBeUndefined();
  });

  it("knows the documentation-only names (RFC 2606, RFC 6761) and nothing else", () => {
    for (const name of ["example.com", "gateway.example.com", "api.example.org", "example.net", "gw.test", "a.example", "x.invalid"]) {
      expect(isPlaceholderDomain(name), name).toBe(true);
    }
    for (const name of ["myexample.com", "example.com.au", "gateway.acme.io"]) {
      expect(isPlaceholderDomain(name), name).toBe(false);
    }
  });
});

describe("placeholder domains: one text for the program's warning and the plan's settings to set", () => {
  it("names each placeholder setting with its command, and nothing for real names", () => {
    const issued = placeholderDomainSettings({ kind: "issued-certificate", domainName: "gateway.example.com", hostedZone: "example.com" }, "prod");
    expect(issued.map((setting) => [setting.name, setting.command])).toEqual([
      ["hostedZone", "pulumi config set --stack prod hostedZone <your zone>"],
      ["domainName", "pulumi config set --stack prod domainName gateway.<your zone>"],
    ]);
    expect(placeholderDomainWarning(issued)).toContain(
      "Before deploying: pulumi config set --stack prod hostedZone <your zone> && pulumi config set --stack prod domainName gateway.<your zone>",
    );
    const ownWithoutZone = placeholderDomainSettings({ kind: "own-certificate", certificateArn: CERTIFICATE_ARN, domainName: "gw.test" }, "prod");
    expect(ownWithoutZone).toEqual([
      expect.objectContaining({ name: "domainName", command: "pulumi config set --stack prod domainName <your host name>" }),
    ]);
    expect(placeholderDomainSettings({ kind: "issued-certificate", domainName: "gateway.acme.io", hostedZone: "acme.io" }, "prod")).toEqual([]);
    expect(placeholderDomainWarning([])).toBeUndefined();
  });
});
