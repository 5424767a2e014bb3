/**
 * How a stack serves its clients: HTTPS on a certificate the stack issues for a custom domain, HTTPS
 * on a certificate you bring, or plain HTTP (only when the stack file says so). The rules on the
 * names involved are here, pure, so the settings validation and the tests share them.
 */
import { DNS_NAME } from "../aws-rules/aws-field-rules";
import { constraintProblems } from "../aws-rules/field-constraint";

/** The stack issues an ACM certificate for `domainName`, validated by DNS in the Route 53 zone `hostedZone`, and points the name at the load balancer. */
export interface IssuedCertificateTls {
  readonly kind: "issued-certificate";
  readonly domainName: string;
  readonly hostedZone: string;
}

/**
 * Your own ACM certificate. With `domainName` the URL is `https://<domainName>`; with `hostedZone`
 * too the stack also creates the alias record, otherwise the DNS record is yours to create.
 */
export interface OwnCertificateTls {
  readonly kind: "own-certificate";
  readonly certificateArn: string;
  readonly domainName?: string;
  readonly hostedZone?: string;
}

/** Plain HTTP on 80: chosen explicitly (allowPlainHttp) for a stack that carries no real keys. */
export interface PlainHttp {
  readonly kind: "plain-http";
}

export type IngressTls = IssuedCertificateTls | OwnCertificateTls | PlainHttp;

/**
 * ACM's RequestCertificate: "the length of the domain name (technically, the Common Name) that you
 * provide cannot exceed 64 octets (characters), including periods" (RFC 5280's upper bound for a
 * common name). Source: ACM API Reference, RequestCertificate, DomainName.
 */
export const MAX_ACM_DOMAIN_NAME_OCTETS = 64;

/** A name ACM can issue a certificate for (within MAX_ACM_DOMAIN_NAME_OCTETS): the domainName setting when the stack issues its certificate, and DomainCertificate's domainName. */
export function fitsAcmDomainName(name: string): boolean {
  return name.length <= MAX_ACM_DOMAIN_NAME_OCTETS;
}

/**
 * A fully qualified host name of at least two labels, lower case, without a trailing dot or
 * wildcard. The name rules are the AWS-rules table's DNS_NAME (one definition, so the settings
 * and the check of what a stack sends cannot drift); the settings add only that a stack names one
 * host or zone: no `*.` wildcard, no trailing root dot, at least two labels.
 */
export function isDnsName(name: string): boolean {
  return constraintProblems(name, DNS_NAME).length === 0 && !name.includes("*") && !name.endsWith(".") && name.includes(".");
}

/** `name` is the zone's apex or a name below it (Route 53 accepts an alias record at the apex). */
export function isInsideZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/**
 * An ACM certificate ARN, `arn:<partition>:acm:<region>:<account>:certificate/<id>`, the id a
 * UUID of hex digits and hyphens as ACM documents it
 * (`arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012`), in any
 * partition (aws, aws-cn, aws-us-gov). The one pattern: the certificateArn setting is checked with it and the
 * region is read with it. Group 1 is the region.
 */
export const ACM_CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]+$/;

/** An ACM certificate ARN: the certificateArn setting and the LoadBalancer component's certificateArn arg. */
export function isAcmCertificateArn(certificateArn: string): boolean {
  return ACM_CERTIFICATE_ARN_PATTERN.test(certificateArn);
}

/** Which of the load balancer's TLS inputs a stack gives. */
export interface IngressInputs {
  readonly certificate: boolean;
  readonly domainName: boolean;
  readonly aliasZone: boolean;
}

/**
 * What is missing for the inputs a load balancer was given: https://<domainName> needs a
 * certificate to serve it, and an alias record needs the name it is for. Undefined when they fit.
 */
export function missingIngressInput(inputs: IngressInputs): "certificate" | "domainName" | undefined {
  if (inputs.domainName && !inputs.certificate) {
    return "certificate";
  }
  if (inputs.aliasZone && !inputs.domainName) {
    return "domainName";
  }
  return undefined;
}

