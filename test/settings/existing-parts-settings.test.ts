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
