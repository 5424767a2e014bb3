/**
 * Parts a team brings instead of the ones the stack would create (issue 15, "bring your own
 * parts"): an existing master key secret, an image source, a Redis/Valkey endpoint, a database.
 * The forms are checked here, before any resource exists; whether each thing exists, and whether
 * the tasks can reach it, only AWS knows.
 */

/**
 * A full Secrets Manager secret ARN: partition, region, 12-digit account, `secret:`, the name
 * (letters, digits and /_+=.@-) and the six characters Secrets Manager appends. Full, not a bare
 * name or a partial ARN: the execution role's policy must name the exact resource ECS reads.
 */
export const SECRETS_MANAGER_SECRET_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:secret:[\w/+=.@-]{1,512}-[A-Za-z0-9]{6}$/;

/** What an ARN setting must look like, in words (one place for the settings' help and the component's errors). */
export const SECRET_ARN_FORM =
  "a full Secrets Manager secret ARN, arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters> (aws secretsmanager describe-secret --secret-id <name> --query ARN prints it)";

export function isSecretArn(value: string): boolean {
  return SECRETS_MANAGER_SECRET_ARN_PATTERN.test(value);
}
