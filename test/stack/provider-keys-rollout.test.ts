/**
 * Provider keys filled after the first deploy reach running tasks: one `pulumi up` of dev after
 * another, each a run of the real program in its own process, compared the way Pulumi diffs the
 * ECS service. ECS reads secrets only at task start and the task definition refers to a secret by
 * ARN, so what rolls the service is its `triggers` (with forceNewDeployment) and whether
 * `pulumi up` waits for it (waitForSteadyState).
 */
import { beforeAll, describe, expect, it } from "vitest";

import { catalog } from "../../config/catalog";
import { catalogSecretEnvNames } from "../../config/catalog/catalog-secrets";
import { mockSecretVersionId } from "../../offline/run-stack-offline";
import { oneOf } from "./stack-harness";
import type { StackRun } from "./stack-harness";
import { runStacksInChildren } from "./stack-runs-in-children";

/** The provider keys the catalog serves on dev, whichever they are; the first is the one that changes. */
const KEYS = catalogSecretEnvNames(catalog, "dev");
const [CHANGED_KEY] = KEYS;
const FIRST_REVISION = "2026-12-02T06:00:00Z";
const SECOND_REVISION = "2026-12-03T06:00:00Z";
/** Fake key values, one per key; a test below proves none of them reaches the service's inputs. */
const FIRST_VALUES = Object.fromEntries(KEYS.map((key) => [key, `sk-rollout-test-one-${key}`]));
const CHANGED_VALUE = "sk-rollout-test-two";
const SECOND_VALUES = { ...FIRST_VALUES, [CHANGED_KEY]: CHANGED_VALUE };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let firstDeploy: StackRun;
let keysFilled: StackRun;
let revisionBumped: StackRun;
let keysInConfig: StackRun;
let keyChanged: StackRun;

