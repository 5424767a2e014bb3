/** The guards of LoadBalancer and DomainCertificate refuse wrong args before declaring anything. */
import { beforeAll, describe, expect, it } from "vitest";

import type { DomainCertificate as DomainCertificateClass } from "../../components/domain-certificate";
import type { LoadBalancer as LoadBalancerClass } from "../../components/load-balancer";
import { setGuardMocks } from "./guard-mocks";

let LoadBalancer: typeof LoadBalancerClass;
let DomainCertificate: typeof DomainCertificateClass;

const NETWORK = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"], securityGroupId: "sg-alb" };

beforeAll(async () => {
  await setGuardMocks();
  ({ LoadBalancer } = await import("../../components/load-balancer"));
  ({ DomainCertificate } = await import("../../components/domain-certificate"));
});

describe("LoadBalancer", () => {
  it("refuses a certificate that is not an ARN", () => {
    expect(() => new LoadBalancer("guard-arn", { ...NETWORK, certificateArn: "my-cert" })).toThrow('certificateArn "my-cert" is not an ARN');
  });

  it("refuses a domain name without a certificate for it", () => {
    expect(() => new LoadBalancer("guard-domain", { ...NETWORK, domainName: "gateway.example.com" })).toThrow(
      'domainName "gateway.example.com" needs certificateArn',
    );
  });

  it("refuses an alias zone without the name the record is for", () => {
    expect(
      () => new LoadBalancer("guard-zone", { ...NETWORK, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012", aliasZoneId: "Z1" }),
    ).toThrow("aliasZoneId needs domainName");
  });
});

describe("DomainCertificate", () => {
  it.each(["*.example.com", "Gateway.example.com"])("refuses %s: one lower-case host name only", (domainName) => {
    expect(() => new DomainCertificate(`guard-${domainName.length}`, { domainName, zoneId: "Z1" })).toThrow(
      `domainName "${domainName}" must be one lower-case host name without a wildcard`,
    );
  });

  it("refuses a name longer than ACM issues certificates for (64 characters)", () => {
    const domainName = `${"a".repeat(53)}.example.com`;
    expect(() => new DomainCertificate("guard-long", { domainName, zoneId: "Z1" })).toThrow(`domainName "${domainName}" has 65 characters`);
  });
});
