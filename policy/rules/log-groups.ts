/** Log groups keep logs for a set time: CloudWatch's default is forever, billed every month. */
import type { ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

export const LOG_GROUP_TYPE = "aws:cloudwatch/logGroup:LogGroup";

export const logGroupHasRetention: ResourceRule = (resource) => {
  if (resource.type !== LOG_GROUP_TYPE) return [];
  const days = resource.props.retentionInDays;
  if (typeof days === "number" && days > 0) return [];
  return [violation(resource, "retentionInDays is not set, so CloudWatch keeps (and bills) the logs forever", "set retentionInDays (logRetentionDays in the gateway's stack file)")];
};