beforeAll(async () => {
  [firstDeploy, keysFilled, revisionBumped, keysInConfig, keyChanged] = await runStacksInChildren([
    { stack: "dev" },
    { stack: "dev", extraConfig: { providerKeysRevision: FIRST_REVISION } },
    { stack: "dev", extraConfig: { providerKeysRevision: SECOND_REVISION } },
    { stack: "dev", extraConfig: FIRST_VALUES },
    { stack: "dev", extraConfig: SECOND_VALUES },
  ]);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function service(run: StackRun): Record<string, any> {
  return oneOf(run, "aws:ecs/service:Service").inputs;
}

function triggers(run: StackRun): Record<string, string> {
  return service(run).triggers as Record<string, string>;
}

function containerDefinitions(run: StackRun): unknown {
  return oneOf(run, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions;
}

/** Trigger names whose value differs between two runs. */
function changedTriggers(before: StackRun, after: StackRun): string[] {
  const names = new Set([...Object.keys(triggers(before)), ...Object.keys(triggers(after))]);
  return [...names].filter((name) => triggers(before)[name] !== triggers(after)[name]).sort();
}

function awaitingWarning(run: StackRun): string | undefined {
  return run.warnings.find((warning) => warning.startsWith("Provider keys without a value"));
}

describe("provider keys: first deploy without them", () => {
  it("does not wait for a service that cannot start, and lists the keys", () => {
    expect(service(firstDeploy).waitForSteadyState).toBe(false);
    expect(firstDeploy.outputs.providerKeysAwaitingValues).toEqual(KEYS);
  });

  it("says loudly that the service has zero running tasks, naming the keys and the exact next commands", () => {
    const warning = awaitingWarning(firstDeploy) ?? "";
    expect(warning).toContain(`Provider keys without a value: ${KEYS.join(", ")}`);
    expect(warning).toContain("ZERO running tasks");
    expect(warning).toContain("reports success anyway");
    for (const key of KEYS) {
      // The value goes through stdin, never into the aws process's arguments (visible in ps).
      expect(warning).toContain(`printf %s "$${key}" | aws secretsmanager put-secret-value`);
      expect(warning).toContain(`jq -r .${key})" --secret-string file:///dev/stdin`);
      expect(warning).not.toContain(`--secret-string "$${key}"`);
    }
    expect(warning).toContain('pulumi config set --stack dev providerKeysRevision "$(date -u +%Y-%m-%dT%H:%M:%SZ)" && pulumi up --stack dev');
    expect(warning).toContain("--force-new-deployment && aws ecs wait services-stable");
  });

  it("always lets a changed trigger force a new deployment", () => {
    for (const run of [firstDeploy, keysFilled, keysInConfig]) {
      expect(service(run).forceNewDeployment).toBe(true);
    }
  });
});

describe("provider keys: the next `pulumi up` after they were filled in Secrets Manager", () => {
  it("rolls the service: the revision is a new trigger, while the task definition is unchanged", () => {
    expect(changedTriggers(firstDeploy, keysFilled)).toEqual(["providerKeysRevision"]);
    expect(triggers(keysFilled).providerKeysRevision).toBe(FIRST_REVISION);
    // Nothing else differs: without the trigger this `pulumi up` would be a no-op, as it was before.
    expect(containerDefinitions(keysFilled)).toBe(containerDefinitions(firstDeploy));
  });

  it("waits for healthy tasks again, so a failed rollout fails `pulumi up`", () => {
    expect(service(keysFilled).waitForSteadyState).toBe(true);
    expect(keysFilled.outputs.providerKeysAwaitingValues).toEqual([]);
    expect(awaitingWarning(keysFilled)).toBeUndefined();
  });

  it("rolls again when the operator bumps the revision after changing a key outside Pulumi", () => {
    expect(changedTriggers(keysFilled, revisionBumped)).toEqual(["providerKeysRevision"]);
  });
});

describe("provider keys set in the stack config", () => {
  it("need no revision: the service waits for steady state and no key is awaiting", () => {
    expect(service(keysInConfig).waitForSteadyState).toBe(true);
    expect(keysInConfig.outputs.providerKeysAwaitingValues).toEqual([]);
    expect(awaitingWarning(keysInConfig)).toBeUndefined();
  });

  it("feed the triggers with the id of the secret version the stack wrote, per key", () => {
    for (const key of KEYS) {
      const version = keysInConfig.resources.find(
        (resource) => resource.type === "aws:secretsmanager/secretVersion:SecretVersion" && resource.name.endsWith(`-${key}`),
      );
      expect(version, key).toBeDefined();
      expect(triggers(keysInConfig)[key]).toBe(mockSecretVersionId(version?.inputs.secretId, version?.inputs.secretString));
    }
  });

  it("roll the service when one changes: exactly its trigger differs, the task definition does not", () => {
    expect(changedTriggers(keysInConfig, keyChanged)).toEqual([CHANGED_KEY]);
    expect(containerDefinitions(keyChanged)).toBe(containerDefinitions(keysInConfig));
  });
});

describe("redeploy triggers", () => {
  it("hold version ids and the revision, never a secret value", () => {
    for (const run of [firstDeploy, keysFilled, keysInConfig, keyChanged]) {
      const text = JSON.stringify(service(run));
      for (const value of [...Object.values(FIRST_VALUES), CHANGED_VALUE, "GeNeRaTeD"]) {
        expect(text).not.toContain(value);
      }
      for (const [name, value] of Object.entries(triggers(run))) {
        expect(value, name).toMatch(name === "providerKeysRevision" ? /^2026-/ : UUID);
      }
    }
  });

  it("cover every generated secret, so a replaced master key or password rolls the service too", () => {
    expect(Object.keys(triggers(firstDeploy)).sort()).toEqual(["DATABASE_PASSWORD", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY"]);
    expect(Object.keys(triggers(keysInConfig)).sort()).toEqual([...KEYS, "DATABASE_PASSWORD", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY"].sort());
  });
});
