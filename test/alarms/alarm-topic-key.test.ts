/**
 * The alarm topic's KMS key follows the account, region and stack it is deployed to: a dotted
 * stack name (`team.prod`) in eu-west-1 gets a policy scoped to eu-west-1's alarms and an alias
 * AWS accepts. And the alias rule itself refuses what CreateAlias would refuse.
 */
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { alarmTopicKeyAlias } from "../../config/alarms/alarm-topic-key";
import { oneOf, REPO_ROOT, runStack } from "../stack/stack-harness";
import type { StackRun } from "../stack/stack-harness";
import { expectTopicKey } from "./alarm-checks";

let run: StackRun;

beforeAll(async () => {
  // Dev's file with this stack's own stack tag (the program refuses a tag naming another stack).
  const defaultTags = JSON.stringify({ tags: { project: "litellm-gateway", stack: "team.prod" } });
  run = await runStack("team.prod", { "aws:region": "eu-west-1", "aws:defaultTags": defaultTags }, { stackFile: path.join(REPO_ROOT, "Pulumi.dev.yaml") });
});

describe("the alarm topic's key on stack team.prod in eu-west-1", () => {
  it("lets CloudWatch alarms of this account in eu-west-1 use it, and nothing else but the account's IAM", () => {
    expectTopicKey(run, "eu-west-1");
  });

  it("is named alias/litellm-alarms-team-prod-<hash>: the dot is not a character KMS aliases allow", () => {
    // 9496a5: the first 6 hex characters of sha256("team.prod").
    expect(oneOf(run, "aws:kms/alias:Alias").inputs.name).toBe("alias/litellm-alarms-team-prod-9496a5");
  });
});

describe("alarmTopicKeyAlias (KMS CreateAlias: alias/ then [a-zA-Z0-9/_-], at most 256, never alias/aws/)", () => {
  it.each([
    ["litellm-alarms", "prod", "alias/litellm-alarms-prod"],
    // 8d1f25: the first 6 hex characters of sha256("eu_west.prod").
    ["litellm-alarms", "eu_west.prod", "alias/litellm-alarms-eu-west-prod-8d1f25"],
    ["team/alarms", "dev", "alias/team/alarms-dev"],
  ])("names component %s on stack %s %s", (component, stack, alias) => {
    expect(alarmTopicKeyAlias(component, stack)).toBe(alias);
  });

  it.each([
    ["a component name with a space", "litellm alarms", "prod", 'it contains " "; AWS allows only alphanumeric characters, forward slashes (/), underscores (_) and dashes (-)'],
    ["a component name with a dot", "litellm.alarms", "prod", 'it contains "."; AWS allows only alphanumeric characters'],
    ["the prefix AWS reserves for its own keys", "aws/alarms", "prod", 'it must not start with "alias/aws/" (reserved by AWS)'],
    ["more than 256 characters", "a".repeat(250), "prod", "it is 261 characters long; AWS allows 1 to 256"],
  ])("refuses %s, naming the rule and the fix", (_case, component, stack, problem) => {
    expect(() => alarmTopicKeyAlias(component, stack)).toThrow(`breaks AWS's rule for CreateAlias AliasName: ${problem}`);
    expect(() => alarmTopicKeyAlias(component, stack)).toThrow('e.g. "litellm-alarms"');
  });
});
