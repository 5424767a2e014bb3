/**
 * Pulumi.prod.yaml plus `certificateArn`: the operator's certificate serves HTTPS, and since the
 * stack file keeps `hostedZone`, the stack still points `domainName` at the load balancer, but
 * issues no certificate of its own.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { ofType, oneOf, runStack } from "./stack-harness";
import type { StackRun } from "./stack-harness";

const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod", { certificateArn: CERTIFICATE_ARN });
});

describe("prod with its own certificate and the committed zone", () => {
  it("issues no certificate and writes no validation record", () => {
    const types = new Set(run.resources.map((resource) => resource.type));
    for (const type of ["aws:acm/certificate:Certificate", "aws:acm/certificateValidation:CertificateValidation", "litellm-gateway:index:DomainCertificate"]) {
      expect(types.has(type), type).toBe(false);
    }
  });

  it("creates only the alias record, in the looked-up zone, owned by the load balancer", () => {
    const record = oneOf(run, "aws:route53/record:Record");
    expect(record.name).toBe("litellm-ingress-alias");
    expect(record.urn).toContain("litellm-gateway:index:LoadBalancer$aws:route53/record:Record");
    expect(record.inputs).toMatchObject({ zoneId: "Z0123456789MOCKZONE", name: "gateway.example.com", type: "A" });
  });

  it("serves HTTPS on the given certificate and exports https://<domainName>", () => {
    const https = ofType(run, "aws:lb/listener:Listener").find((listener) => listener.inputs.port === 443);
    expect(https?.inputs).toMatchObject({ protocol: "HTTPS", certificateArn: CERTIFICATE_ARN });
    expect(run.outputs.url).toBe("https://gateway.example.com");
  });
});
