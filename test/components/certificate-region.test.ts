/** The program reads aws:region into the settings check: a certificate of another region stops it before any resource. */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { expect, it } from "vitest";

import { runStack } from "../../offline/run-stack-offline";

it("refuses a certificateArn outside the stack's aws:region before declaring anything", async () => {
  const run = runStack("prod", {
    "aws:region": "eu-west-1",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666",
  });
  await expect(run).rejects.toThrow(
    "litellm-gateway:certificateArn: found a certificate in us-east-1, but the stack deploys to eu-west-1 (aws:region)",
  );
  // The mock cloud runStack installed records every registration; wait for any still in flight.
  const monitor = pulumi.runtime.getMonitor();
  if (!(monitor instanceof MockMonitor)) {
    throw new Error("runStack did not install Pulumi's mock monitor");
  }
  await pulumi.runtime.disconnect();
  expect([...monitor.getRegisteredResources().values()].map((resource) => resource.urn)).toEqual([]);
});
