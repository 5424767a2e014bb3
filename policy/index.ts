/**
 * The policy pack Pulumi runs with `pulumi preview --policy-pack policy` (PulumiPolicy.yaml). Only
 * this file constructs the pack: constructing it starts the analyzer Pulumi talks to, so the tests
 * import policies.ts instead.
 */
import { PolicyPack } from "@pulumi/policy";

import { GATEWAY_POLICIES, POLICY_PACK_NAME } from "./policies";

new PolicyPack(POLICY_PACK_NAME, { policies: [...GATEWAY_POLICIES] });
