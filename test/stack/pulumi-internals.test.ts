/**
 * The mock cloud (offline/run-stack-offline.ts) leans on parts of @pulumi/pulumi beyond
 * setMocks, written against 3.248.0. After an upgrade this file says by name which one went,
 * instead of every stack test failing with "x is not a function".
 */
import { createRequire } from "node:module";

import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { describe, expect, it } from "vitest";

const installedVersion = (createRequire(__filename)("@pulumi/pulumi/package.json") as { version: string }).version;

describe(`what the mock cloud uses of @pulumi/pulumi ${installedVersion} (written against 3.248.0)`, () => {
  it("runInPulumiStack: how `pulumi up` walks and registers the program's exports", () => {
    expect(typeof pulumi.runtime.runInPulumiStack, "pulumi.runtime.runInPulumiStack").toBe("function");
  });

  it("runtime/settings getMonitor and the @internal waitForRPCs: the monitor whose register requests carry the resource options", async () => {
    const settings = (await import("@pulumi/pulumi/runtime/settings")) as Record<string, unknown>;
    expect(typeof settings.getMonitor, "runtime/settings getMonitor").toBe("function");
    expect(typeof settings.waitForRPCs, "runtime/settings waitForRPCs").toBe("function");
  });

  it("the mock monitor's registerResource and getRegisteredResources: every registration, with its URN", () => {
    expect(typeof MockMonitor.prototype.registerResource, "MockMonitor.registerResource").toBe("function");
    expect(typeof MockMonitor.prototype.getRegisteredResources, "MockMonitor.getRegisteredResources").toBe("function");
  });
});
