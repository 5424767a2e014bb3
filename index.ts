/**
 * The LiteLLM gateway stack: validate the stack settings, build the gateway, export what an
 * operator needs to use it. No secret value is exported: the master key stays in Secrets Manager
 * (read it with `aws secretsmanager get-secret-value --secret-id <masterKeySecretArn>`).
 *
 * An optional output is plain `undefined` where its thing does not exist: Pulumi leaves such an
 * export out of the stack outputs (and says "Undefined value (<name>) will not show as a stack
 * output"). No export is ever an Output that resolves to undefined.
 */
import * as pulumi from "@pulumi/pulumi";

import { LitellmGateway } from "./components/litellm-gateway";
import { catalog } from "./config/catalog";
import { loadStackSettings, readProviderKeyValues } from "./config/settings/load-stack-settings";

const gateway = new LitellmGateway("litellm", {
  settings: loadStackSettings(),
  catalog,
  stack: pulumi.getStack(),
  providerKeyValues: readProviderKeyValues(),
  costRegion: new pulumi.Config("aws").get("region"),
});

export const url = gateway.url;
export const masterKeySecretArn = gateway.masterKeySecretArn;
/** The Admin UI's password (user `admin`), in Secrets Manager (absent with `adminUi: false`). */
export const adminUiPasswordSecretArn = gateway.adminUiPasswordSecretArn;
export const configBucketName = gateway.configBucketName;
export const configObjectKey = gateway.configObjectKey;
export const logGroupName = gateway.logGroupName;
export const databaseEndpoint = gateway.databaseEndpoint;
export const clusterName = gateway.clusterName;
export const serviceName = gateway.serviceName;
export const providerKeySecretArns = gateway.providerKeySecretArns;
export const providerKeysAwaitingValues = gateway.providerKeysAwaitingValues;
export const models = gateway.aliases;
/** Monthly USD at default usage; `npm run plan` shows the lines, assumptions and price date (absent for an unpriced region). */
export const estimatedMonthlyCostUsd = gateway.estimatedMonthlyCostUsd;
export const costEstimate = gateway.costEstimate;
/** The SNS topic the CloudWatch alarms notify (absent with `alarms: false`). */
export const alarmTopicArn = gateway.alarmTopicArn;
/** The WAF web ACL in front of the load balancer (absent with `waf: false`). */
export const webAclArn = gateway.webAclArn;
