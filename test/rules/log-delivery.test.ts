/**
 * Who may write the forensic logs: ELB's documented principal per region (an account in Regions
 * older than August 2022, the log-delivery service in newer ones), refused outside the aws
 * partition; the access-log path the bucket policy opens; the WAF log rules.
 */
import { describe, expect, it } from "vitest";

import {
  ACCESS_LOG_PREFIX,
  accessLogObjectsArn,
  ELB_LOG_DELIVERY_ACCOUNTS,
  elbLogDeliveryPrincipal,
  elbLogDeliveryProblem,
  MAX_WAF_REDACTED_FIELDS,
  REDACTED_LOG_HEADERS,
  WAF_LOG_GROUP_PREFIX,
} from "../../config/access/log-delivery";
import { PRICED_REGIONS } from "../../config/cost/aws-prices";

describe("ELB's access-log principal by region", () => {
  it("is the us-east-1 ELB account the guide's table gives (127311923021), as an account root ARN", () => {
    expect(elbLogDeliveryPrincipal("us-east-1")).toEqual({ AWS: "arn:aws:iam::127311923021:root" });
    expect(elbLogDeliveryPrincipal("eu-west-1")).toEqual({ AWS: "arn:aws:iam::156460612806:root" });
  });

  it("covers every region the price table covers", () => {
    for (const region of PRICED_REGIONS) {
      expect(elbLogDeliveryProblem(region), region).toBeUndefined();
      expect(ELB_LOG_DELIVERY_ACCOUNTS[region], region).toBeDefined();
    }
  });

  it("holds 12-digit account ids, each once (a typo would leave the bucket writable by nobody, or by a stranger)", () => {
    const accounts = Object.values(ELB_LOG_DELIVERY_ACCOUNTS);
    expect(accounts.every((account) => /^\d{12}$/.test(account))).toBe(true);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(Object.keys(ELB_LOG_DELIVERY_ACCOUNTS)).toHaveLength(22);
  });

  it.each(["eu-south-2", "eu-central-2", "ap-southeast-4", "il-central-1", "ca-west-1", "mx-central-1"])(
    "uses the log-delivery service principal in %s, a Region opened after August 2022",
    (region) => {
      expect(elbLogDeliveryPrincipal(region)).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
    },
  );

  it.each(["cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "eusc-de-east-1", "US-EAST-1", "us-east"])(
    "refuses %s: not a commercial Region, so neither the table nor the aws-partition ARNs apply",
    (region) => {
      expect(elbLogDeliveryProblem(region)).toContain(`"${region}" is not a commercial AWS Region`);
      expect(() => elbLogDeliveryPrincipal(region)).toThrow("not a commercial AWS Region");
    },
  );
});

describe("the access-log path", () => {
  it("is <bucket ARN>/<prefix>/AWSLogs/<account>/*, where ELB writes", () => {
    expect(accessLogObjectsArn("arn:aws:s3:::logs", "123456789012")).toBe("arn:aws:s3:::logs/load-balancer/AWSLogs/123456789012/*");
    expect(ACCESS_LOG_PREFIX).not.toContain("AWSLogs");
    expect(ACCESS_LOG_PREFIX).toMatch(/^[^/].*[^/]$/);
  });
});

describe("the WAF log rules", () => {
  it("name the group prefix WAF requires and redact at most the 100 fields WAF takes, authorization first", () => {
    expect(WAF_LOG_GROUP_PREFIX).toBe("aws-waf-logs-");
    expect(MAX_WAF_REDACTED_FIELDS).toBe(100);
    expect(REDACTED_LOG_HEADERS[0]).toBe("authorization");
    expect(REDACTED_LOG_HEADERS.length).toBeLessThanOrEqual(MAX_WAF_REDACTED_FIELDS);
    expect(REDACTED_LOG_HEADERS.every((header) => header === header.toLowerCase())).toBe(true);
  });
});
