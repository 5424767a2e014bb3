/**
 * A team's own Pulumi program that adds the gateway to a VPC it already runs, with its own model
 * catalog: the package is installed (`npm install ../../litellm-gateway-0.1.0.tgz`, from
 * `npm pack` in the gateway's repository) and imported, not forked.
 *
 * The VPC and its subnets come from this project's stack config (Pulumi.example.yaml): settings
 * are plain values, validated before any resource is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineCatalog, defineSettings, LitellmGateway } from "litellm-gateway";
import type { AliasOf } from "litellm-gateway";

/** Bedrock's US cross-region inference profiles: no provider key, the task role authenticates. */
const BEDROCK_REGION = "us-east-1";

const catalog = defineCatalog({
  aliases: {
    "team-fast": { deployments: [{ provider: "bedrock", model: "us.anthropic.claude-haiku-4-5-20251001-v1:0", region: BEDROCK_REGION }] },
    "team-smart": {
      deployments: [{ provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: BEDROCK_REGION }],
      fallbacks: ["team-fast"],
    },
  },
});

/** What the team's applications may ask for: a typo in a model name is a compile error there. */
export type TeamModel = AliasOf<typeof catalog>;

const config = new pulumi.Config();
const region = new pulumi.Config("aws").get("region");

const settings = defineSettings(
  {
    existingVpc: {
      vpcId: config.require("vpcId"),
      privateSubnetIds: config.requireObject<string[]>("privateSubnetIds"),
      publicSubnetIds: config.requireObject<string[]>("publicSubnetIds"),
    },
    // The VPC's range: LiteLLM trusts the load balancer's X-Forwarded-For only from inside it.
    existingVpcCidrs: config.requireObject<string[]>("vpcCidrs"),
    desiredCount: 1,
    cpu: 256,
    memory: 1024,
    dbInstanceClass: "db.t4g.micro",
    dbMultiAz: false,
    dbDeletionProtection: false,
    dbSkipFinalSnapshot: true,
    logRetentionDays: 30,
    // The team's own certificate for its own name; its region must be aws:region.
    certificateArn: config.require("certificateArn"),
    domainName: config.require("domainName"),
    // Only the team's network reaches the load balancer.
    allowedCidrs: config.requireObject<string[]>("allowedCidrs"),
  },
  region === undefined ? {} : { region },
);

const gateway = new LitellmGateway("team-gateway", {
  settings,
  catalog,
  stack: pulumi.getStack(),
  ...(region === undefined ? {} : { costRegion: region }),
});

export const url = gateway.url;
export const masterKeySecretArn = gateway.masterKeySecretArn;
export const models = gateway.aliases;
