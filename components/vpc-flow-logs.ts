import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { FLOW_LOG_AGGREGATION_SECONDS, FLOW_LOG_TRAFFIC_TYPE, FLOW_LOGS_SERVICE } from "../config/access/log-delivery";
import { permissionsBoundaryOf } from "../config/access/permissions-boundary";

export interface VpcFlowLogsArgs {
  /** The VPC the stack created (never an existing VPC: its flow logs are its owner's). */
  readonly vpcId: pulumi.Input<string>;
  /** CloudWatch Logs retention of the flow log group. @example 365 */
  readonly retentionDays: number;
  /**
   * An IAM policy set as the permissions boundary of the flow logs' role (see ProxyServiceArgs).
   */
  readonly permissionsBoundaryArn?: pulumi.Input<string>;
}

/**
 * Flow logs of the gateway's VPC (Security Hub EC2.6): every accepted and rejected flow of every
 * network interface in it (load balancer nodes, NAT gateways, tasks, database, Redis), so the day
 * after one can tell which addresses a task talked to.
 *
 * To CloudWatch Logs, not S3: at this stack's volume the difference is cents (vended logs to
 * CloudWatch Logs $0.50/GB against $0.25/GB to S3, about 1.5 GB per million requests), Logs
 * Insights queries them beside the WAF and container logs, and an S3 destination would put AWS in
 * charge of the bucket policy: when the creator may, flow log creation attaches its own policy,
 * which "overwrites any existing policy attached to the bucket" (Amazon VPC User Guide, "Amazon S3
 * bucket permissions for flow logs"), which would drop the access-log bucket's TLS-only and ELB
 * statements.
 *
 * The role follows the VPC User Guide's "IAM role for publishing flow logs to CloudWatch Logs":
 * assumable by vpc-flow-logs.amazonaws.com only for this account's flow logs (aws:SourceAccount,
 * aws:SourceArn, against the confused deputy), writing only to this log group.
 */
export class VpcFlowLogs extends pulumi.ComponentResource {
  public readonly logGroupName: pulumi.Output<string>;
  public readonly flowLogId: pulumi.Output<string>;

  constructor(name: string, args: VpcFlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:VpcFlowLogs", name, {}, opts);
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: args.retentionDays }, { parent: this });
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: "VPC flow logs publish to their CloudWatch Logs group",
        ...permissionsBoundaryOf(args.permissionsBoundaryArn),
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "FlowLogsOfThisAccount",
              Effect: "Allow",
              Principal: { Service: FLOW_LOGS_SERVICE },
              Action: "sts:AssumeRole",
              Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
              },
            },
          ],
        }),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "WriteFlowLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
            },
            {
              // A list call: it cannot be scoped to one group, only to the account's groups in the region.
              Sid: "FindLogGroup",
              Effect: "Allow",
              Action: ["logs:DescribeLogGroups"],
              Resource: [pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`],
            },
          ],
        }),
      },
      { parent: this },
    );
    const flowLog = new aws.ec2.FlowLog(
      `${name}-vpc`,
      {
        vpcId: args.vpcId,
        trafficType: FLOW_LOG_TRAFFIC_TYPE,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
      },
      // The flow log delivers at once: without the role policy its first deliveries fail (DeliverLogsPermissionError).
      { parent: this, dependsOn: [policy] },
    );

    this.logGroupName = logGroup.name;
    this.flowLogId = flowLog.id;
    this.registerOutputs({ logGroupName: this.logGroupName, flowLogId: this.flowLogId });
  }
}
