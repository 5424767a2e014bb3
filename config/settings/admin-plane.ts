/**
 * Who reaches LiteLLM's admin plane, and which proxies LiteLLM trusts for the client's address:
 * the rules behind the adminCidrs, adminUi and existingVpcCidrs settings, used by the settings
 * schema and by the gateway.
 */
import { isIpv4Cidr } from "./allowed-cidrs";

/**
 * The CIDR block awsx gives a new VPC when none is passed (@pulumi/awsx ec2/vpc.d.ts, VpcArgs.cidrBlock:
 * "Optional. Defaults to 10.0.0.0/16."). Network passes none; test/stack/admin-plane-stack.test.ts
 * fails if it ever does, so this stays the VPC the load balancer's nodes take their addresses from.
 */
export const AWSX_DEFAULT_VPC_CIDR = "10.0.0.0/16";

/** An admin range: an IPv4 CIDR that is not the whole internet (that would undo the whole point). */
export function isAdminCidr(cidr: string): boolean {
  return isIpv4Cidr(cidr) && !cidr.endsWith("/0");
}

/** The admin plane settings as the gateway uses them. */
export interface AdminPlaneSettings {
  /** Source ranges that reach every path (the admin plane); empty: nobody from the internet. */
  readonly adminCidrs: readonly string[];
  /** LiteLLM's Admin UI with its own generated credentials; off: DISABLE_ADMIN_UI. */
  readonly adminUi: boolean;
  /**
   * The ranges LiteLLM trusts to append the client's address to X-Forwarded-For (its
   * general_settings.trusted_proxy_ranges): the VPC the load balancer sits in. Empty when unknown
   * (an existing VPC without existingVpcCidrs): LiteLLM then uses the peer address, the load balancer's.
   */
  readonly trustedProxyCidrs: readonly string[];
}

/** The load balancer's VPC: awsx's default for a new VPC, the operator's existingVpcCidrs for an existing one. */
export function trustedProxyCidrs(networkKind: "new" | "existing", existingVpcCidrs: readonly string[] | undefined): readonly string[] {
  return networkKind === "new" ? [AWSX_DEFAULT_VPC_CIDR] : (existingVpcCidrs ?? []);
}
