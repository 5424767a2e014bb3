/** The program reads aws:region into the settings check: a certificate of another region stops it before any resource. */
import { expect, it } from "vitest";

import { runStack } from "./stack-harness";

it("refuses a certificateArn outside the stack's aws:region before declaring anything", async () => {
  const run = runStack("prod", {
    "aws:region": "eu-west-1",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666",
  });
  await expect(run).rejects.toThrow(
    "litellm-gateway:certificateArn: found a certificate in us-east-1, but the stack deploys to eu-west-1 (aws:region)",
  );
});
