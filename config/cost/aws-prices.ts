/**
 * AWS list prices the cost estimate uses: on-demand, USD, one table per region. A region that is
 * not in this table is refused rather than guessed (prices differ by region by up to ~30%).
 *
 * Source: ../shared/reference/aws-prices-us-east-1.md (gathered November 2026 from AWS pricing
 * pages, infracost's price-list-derived test outputs, and the AWS Pricing Calculator output of the
 * "Multi-Provider Generative AI Gateway" guidance). Figures marked `estimated` there come from a
 * secondary source and are flagged as such in the plan's output.
 */

/** The convention of the AWS Pricing Calculator and of infracost. */
export const HOURS_PER_MONTH = 730;

export const PRICES_AS_OF = "2026-11";
export const PRICES_SOURCE =
  "AWS public list prices, us-east-1 on-demand (shared/reference/aws-prices-us-east-1.md, gathered 2026-11)";

export interface RdsInstancePrice {
  readonly singleAzPerHour: number;
  readonly multiAzPerHour: number;
  /** True when the figure comes from a secondary source or the 2x Multi-AZ rule of thumb. */
  readonly estimated: boolean;
}

export interface FargateRate {
  readonly perVcpuHour: number;
  readonly perGbHour: number;
}

export interface RegionPrices {
  readonly fargate: { readonly X86_64: FargateRate; readonly ARM64: FargateRate };
  /**
   * Fargate Spot. AWS publishes no fixed rate (the pricing page shows a current Spot price that
   * "adjusts gradually based on long-term trends in supply and demand"), so every Spot line is
   * marked estimated.
   */
  readonly fargateSpot: { readonly X86_64: FargateRate; readonly ARM64: FargateRate };
  readonly albPerHour: number;
  readonly albPerLcuHour: number;
  readonly natGatewayPerHour: number;
  readonly natGatewayPerGb: number;
  readonly publicIpv4PerHour: number;
  readonly internetEgressPerGb: number;
  readonly rdsInstances: Readonly<Record<string, RdsInstancePrice>>;
  readonly rdsGp3PerGbMonthSingleAz: number;
  readonly rdsGp3PerGbMonthMultiAz: number;
  /** ElastiCache for Valkey node-based (self-designed) clusters, on-demand, per node-hour. */
  readonly elasticacheValkeyNodesPerHour: Readonly<Record<string, number>>;
  readonly secretPerMonth: number;
  readonly secretsApiCallsPer10k: number;
  readonly logsIngestPerGb: number;
  readonly logsStoragePerGbMonth: number;
  readonly alarmPerMonth: number;
  /** A CloudWatch custom metric, per metric-month (the first 10,000 tier): Container Insights bills its metrics so. */
  readonly customMetricPerMonth: number;
  /** A customer managed KMS key, its first year (each of the first two rotations adds the same again). */
  readonly kmsKeyPerMonth: number;
  readonly kmsRequestsPer10k: number;
  readonly wafWebAclPerMonth: number;
  readonly wafRulePerMonth: number;
  readonly wafPerMillionRequests: number;
  readonly s3StandardPerGbMonth: number;
  /** S3 Standard PUT, COPY, POST and LIST requests, per 1,000. */
  readonly s3PutPer1000: number;
  /** Vended logs (WAF logs, VPC flow logs) delivered to CloudWatch Logs, per GB (the first 10 TB tier). */
  readonly logsVendedIngestPerGb: number;
}

/**
 * Fargate Spot as a share of the on-demand rate: "historically about 30% of on-demand (~)"
 * (shared/reference/aws-prices-us-east-1.md, a secondary source; AWS says "up to 70%" off).
 * Rounded to six decimals: x86_64 $0.012144 per vCPU-hour and $0.001334 per GB-hour, arm64
 * $0.009714 and $0.001068.
 */
const FARGATE_SPOT_SHARE_OF_ON_DEMAND = 0.3;
/** Six decimals, as AWS quotes Fargate rates. */
const RATE_DECIMALS = 1e6;

function spotRate(onDemand: FargateRate): FargateRate {
  const share = (rate: number) => Math.round(rate * FARGATE_SPOT_SHARE_OF_ON_DEMAND * RATE_DECIMALS) / RATE_DECIMALS;
  return { perVcpuHour: share(onDemand.perVcpuHour), perGbHour: share(onDemand.perGbHour) };
}

const US_EAST_1_FARGATE = {
  X86_64: { perVcpuHour: 0.04048, perGbHour: 0.004445 },
  ARM64: { perVcpuHour: 0.03238, perGbHour: 0.00356 },
} as const;

