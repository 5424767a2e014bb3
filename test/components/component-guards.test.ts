/**
 * Each component refuses a wrong arg up front, through the rule it shares with the settings
 * (test/rules/guard-rules.test.ts tables the rules), with a message that names the arg and the fix.
 * The guards run before any other arg is read, so each case passes only what its guard looks at.
 */
import { beforeAll, describe, expect, it } from "vitest";

import type * as AccessLogBucketModule from "../../components/access-log-bucket";
import type * as ConfigBucketModule from "../../components/config-bucket";
import type * as DatabaseModule from "../../components/database";
import type * as GatewayAlarmsModule from "../../components/gateway-alarms";
import type * as GatewaySecretsModule from "../../components/gateway-secrets";
import type * as NetworkSecurityModule from "../../components/network-security";
import type * as ProxyAutoscalingModule from "../../components/proxy-autoscaling";
import type * as RedisModule from "../../components/redis";
import type * as WebApplicationFirewallModule from "../../components/web-application-firewall";
import { setGuardMocks } from "./guard-mocks";

let modules: {
  accessLogBucket: typeof AccessLogBucketModule;
  configBucket: typeof ConfigBucketModule;
  database: typeof DatabaseModule;
  gatewayAlarms: typeof GatewayAlarmsModule;
  gatewaySecrets: typeof GatewaySecretsModule;
  networkSecurity: typeof NetworkSecurityModule;
  proxyAutoscaling: typeof ProxyAutoscalingModule;
  redis: typeof RedisModule;
  waf: typeof WebApplicationFirewallModule;
};

const DATABASE = {
  subnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
  securityGroupId: "sg-database",
  password: "password",
  instanceClass: "db.t4g.micro",
  allocatedStorageGib: 20,
  maxAllocatedStorageGib: 100,
  multiAz: false,
  deletionProtection: false,
  skipFinalSnapshot: true,
  backupRetentionDays: 7,
  applyImmediately: false,
  allowMajorVersionUpgrade: false,
};
const REDIS = { subnetIds: DATABASE.subnetIds, securityGroupId: "sg-redis", authToken: "token", nodeType: "cache.t4g.small", nodes: 2 };
const AUTOSCALING = { clusterName: "cluster", serviceName: "service", minCount: 2, maxCount: 6, cpu: 1024, loadBalancerArnSuffix: "app/x/1", targetGroupArnSuffix: "targetgroup/x/1" };

beforeAll(async () => {
  await setGuardMocks();
  modules = {
    accessLogBucket: await import("../../components/access-log-bucket"),
    configBucket: await import("../../components/config-bucket"),
    database: await import("../../components/database"),
    gatewayAlarms: await import("../../components/gateway-alarms"),
    gatewaySecrets: await import("../../components/gateway-secrets"),
    networkSecurity: await import("../../components/network-security"),
    proxyAutoscaling: await import("../../components/proxy-autoscaling"),
    redis: await import("../../components/redis"),
    waf: await import("../../components/web-application-firewall"),
  };
});

describe("AccessLogBucket", () => {
  it.each([
    [{ region: "cn-north-1" }, /AccessLogBucket: region "cn-north-1" is not a commercial AWS Region.*pulumi config set accessLogs false/],
    [{ region: "us-gov-west-1" }, /AccessLogBucket: region "us-gov-west-1" is not a commercial AWS Region/],
    [{ retentionDays: 0 }, /AccessLogBucket: retentionDays 0 is not a whole number of days of at least 1\. Pass e\.g\. 365/],
    [{ retentionDays: 1.5 }, /AccessLogBucket: retentionDays 1\.5/],
  ])("refuses %j", (change, message) => {
    expect(() => new modules.accessLogBucket.AccessLogBucket("guard-logs", { region: "us-east-1", retentionDays: 365, ...change })).toThrow(message);
  });
});

describe("Database", () => {
  it.each([
    [{ maxAllocatedStorageGib: 20 }, "maxAllocatedStorageGib (20) must exceed allocatedStorageGib (20)"],
    [{ backupRetentionDays: 0 }, "backupRetentionDays is 0; backups must stay on"],
    [{ backupRetentionDays: 36 }, "backupRetentionDays is 36"],
  ])("refuses %j", (change, message) => {
    expect(() => new modules.database.Database("guard-database", { ...DATABASE, ...change })).toThrow(message);
  });
});

describe("Redis", () => {
  it.each([
    [{ nodes: 7 }, "Redis: nodes is 7; pass a whole number from 1 to 6"],
    [{ nodes: 0 }, "Redis: nodes is 0"],
    [{ nodeType: "t4g.small" }, 'Redis: nodeType is "t4g.small"'],
  ])("refuses %j", (change, message) => {
    expect(() => new modules.redis.Redis("guard-redis", { ...REDIS, ...change })).toThrow(message);
  });
});

