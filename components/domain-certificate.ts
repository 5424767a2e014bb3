import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { fitsAcmDomainName, isDnsName, MAX_ACM_DOMAIN_NAME_OCTETS } from "../config/settings/ingress-tls";

export interface DomainCertificateArgs {
  /**
   * The one name the certificate covers, lower case, at most 64 characters (ACM's limit on the
   * first domain name). A plain value: it is checked here before anything is declared.
   * @example "gateway.example.com"
   */
  readonly domainName: string;
  /** The Route 53 public hosted zone that contains domainName: the validation record goes there. */
  readonly zoneId: pulumi.Input<string>;
}

/**
 * DNS validation: ACM publishes the certificate once the CNAME it asks for resolves. The record
 * lives as long as the certificate, because ACM renews a DNS-validated certificate automatically
 * only while the record is still in place (ACM User Guide, "Managed certificate renewal").
 * Source for the value: ACM API Reference, RequestCertificate, ValidationMethod (DNS | EMAIL | HTTP).
 */
const VALIDATION_METHOD = "DNS";
/** ACM's DomainValidation.ResourceRecord.Type is always CNAME for DNS validation (ACM API Reference, ResourceRecord). */
const VALIDATION_RECORD_TYPE = "CNAME";
/**
 * A short TTL, so a corrected record is seen soon; the record is only read by ACM's validators.
 * Route 53 API Reference, ResourceRecordSet, TTL: 0 to 2147483647 seconds.
 */
const VALIDATION_RECORD_TTL_SECONDS = 300;
/**
 * How long `pulumi up` waits for ACM to issue the certificate. Validation usually completes within
 * minutes once the record resolves; the provider's default (75 minutes) outlasts the deploy job and
 * its role session (60), so a stuck validation would kill the job mid-update instead of failing.
 */
export const VALIDATION_TIMEOUT = "30m";

/**
 * A public ACM certificate for one host name, validated by DNS in a Route 53 zone the caller looked
 * up. `certificateArn` resolves only once ACM has issued the certificate, so an HTTPS listener on it
 * is never created with a certificate that is still pending.
 */
export class DomainCertificate extends pulumi.ComponentResource {
  /** The issued certificate (from the validation, so it is usable once known). */
  public readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: DomainCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:DomainCertificate", name, {}, opts);
    if (!isDnsName(args.domainName)) {
      throw new Error(
        `DomainCertificate: domainName "${args.domainName}" must be one lower-case host name without a wildcard, e.g. gateway.example.com (set it with: pulumi config set domainName gateway.example.com).`,
      );
    }
    if (!fitsAcmDomainName(args.domainName)) {
      throw new Error(
        `DomainCertificate: domainName "${args.domainName}" has ${args.domainName.length} characters, but ACM issues certificates only for names of at most ${MAX_ACM_DOMAIN_NAME_OCTETS}; pass a shorter name, or bring a certificate and pass its ARN to LoadBalancer instead.`,
      );
    }

    const certificate = new aws.acm.Certificate(
      `${name}-certificate`,
      { domainName: args.domainName, validationMethod: VALIDATION_METHOD },
      { parent: this },
    );
    // One name, so one validation option: read it with Output lifting, no resource inside an apply.
    const option = certificate.domainValidationOptions[0];
    const validationRecord = new aws.route53.Record(
      `${name}-validation-record`,
      {
        zoneId: args.zoneId,
        name: option.resourceRecordName,
        type: VALIDATION_RECORD_TYPE,
        records: [option.resourceRecordValue],
        ttl: VALIDATION_RECORD_TTL_SECONDS,
        // ACM gives every certificate for one name in one account the same validation CNAME, so a
        // name validated before (a console certificate, an earlier stack) already has this exact
        // record: without allowOverwrite Route 53 refuses the create and the first deploy stops.
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      `${name}-validation`,
      { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
      // Fail cleanly before the deploy job ends, with the record in place, so a re-run continues.
      { parent: this, customTimeouts: { create: VALIDATION_TIMEOUT } },
    );

    this.certificateArn = validation.certificateArn;
    this.registerOutputs({ certificateArn: this.certificateArn });
  }
}
