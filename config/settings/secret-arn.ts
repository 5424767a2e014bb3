/**
 * A Secrets Manager secret's full ARN: partition, region, 12-digit account, `secret:`, the name and
 * the hyphen and six characters Secrets Manager appends. Full, not a bare name or a partial ARN:
 * ECS takes those, but IAM matches the execution role's GetSecretValue permission against the full
 * ARN. One definition for every setting that names a secret.
 */
const PARTITION = "arn:aws(?:-[a-z]+)*";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d";
const ACCOUNT = "\\d{12}";
const SUFFIX = "-[A-Za-z0-9]{6}";

/** A secret a team created: its name is letters, digits and /_+=.@- (Secrets Manager's CreateSecret rule). */
export const SECRET_ARN_PATTERN = new RegExp(`^${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[\\w/+=.@-]+${SUFFIX}$`);

/**
 * Also a secret a service manages for you, whose name carries the `!` such services reserve (RDS's
 * `rds!db-...`), up to the 512 characters a name may have: the form an existing database's or
 * Redis's secret may take.
 */
export const MANAGED_SECRET_ARN_PATTERN = new RegExp(`^${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[\\w/+=.@!-]{1,512}${SUFFIX}$`);