/** The region of an ACM certificate ARN (`arn:aws:acm:<region>:<account>:certificate/<id>`), if it is one. */
export function certificateRegion(certificateArn: string): string | undefined {
  return ACM_CERTIFICATE_ARN_PATTERN.exec(certificateArn)?.[1];
}

/**
 * Names reserved for documentation and testing, which no one can register or delegate to a real
 * zone: example.com, example.net, example.org and the .example, .test, .invalid and .localhost
 * top-level names (RFC 2606 sections 2 and 3, RFC 6761).
 */
const RESERVED_SECOND_LEVEL = ["example.com", "example.net", "example.org"];
const RESERVED_TOP_LEVEL = ["example", "test", "invalid", "localhost"];

/** Whether `name` is under a documentation-only domain: a placeholder that cannot be deployed. */
export function isPlaceholderDomain(name: string): boolean {
  const topLevel = name.split(".").at(-1) ?? "";
  return RESERVED_TOP_LEVEL.includes(topLevel) || RESERVED_SECOND_LEVEL.some((reserved) => isInsideZone(name, reserved));
}

/** Whether the load balancer serves HTTPS (443, with 80 only redirecting) rather than plain HTTP. */
export function servesHttps(tls: IngressTls): boolean {
  return tls.kind !== "plain-http";
}

/** The name clients use when it is not the load balancer's own DNS name. */
export function customDomainName(tls: IngressTls): string | undefined {
  return tls.kind === "plain-http" ? undefined : tls.domainName;
}

/** The Route 53 public zone the stack writes records to (validation and alias), if any. */
export function managedHostedZone(tls: IngressTls): string | undefined {
  return tls.kind === "plain-http" ? undefined : tls.hostedZone;
}

/** A custom-domain setting that names a documentation placeholder, why it must change, and the command that changes it. */
export interface PlaceholderDomainSetting {
  readonly name: "hostedZone" | "domainName";
  /** Starts with the value: `example.com is a documentation placeholder (RFC 2606) ...`. */
  readonly reason: string;
  readonly command: string;
}

/**
 * The stack's hostedZone and domainName that are documentation placeholders (the committed prod
 * file names example.com), each with the `pulumi config set` that replaces it: the one source of
 * this text for the program's warning and the plan's list of settings to set before deploying.
 */
export function placeholderDomainSettings(tls: IngressTls, stack: string): PlaceholderDomainSetting[] {
  const hostedZone = managedHostedZone(tls);
  const domainName = customDomainName(tls);
  const issued = tls.kind === "issued-certificate";
  const settings: PlaceholderDomainSetting[] = [];
  if (hostedZone !== undefined && isPlaceholderDomain(hostedZone)) {
    settings.push({
      name: "hostedZone",
      reason:
        `${hostedZone} is a documentation placeholder (RFC 2606) that is delegated to no account, so a real \`pulumi up\` stops at the Route 53 zone lookup, before anything is created` +
        `${issued ? " (and were a zone of that name in your account, ACM could never validate the certificate)" : ""}; name a Route 53 public hosted zone of your account`,
      command: `pulumi config set --stack ${stack} hostedZone <your zone>`,
    });
  }
  if (domainName !== undefined && isPlaceholderDomain(domainName)) {
    settings.push({
      name: "domainName",
      reason:
        `${domainName} is a documentation placeholder (RFC 2606): no client can resolve it${issued ? " and no certificate can be issued for it" : ""}; ` +
        `name the host clients will use${hostedZone === undefined ? "" : ", inside your zone"}`,
      command: `pulumi config set --stack ${stack} domainName ${hostedZone === undefined ? "<your host name>" : "gateway.<your zone>"}`,
    });
  }
  return settings;
}

/** The program's one warning about placeholder settings, with every fixing command; undefined when there is none. */
export function placeholderDomainWarning(settings: readonly PlaceholderDomainSetting[]): string | undefined {
  if (settings.length === 0) {
    return undefined;
  }
  return `${settings.map((setting) => `${setting.name} ${setting.reason}`).join(". ")}. Before deploying: ${settings.map((setting) => setting.command).join(" && ")}`;
}
