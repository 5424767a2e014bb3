/**
 * The policy pack as the Pulumi CLI runs it: policy/index.ts in a process of its own, which serves
 * Pulumi's analyzer protocol (gRPC) on the port it prints, and answers the calls the engine makes
 * during `pulumi preview --policy-pack policy [--policy-pack-config policy/production.json]`: the
 * pack's policies and their enforcement levels, the pack config, and a resource to analyze.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeRequest, AnalyzerResourceOptions, ConfigureAnalyzerRequest, EnforcementLevel, PolicyConfig } from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzeDiagnostic, AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GATEWAY_POLICIES, POLICY_PACK_NAME } from "../../policy/policies";
import { REPO_ROOT } from "../stack/stack-harness";

let pack: ChildProcessWithoutNullStreams;
let client: AnalyzerClient;

/** A prod database with three days of backups: enough for dev, too few for production. */
function threeDayDatabase(): AnalyzeRequest {
  const request = new AnalyzeRequest();
  request.setType("aws:rds/instance:Instance");
  request.setName("litellm-database-instance");
  request.setUrn("urn:pulumi:prod::litellm-gateway::aws:rds/instance:Instance::litellm-database-instance");
  request.setProperties(Struct.fromJavaScript({ storageEncrypted: true, publiclyAccessible: false, backupRetentionPeriod: 3, deletionProtection: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "final" }));
  request.setOptions(new AnalyzerResourceOptions().setProtect(true));
  return request;
}

function analyze(request: AnalyzeRequest): Promise<AnalyzeDiagnostic[]> {
  return new Promise((resolve, reject) => client.analyze(request, (error, response) => (error ? reject(error) : resolve(response.getDiagnosticsList()))));
}

beforeAll(async () => {
  pack = spawn(path.join(REPO_ROOT, "node_modules", ".bin", "tsx"), [path.join("policy", "index.ts")], { cwd: REPO_ROOT, detached: true });
  // The analyzer prints its port on the first line of stdout, which is how the CLI finds it.
  const port = await new Promise<string>((resolve, reject) => {
    pack.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    pack.once("exit", (code) => reject(new Error(`policy/index.ts exited ${code}`)));
  });
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  if (pack?.pid !== undefined) process.kill(-pack.pid);
});

describe("the policy pack under Pulumi's analyzer protocol", () => {
  it("serves every policy of the pack, each mandatory", async () => {
    const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
      client.getAnalyzerInfo(new Empty(), (error, response) => (error ? reject(error) : resolve(response))),
    );
    expect(info.getName()).toBe(POLICY_PACK_NAME);
    expect(info.getPoliciesList().map((policy) => [policy.getName(), policy.getEnforcementlevel()])).toEqual(GATEWAY_POLICIES.map((policy) => [policy.name, EnforcementLevel.MANDATORY]));
  });

  it("passes three days of backups without the production config, refuses them with policy/production.json", async () => {
    expect(await analyze(threeDayDatabase())).toEqual([]);

    const production = JSON.parse(readFileSync(path.join(REPO_ROOT, "policy", "production.json"), "utf8")) as Record<string, Record<string, unknown>>;
    const request = new ConfigureAnalyzerRequest();
    for (const [name, properties] of Object.entries(production)) {
      request.getPolicyconfigMap().set(name, new PolicyConfig().setEnforcementlevel(EnforcementLevel.MANDATORY).setProperties(Struct.fromJavaScript(properties as never)));
    }
    await new Promise<void>((resolve, reject) => client.configure(request, (error) => (error ? reject(error) : resolve())));

    const diagnostics = await analyze(threeDayDatabase());
    expect(diagnostics.map((diagnostic) => [diagnostic.getPolicyname(), diagnostic.getEnforcementlevel()])).toEqual([["litellm-database-backups", EnforcementLevel.MANDATORY]]);
    expect(diagnostics[0].getMessage()).toContain('aws:rds/instance:Instance "litellm-database-instance": backupRetentionPeriod is 3, below 7 day(s) for a production stack');
  });
});