const US_EAST_1: RegionPrices = {
  fargate: US_EAST_1_FARGATE,
  fargateSpot: { X86_64: spotRate(US_EAST_1_FARGATE.X86_64), ARM64: spotRate(US_EAST_1_FARGATE.ARM64) },
  albPerHour: 0.0225,
  albPerLcuHour: 0.008,
  natGatewayPerHour: 0.045,
  natGatewayPerGb: 0.045,
  publicIpv4PerHour: 0.005,
  internetEgressPerGb: 0.09,
  rdsInstances: {
    "db.t4g.micro": { singleAzPerHour: 0.016, multiAzPerHour: 0.032, estimated: true },
    "db.t4g.small": { singleAzPerHour: 0.032, multiAzPerHour: 0.065, estimated: false },
    "db.t4g.medium": { singleAzPerHour: 0.065, multiAzPerHour: 0.13, estimated: true },
    "db.t4g.large": { singleAzPerHour: 0.129, multiAzPerHour: 0.258, estimated: true },
    "db.m7g.large": { singleAzPerHour: 0.178, multiAzPerHour: 0.356, estimated: true },
  },
  rdsGp3PerGbMonthSingleAz: 0.115,
  rdsGp3PerGbMonthMultiAz: 0.23,
  // ElastiCache for Valkey, node-based, on-demand, us-east-1 (gathered 2026-11): the AWS Price List
  // API figures (AmazonElastiCache, productFamily "Cache Instance", cacheEngine Valkey, usagetype
  // NodeUsage:<type>, read 2026-10-02) as tabulated in a public cost tool's fallback table, each
  // exactly 0.8 x the Redis OSS price of the same node: AWS's "up to 20% lower cost per node" for
  // Valkey (aws.amazon.com/elasticache/faqs, "Why should I use ElastiCache for Valkey?"). Check
  // aws.amazon.com/elasticache/pricing ("On-demand nodes", Valkey) before relying on a figure.
  // Redis OSS for comparison: t4g.micro $0.016 and t4g.small $0.032 (shared/reference/
  // aws-prices-us-east-1.md), t4g.medium $0.065, t3.micro $0.017, t3.small $0.034, t3.medium $0.068.
  elasticacheValkeyNodesPerHour: {
    "cache.t4g.micro": 0.0128,
    "cache.t4g.small": 0.0256,
    "cache.t4g.medium": 0.052,
    "cache.t3.micro": 0.0136,
    "cache.t3.small": 0.0272,
    "cache.t3.medium": 0.0544,
  },
  secretPerMonth: 0.4,
  secretsApiCallsPer10k: 0.05,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  alarmPerMonth: 0.1,
  // Not in shared/reference/aws-prices-us-east-1.md: aws.amazon.com/cloudwatch/pricing, Metrics,
  // "first 10,000 metrics $0.30 per metric per month" (us-east-1, 2026-11).
  customMetricPerMonth: 0.3,
  // KMS customer key: $1 per key-month + $0.03 per 10,000 requests (aws.amazon.com/kms/pricing,
  // as gathered 2026-11 in shared/reference/aws-prices-us-east-1.md).
  kmsKeyPerMonth: 1,
  kmsRequestsPer10k: 0.03,
  wafWebAclPerMonth: 5,
  wafRulePerMonth: 1,
  wafPerMillionRequests: 0.6,
  s3StandardPerGbMonth: 0.023,
  // Not in shared/reference/aws-prices-us-east-1.md; from the AWS pricing pages (us-east-1, 2026-11):
  // aws.amazon.com/s3/pricing, Requests & data retrievals, S3 Standard "PUT, COPY, POST, LIST requests
  // (per 1,000 requests)" $0.005; aws.amazon.com/cloudwatch/pricing, Logs, Vended Logs "Delivery to
  // CloudWatch Logs", first 10 TB $0.50 per GB (storage is the ordinary $0.03 per GB-month).
  s3PutPer1000: 0.005,
  logsVendedIngestPerGb: 0.5,
};

const PRICES_BY_REGION: Readonly<Record<string, RegionPrices>> = { "us-east-1": US_EAST_1 };

/** The regions the estimate can price. */
export const PRICED_REGIONS: readonly string[] = Object.keys(PRICES_BY_REGION);

/** The price table of a region, or an error that names the setting and the regions we can price. */
export function pricesForRegion(region: string): RegionPrices {
  const prices = PRICES_BY_REGION[region];
  if (prices === undefined) {
    throw new Error(
      `aws:region: no price table for "${region}"; the cost estimate covers ${PRICED_REGIONS.join(", ")}. ` +
        `Add a table for ${region} to config/cost/aws-prices.ts (with its date and source) rather than reusing another region's prices.`,
    );
  }
  return prices;
}

/** True when `region` has a price table (the program exports an estimate only then). */
export function isPricedRegion(region: string): boolean {
  return Object.hasOwn(PRICES_BY_REGION, region);
}
