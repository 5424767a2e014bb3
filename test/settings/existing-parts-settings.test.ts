/** Bring-your-own-parts settings (issue 15): each is taken in its documented form and refused, in one line naming it and the fix, otherwise. */
import { describe, expect, it } from "vitest";

import { parseStackSettings } from "../../config/settings/stack-settings";
import { expectedProblems, VALID_SETTINGS } from "./settings-fixtures";

const MASTER_KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/litellm-master-key-AbCdEf";

describe("existingMasterKeySecretArn", () => {
  it("takes a full Secrets Manager secret ARN", () => {
    expect(parseStackSettings({ ...VALID_SETTINGS, existingMasterKeySecretArn: MASTER_KEY_ARN }).existingMasterKeySecretArn).toBe(MASTER_KEY_ARN);
    expect(parseStackSettings(VALID_SETTINGS).existingMasterKeySecretArn).toBeUndefined();
  });

  it.each([
    ["a bare secret name", "team/litellm-master-key"],
    ["a partial ARN without the six-character suffix", "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/litellm-master-key"],
    ["another service's ARN", "arn:aws:ssm:us-east-1:123456789012:parameter/litellm-master-key"],
    ["an account that is not 12 digits", "arn:aws:secretsmanager:us-east-1:1234:secret:litellm-master-key-AbCdEf"],
  ])("refuses %s in one line naming the setting and the fix", (_what, arn) => {
    expect(expectedProblems({ ...VALID_SETTINGS, existingMasterKeySecretArn: arn })).toEqual([
      expect.stringMatching(/^litellm-gateway:existingMasterKeySecretArn: found .*Allowed: a full Secrets Manager secret ARN.*Example: pulumi config set existingMasterKeySecretArn arn:aws:secretsmanager:/),
    ]);
  });
});

describe("image", () => {
  it.each([
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:v1.108.7",
    `registry.example.com:5000/mirror/litellm@sha256:${"0123456789abcdef".repeat(4)}`,
    `ghcr.io/berriai/litellm:v1.108.7@sha256:${"f".repeat(64)}`,
  ])("takes a mirror of the pinned release by its tag or a digest: %s", (image) => {
    expect(parseStackSettings({ ...VALID_SETTINGS, image }).image).toBe(image);
  });

  it.each([
    ["a moving tag", "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:main-stable", /has the tag "main-stable", but only the pinned release's tag v1\.108\.7/],
    ["another release", "ghcr.io/berriai/litellm:v1.82.7", /has the tag "v1\.82\.7"/],
    ["another release, even with a digest", `ghcr.io/berriai/litellm:v1.80.0@sha256:${"a".repeat(64)}`, /has the tag "v1\.80\.0"/],
    ["no tag and no digest", "registry.example.com/mirror/litellm", /neither a tag nor a digest/],
    ["no registry host", "berriai/litellm:v1.108.7", /not an image reference with a registry host/],
    ["a short digest", "registry.example.com/mirror/litellm@sha256:abc", /not an image reference/],
  ])("refuses %s in one line naming the setting and the fix", (_what, image, reason) => {
    const problems = expectedProblems({ ...VALID_SETTINGS, image });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^litellm-gateway:image: found .*Example: pulumi config set image 123456789012\.dkr\.ecr\./);
    expect(problems[0]).toMatch(reason);
    expect(problems[0]).not.toContain("\n");
  });
});

