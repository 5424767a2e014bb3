/** The prod plan shows what autoscaling and the alarms would do, and prices the alarms. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import type { PlanReport } from "../../scripts/offline/plan-report";
import { describeRun } from "../../scripts/offline/plan-stack";
import { runStack } from "../stack/stack-run-client";
import { lineCost } from "./plan-checks";

let report: PlanReport;

beforeAll(async () => {
  const run = await runStack("prod");
  report = await describeRun(run, { stack: "prod", outDir: mkdtempSync(path.join(tmpdir(), "plan-scaling-")) });
});

function component(type: string) {
  const found = report.resources.find((entry) => entry.type === type);
  if (found === undefined) {
    throw new Error(`no ${type} in the plan; components: ${report.resources.map((entry) => entry.type).join(", ")}`);
  }
  return Object.fromEntries(found.resources.map((resource) => [resource.name, resource.properties]));
}

describe("offline plan of prod: autoscaling and alarms", () => {
  it("shows the scaling range and each policy's metric, target and cooldowns", () => {
    const scaling = component("ProxyAutoscaling");
    expect(scaling["litellm-scaling-target"]).toEqual({ scales: "ecs:service:DesiredCount", minCapacity: 3, maxCapacity: 6 });
    expect(scaling["litellm-scaling-cpu"]).toEqual({
      policyType: "TargetTrackingScaling", metric: "ECSServiceAverageCPUUtilization", targetValue: 60,
      scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 600,
    });
    expect(scaling["litellm-scaling-requests"]).toMatchObject({ metric: "ALBRequestCountPerTarget", targetValue: 1500 });
    expect(component("ProxyService")["litellm-proxy-service"]).toMatchObject({ desiredCount: 3, ignoreChanges: ["desiredCount"] });
  });

  it("shows each alarm's metric, threshold and window, and the topic's key and what it allows", () => {
    const alarms = component("GatewayAlarms");
    expect(alarms["litellm-alarms-response-time-p95"]).toEqual({
      metric: "AWS/ApplicationELB TargetResponseTime p95",
      threshold: "> 60",
      period: "3 of 3 x 300 s",
      treatMissingData: "notBreaching",
      notifies: "topic on ALARM and OK",
    });
    expect(alarms["litellm-alarms-database-connections"]).toMatchObject({ metric: "AWS/RDS DatabaseConnections Maximum", threshold: "> 180" }); // 80% of db.t4g.small's 225 connections
    expect(alarms["litellm-alarms-running-tasks"]).toMatchObject({ metric: "AWS/ApplicationELB HealthyHostCount Minimum", threshold: "< 3" });
    expect(alarms["litellm-alarms-topic"]).toEqual({ encryption: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(alarms["litellm-alarms-topic-key"]).toEqual({
      keyRotation: true,
      deletionWindowDays: 30,
      AccountAdministersTheKeyThroughIam: "Allow kms:* to AWS arn:aws:iam::123456789012:root",
      CloudWatchAlarmsOfThisAccountPublish:
        "Allow kms:Decrypt, kms:GenerateDataKey* to Service cloudwatch.amazonaws.com if aws:SourceAccount StringEquals 123456789012 " +
        "and aws:SourceArn ArnLike arn:aws:cloudwatch:us-east-1:123456789012:alarm:*",
      // prod has a spend budget (monthlySpendAlarmUsd), which publishes to the topic too.
      BudgetsOfThisAccountPublish:
        "Allow kms:Decrypt, kms:GenerateDataKey* to Service budgets.amazonaws.com if aws:SourceAccount StringEquals 123456789012 " +
        "and aws:SourceArn ArnLike arn:aws:budgets::123456789012:*",
    });
    expect(alarms["litellm-alarms-topic-policy"]?.BudgetsOfThisAccountPublish).toBe(
      "Allow SNS:Publish to Service budgets.amazonaws.com if aws:SourceAccount StringEquals 123456789012 and aws:SourceArn ArnLike arn:aws:budgets::123456789012:*",
    );
    expect(alarms["litellm-alarms-topic-key-alias"]).toEqual({ name: "alias/litellm-alarms-prod" });
  });

  it("prices the nine alarms at $0.10 each and the topic's KMS key at $1", () => {
    expect(lineCost(report, "CloudWatch alarms")).toBe(0.9);
    expect(lineCost(report, "KMS key (alarm topic)")).toBe(1);
    expect(report.cost.exclusions.join(" ")).toContain("priced at desiredCount (3 tasks)");
  });
});
