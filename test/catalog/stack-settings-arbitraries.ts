/**
 * Generators of decoded `litellm-gateway:` settings for property tests: a valid small stack with
 * some settings changed to other plausible values, some to values of the wrong type or range, some
 * to pasted keys, some removed, plus unknown keys and provider keys.
 */
import fc from "fast-check";

import type { SettingKey } from "../../config/settings/stack-settings";
import { VALID_SETTINGS } from "../settings/settings-fixtures";
import { secretArbitrary, weirdStringArbitrary } from "./catalog-arbitraries";

const cidr = fc.constantFrom("10.0.0.0/16", "203.0.113.0/24", "203.0.113.10/32", "0.0.0.0/0", "10.20.0.0/16");
const subnetIds = fc.constant(["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]);

/** Per setting, values a person could mean (valid alone; some clash with other settings, as in life). */
const PLAUSIBLE: { readonly [K in SettingKey]: fc.Arbitrary<unknown> } = {
  availabilityZones: fc.integer({ min: 2, max: 3 }),
  egress: fc.constantFrom("nat-per-az", "single-nat", "public-subnets"),
  existingVpc: fc.record({ vpcId: fc.constant("vpc-0123456789abcdef0"), privateSubnetIds: subnetIds, publicSubnetIds: subnetIds }),
  desiredCount: fc.integer({ min: 1, max: 4 }),
  maxCount: fc.integer({ min: 1, max: 6 }),
  cpu: fc.constantFrom(256, 512, 1024, 2048),
  memory: fc.constantFrom(512, 1024, 2048, 4096, 8192),
  cpuArchitecture: fc.constantFrom("X86_64", "ARM64"),
  capacity: fc.constantFrom("on-demand", "spot", "mixed"),
  onDemandBase: fc.integer({ min: 1, max: 3 }),
  dbInstanceClass: fc.constantFrom("db.t4g.micro", "db.t4g.small", "db.m7g.large"),
  dbAllocatedStorageGib: fc.integer({ min: 20, max: 100 }),
  dbMaxAllocatedStorageGib: fc.integer({ min: 50, max: 1000 }),
  dbMultiAz: fc.boolean(),
  dbDeletionProtection: fc.boolean(),
  dbSkipFinalSnapshot: fc.boolean(),
  dbBackupRetentionDays: fc.integer({ min: 1, max: 35 }),
  dbApplyImmediately: fc.boolean(),
  dbAllowMajorVersionUpgrade: fc.boolean(),
  certificateArn: fc.constant("arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
  domainName: fc.constantFrom("gateway.example.com", "llm.internal.example.org"),
  hostedZone: fc.constantFrom("example.com", "example.org"),
  allowPlainHttp: fc.boolean(),
  allowedCidrs: fc.array(cidr, { minLength: 1, maxLength: 2 }),
  loadBalancerScheme: fc.constantFrom("internet-facing", "internal"),
  logRetentionDays: fc.constantFrom(1, 7, 30, 365),
  redisNodeType: fc.constantFrom("cache.t4g.micro", "cache.t4g.small"),
  redisNodes: fc.integer({ min: 1, max: 3 }),
  alarms: fc.boolean(),
  containerInsights: fc.boolean(),
  alarmEmail: fc.constantFrom("oncall@example.com", "ops+llm@example.org"),
  waf: fc.boolean(),
  wafRateLimitPer5Min: fc.integer({ min: 100, max: 100_000 }),
  maxRequestBodyMib: fc.integer({ min: 1, max: 512 }),
  generatedKeyLimits: fc.record(
    {
      maxBudgetUsd: fc.integer({ min: 0, max: 1000 }),
      defaultBudgetUsd: fc.integer({ min: 0, max: 1000 }),
      budgetDuration: fc.constantFrom("30d", "1mo", "7d"),
      maxRpm: fc.integer({ min: 1, max: 10_000 }),
      maxTpm: fc.integer({ min: 1, max: 1_000_000 }),
      maxKeyDuration: fc.constantFrom("365d", "90d"),
    },
    { requiredKeys: [] },
  ),
  monthlySpendAlarmUsd: fc.integer({ min: 1, max: 10_000 }),
  expectedTraffic: fc.record(
    { lcu: fc.double({ min: 0, max: 10, noNaN: true }), natGb: fc.integer({ min: 0, max: 500 }), egressGb: fc.integer({ min: 0, max: 500 }), logGb: fc.integer({ min: 0, max: 50 }), requestsMillions: fc.double({ min: 0, max: 20, noNaN: true }) },
    { requiredKeys: [] },
  ),
  providerKeysRevision: fc.oneof(fc.constantFrom("2026-12-01", "rev.2"), fc.integer({ min: 1, max: 20_261_202 })),
  accessLogs: fc.boolean(),
  flowLogs: fc.boolean(),
  securityLogRetentionDays: fc.constantFrom(30, 90, 365),
  permissionsBoundaryArn: fc.constant("arn:aws:iam::123456789012:policy/litellm-gateway-boundary"),
  configWriterArn: fc.constant("arn:aws:iam::123456789012:role/litellm-gateway-deploy-prod"),
  adminCidrs: fc.array(cidr.filter((block) => block !== "0.0.0.0/0"), { maxLength: 2 }),
  adminUi: fc.boolean(),
  existingVpcCidrs: fc.array(cidr, { minLength: 1, maxLength: 2 }),
  otel: fc.record(
    {
      endpoint: fc.constantFrom("https://api.honeycomb.io", "https://otel.example.com:443/v1/traces", "http://10.0.1.5:4318", "https://collector.internal:4318"),
      headersSecretArn: fc.constant("arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-headers-AbCdEf"),
    },
    { requiredKeys: ["endpoint"] },
  ),
  litellmSettings: fc.constantFrom({ success_callback: ["langfuse"] }, { drop_params: false }, { cache_params: { password: "hunter2" } }),
  generalSettings: fc.constantFrom({ max_parallel_requests: 100 }, { master_key: "os.environ/LITELLM_MASTER_KEY" }),
  routerSettings: fc.constantFrom({ model_group_alias: { "gpt-4": "gpt-4o" } }, { num_retries: 0 }, { redis_host: "example" }),
  extraEnvironment: fc.constantFrom({ LANGFUSE_HOST: "https://cloud.langfuse.com" }, { PATH: "/bin" }),
  extraSecrets: fc.constantFrom({ LANGFUSE_SECRET_KEY: "arn:aws:secretsmanager:us-east-1:123456789012:secret:langfuse-AbCdEf" }, { HOME: "arn:x" }),
  image: fc.constantFrom("123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:v1.108.7", `registry.example.com/mirror/litellm@sha256:${"a".repeat(64)}`),
  existingRedis: fc.constant({ host: "master.team-valkey.abc123.use1.cache.amazonaws.com", port: 6379, authTokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/valkey-auth-AbCdEf" }),
  existingDatabase: fc.constant({ secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-AbCdEf" }),
  existingMasterKeySecretArn: fc.constant("arn:aws:secretsmanager:us-east-1:123456789012:secret:litellm/master-key-AbCdEf"),
};

/** What a stack file can hold instead: JSON of any shape, odd text, a pasted key, an out-of-range number. */
const wrongSetting: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  weirdStringArbitrary,
  secretArbitrary.map((secret) => secret.value),
  fc.constantFrom<unknown>(-1, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER, "", "true", "2", [], {}, null),
);

type SettingChange = "keep" | "plausible" | "wrong" | "remove";

/** Decoded settings of one stack: mostly valid, often with a few mistakes. */
export const stackSettingsArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      Object.fromEntries(
        (Object.keys(PLAUSIBLE) as SettingKey[]).map((key) => [
          key,
          fc.tuple(
            fc.oneof(
              { weight: 30, arbitrary: fc.constant<SettingChange>("keep") },
              { weight: 3, arbitrary: fc.constant<SettingChange>("plausible") },
              { weight: 1, arbitrary: fc.constant<SettingChange>("wrong") },
              { weight: 1, arbitrary: fc.constant<SettingChange>("remove") },
            ),
            PLAUSIBLE[key],
            wrongSetting,
          ),
        ]),
      ) as Record<SettingKey, fc.Arbitrary<[SettingChange, unknown, unknown]>>,
    ),
    // Half the stacks make no mistake (plausible changes only), so valid settings are common.
    fc.boolean(),
    fc.dictionary(fc.stringMatching(/^[a-z][A-Za-z]{0,12}$/), wrongSetting, { maxKeys: 1 }),
    fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/), secretArbitrary.map((secret) => secret.value), { maxKeys: 2 }),
  )
  .map(([changes, careful, unknownKeys, providerKeys]) => {
    const settings: Record<string, unknown> = { ...VALID_SETTINGS };
    for (const [key, [change, plausible, wrong]] of Object.entries(changes)) {
      if (change === "plausible") {
        settings[key] = plausible;
      } else if (change === "wrong" && !careful) {
        settings[key] = wrong;
      } else if (change === "remove" && !careful) {
        delete settings[key];
      }
    }
    return { ...(careful ? {} : unknownKeys), ...settings, ...providerKeys };
  });