describe("WebApplicationFirewall", () => {
  it.each([99, 2_000_000_001, 1500.5])("refuses rateLimitPer5Min %d", (limit) => {
    expect(() => new modules.waf.WebApplicationFirewall("guard-waf", { loadBalancerArn: "arn:alb", rateLimitPer5Min: limit, maxRequestBodyMib: 32 })).toThrow(
      `rateLimitPer5Min ${limit} is not an integer from 100 to 2000000000`,
    );
  });

  it.each([0, 513, 32.5])("refuses maxRequestBodyMib %d", (mib) => {
    expect(() => new modules.waf.WebApplicationFirewall("guard-waf", { loadBalancerArn: "arn:alb", rateLimitPer5Min: 2000, maxRequestBodyMib: mib })).toThrow(
      `maxRequestBodyMib ${mib} is not an integer from 1 to 512`,
    );
  });
});

describe("ProxyAutoscaling", () => {
  it.each([
    [{ minCount: 0 }, "minCount is 0"],
    [{ maxCount: 2 }, "maxCount is 2 with minCount 2"],
    [{ maxCount: 51 }, "maxCount is 51 with minCount 2"],
  ])("refuses %j", (change, message) => {
    expect(() => new modules.proxyAutoscaling.ProxyAutoscaling("guard-scaling", { ...AUTOSCALING, ...change })).toThrow(message);
  });
});

describe("NetworkSecurity", () => {
  it.each([[[]], [["office"]]])("refuses allowedCidrs %j", (allowedCidrs) => {
    expect(() => new modules.networkSecurity.NetworkSecurity("guard-network", { vpcId: "vpc-1", allowedCidrs, listenerPorts: [443] })).toThrow(
      `NetworkSecurity: allowedCidrs is ${JSON.stringify(allowedCidrs)}; pass at least one IPv4 CIDR block`,
    );
  });
});

describe("GatewayAlarms", () => {
  it("refuses an email that is not an address", () => {
    // Only email is read before the guard throws.
    const args = { email: "oncall" } as unknown as GatewayAlarmsModule.GatewayAlarmsArgs;
    expect(() => new modules.gatewayAlarms.GatewayAlarms("guard-alarms", args)).toThrow('GatewayAlarms: email "oncall" is not an e-mail address');
  });

  it("refuses database alarm inputs without the instance id (or an id without the class)", () => {
    const args = { dbInstanceClass: "db.t4g.micro", dbAllocatedStorageGib: 20 } as unknown as GatewayAlarmsModule.GatewayAlarmsArgs;
    expect(() => new modules.gatewayAlarms.GatewayAlarms("guard-alarms", args)).toThrow("GatewayAlarms: databaseIdentifier, dbInstanceClass and dbAllocatedStorageGib go together");
  });
});

describe("GatewaySecrets", () => {
  it.each([
    [["LITELLM_MASTER_KEY"], "providerKeyNames contains LITELLM_MASTER_KEY"],
    [["AWS_SECRET_ACCESS_KEY"], "providerKeyNames contains AWS_SECRET_ACCESS_KEY"],
    [["OPENAI_API_KEY", "OPENAI_API_KEY"], "providerKeyNames has duplicates"],
  ])("refuses providerKeyNames %j", (providerKeyNames, message) => {
    expect(() => new modules.gatewaySecrets.GatewaySecrets("guard-secrets", { providerKeyNames })).toThrow(message);
  });

  it("refuses an existingDatabaseSecretArn that is not a full secret ARN", () => {
    expect(() => new modules.gatewaySecrets.GatewaySecrets("guard-secrets", { providerKeyNames: [], existingDatabaseSecretArn: "rds!db-0123" })).toThrow(
      "GatewaySecrets: existingDatabaseSecretArn is not a full Secrets Manager secret ARN",
    );
  });

  it("refuses an existingMasterKeySecretArn that is not a full secret ARN", () => {
    expect(() => new modules.gatewaySecrets.GatewaySecrets("guard-secrets", { providerKeyNames: [], existingMasterKeySecretArn: "litellm-master-key" })).toThrow(
      "GatewaySecrets: existingMasterKeySecretArn is not a full Secrets Manager secret ARN",
    );
  });
});

describe("ConfigBucket", () => {
  it("refuses an empty config", () => {
    expect(() => new modules.configBucket.ConfigBucket("guard-bucket", { configYaml: " \n" })).toThrow("ConfigBucket: configYaml is empty");
  });
});