describe("existingRedis", () => {
  const REDIS = { host: "master.team-valkey.abc123.use1.cache.amazonaws.com", port: 6379, authTokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/valkey-auth-AbCdEf" };
  const SEVERAL_PROCESSES = { desiredCount: 2 };

  it("takes an endpoint and its AUTH secret, and then satisfies the Redis requirement of several LiteLLM processes", () => {
    const settings = parseStackSettings({ ...VALID_SETTINGS, ...SEVERAL_PROCESSES, existingRedis: REDIS });
    expect(settings.existingRedis).toEqual(REDIS);
    expect(settings.redis).toBeUndefined();
    expect(expectedProblems({ ...VALID_SETTINGS, ...SEVERAL_PROCESSES })).toEqual([expect.stringMatching(/^litellm-gateway:redisNodeType: missing/)]);
  });

  it.each([
    ["a missing AUTH secret", { host: REDIS.host, port: 6379 }, "existingRedis.authTokenSecretArn: missing"],
    ["a bad ARN", { ...REDIS, authTokenSecretArn: "team/valkey-auth" }, "existingRedis.authTokenSecretArn: found"],
    ["a port out of range", { ...REDIS, port: 70_000 }, "existingRedis.port: found 70000"],
    ["a host with a scheme", { ...REDIS, host: "rediss://cache.example.com" }, "existingRedis.host: found"],
    ["an unknown field", { ...REDIS, tls: false }, 'existingRedis: unknown field "tls"'],
  ])("refuses %s in one line naming the field", (_what, existingRedis, where) => {
    const problems = expectedProblems({ ...VALID_SETTINGS, existingRedis });
    expect(problems).toEqual([expect.stringContaining(`litellm-gateway:${where}`)]);
    expect(problems[0]).toContain("Example: pulumi config set --path existingRedis.host");
  });

  it("refuses redisNodeType and redisNodes beside it: the stack creates a Redis or uses yours", () => {
    expect(expectedProblems({ ...VALID_SETTINGS, existingRedis: REDIS, redisNodeType: "cache.t4g.small", redisNodes: 2 })).toEqual([
      expect.stringMatching(/^litellm-gateway:redisNodeType: found "cache\.t4g\.small", but existingRedis is also set.*pulumi config rm redisNodeType/),
      expect.stringMatching(/^litellm-gateway:redisNodes: found 2, but existingRedis is also set/),
    ]);
  });
});

describe("existingDatabase", () => {
  const DATABASE_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-AbCdEf";
  const WITHOUT_DB = Object.fromEntries(Object.entries(VALID_SETTINGS).filter(([key]) => !key.startsWith("db")));

  it("takes the secret's ARN in place of every db setting: no database to create, no connection budget to check", () => {
    const settings = parseStackSettings({ ...WITHOUT_DB, existingDatabase: { secretArn: DATABASE_ARN } });
    expect(settings.existingDatabase).toEqual({ secretArn: DATABASE_ARN });
    expect(settings.database).toBeUndefined();
  });

  it("without it, the created database's settings are still required, each named", () => {
    expect(expectedProblems(WITHOUT_DB)).toEqual([
      expect.stringMatching(/^litellm-gateway:dbInstanceClass: missing \(needed unless existingDatabase is set\)\. Allowed: .*Example: pulumi config set dbInstanceClass/),
      expect.stringMatching(/^litellm-gateway:dbMultiAz: missing/),
      expect.stringMatching(/^litellm-gateway:dbDeletionProtection: missing/),
      expect.stringMatching(/^litellm-gateway:dbSkipFinalSnapshot: missing/),
    ]);
  });

  it("refuses a db setting beside it, naming the setting and the fix", () => {
    expect(expectedProblems({ ...WITHOUT_DB, existingDatabase: { secretArn: DATABASE_ARN }, dbMultiAz: true })).toEqual([
      expect.stringMatching(/^litellm-gateway:dbMultiAz: found true, but existingDatabase is set.*pulumi config rm dbMultiAz/),
    ]);
  });

  it.each([
    ["a bad ARN", { secretArn: "rds!db-0123abcd" }, "existingDatabase.secretArn: found"],
    ["a missing ARN", {}, "existingDatabase.secretArn: missing"],
    ["connection details in the stack file", { secretArn: DATABASE_ARN, password: "hunter2hunter2" }, 'existingDatabase: unknown field "password"'],
  ])("refuses %s in one line naming the field", (_what, existingDatabase, where) => {
    const problems = expectedProblems({ ...WITHOUT_DB, existingDatabase });
    expect(problems).toEqual([expect.stringContaining(`litellm-gateway:${where}`)]);
    expect(problems[0]).toContain("Example: pulumi config set --path existingDatabase.secretArn");
    expect(problems[0]).not.toContain("hunter2");
  });
});
