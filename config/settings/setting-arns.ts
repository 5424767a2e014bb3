/**
 * The ARNs a stack file names (certificateArn, permissionsBoundaryArn, configWriterArn): the schema
 * checks their form and the settings their region; whether they exist only AWS knows, so the
 * program says which it takes on trust and how to check them, and refuses two that cannot both
 * be the stack's account.
 */

/** The ARN settings, as the schema accepted them. */
export interface SettingArns {
  readonly certificateArn?: string;
  readonly permissionsBoundaryArn?: string;
  readonly configWriterArn?: string;
}

/** `arn:partition:service:region:account:resource`: the fields by position. */
const ARN_REGION_FIELD = 3;
const ARN_ACCOUNT_FIELD = 4;
const ARN_RESOURCE_FIELD = 5;

function arnField(arn: string, field: number): string {
  return arn.split(":")[field] ?? "";
}

/**
 * A load balancer uses only ACM certificates of its own account, and a permissions boundary is a
 * managed policy of the role's account: both name the stack's account, so two different accounts
 * mean one of them is wrong. (configWriterArn may be another account's deploy role.)
 */
export function arnAccountProblem(arns: SettingArns): string | undefined {
  const { certificateArn, permissionsBoundaryArn } = arns;
  if (certificateArn === undefined || permissionsBoundaryArn === undefined) {
    return undefined;
  }
  const certificateAccount = arnField(certificateArn, ARN_ACCOUNT_FIELD);
  const policyAccount = arnField(permissionsBoundaryArn, ARN_ACCOUNT_FIELD);
  if (certificateAccount === policyAccount) {
    return undefined;
  }
  return (
    `certificateArn: found a certificate of account ${certificateAccount}, but permissionsBoundaryArn is a policy of account ${policyAccount}; ` +
    "both must be in the account the stack deploys to (a load balancer uses only its own account's certificates, and a permissions boundary is a policy of the role's account). " +
    "Fix the one that is not (aws sts get-caller-identity --query Account shows the deploy account)"
  );
}

/** How to ask AWS about each ARN that is set. */
function checkCommands(arns: SettingArns): string[] {
  const commands: string[] = [];
  if (arns.certificateArn !== undefined) {
    commands.push(`aws acm describe-certificate --certificate-arn ${arns.certificateArn} --query 'Certificate.[Status,DomainName,SubjectAlternativeNames]'`);
  }
  if (arns.permissionsBoundaryArn !== undefined) {
    commands.push(`aws iam get-policy --policy-arn ${arns.permissionsBoundaryArn}`);
  }
  if (arns.configWriterArn !== undefined) {
    const resource = arnField(arns.configWriterArn, ARN_RESOURCE_FIELD);
    const [kind = "", ...pathAndName] = resource.split("/");
    commands.push(`aws iam get-${kind} --${kind}-name ${pathAndName.at(-1) ?? ""}`);
  }
  return commands;
}

/**
 * The ARNs taken on trust: the form is checked, but a certificate that does not exist, is not
 * ISSUED or is another account's, or a policy or role that does not exist, stops `pulumi up` only
 * when AWS is asked to use it, after other resources exist. When the stack's region is unknown
 * (aws:region unset), the certificate's region is not compared either.
 */
export function arnsOnTrustWarning(stack: string, arns: SettingArns, region: string | undefined): string | undefined {
  const set = (["certificateArn", "permissionsBoundaryArn", "configWriterArn"] as const).filter((key) => arns[key] !== undefined);
  if (set.length === 0) {
    return undefined;
  }
  const regionNote =
    arns.certificateArn !== undefined && region === undefined
      ? ` aws:region is not set, so the certificate's region (${arnField(arns.certificateArn, ARN_REGION_FIELD)}) is not compared with the stack's either; the load balancer can use only a certificate of its own region (set it: pulumi config set aws:region <region>).`
      : "";
  return (
    `Stack ${stack}: ${set.join(", ")} ${set.length === 1 ? "is" : "are"} checked for form only; whether ${set.length === 1 ? "it exists" : "each exists"} in the stack's account` +
    `${arns.certificateArn === undefined ? "" : " (and the certificate is ISSUED for the name clients use)"} only AWS knows, and a wrong one stops pulumi up midway, after other resources exist.${regionNote} ` +
    `Check: ${checkCommands(arns).join("; ")}`
  );
}
