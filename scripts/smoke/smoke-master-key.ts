/**
 * Reads the gateway's master key from Secrets Manager (GetSecretValue on the stack's
 * `masterKeySecretArn` output), with the caller's AWS credentials: an operator's profile, or the
 * OIDC role in the deploy workflow. The key is returned, never printed.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

import { regionFromSecretArn } from "./smoke-stack-outputs";

/** What the reader needs of a client; tests pass a stub. */
export type SecretsManagerSender = Pick<SecretsManagerClient, "send">;

export class MasterKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyUnavailableError";
  }
}

/**
 * @param client defaults to a client in the secret's own region (from the ARN), so no AWS_REGION
 *   is needed.
 * @throws MasterKeyUnavailableError when the call fails or the secret holds no string value.
 */
export async function readMasterKey(secretArn: string, client?: SecretsManagerSender): Promise<string> {
  const sender = client ?? new SecretsManagerClient({ region: regionFromSecretArn(secretArn) });
  let secretString: string | undefined;
  try {
    const response = await sender.send(new GetSecretValueCommand({ SecretId: secretArn }));
    secretString = response.SecretString;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new MasterKeyUnavailableError(
      `Could not read the master key from ${secretArn} (${reason}). Check the AWS credentials (aws sts get-caller-identity) and that they allow secretsmanager:GetSecretValue on it, or pass the key with --master-key-env <VAR>.`,
    );
  }
  if (secretString === undefined || secretString === "") {
    throw new MasterKeyUnavailableError(
      `The secret ${secretArn} has no string value. The stack writes the master key on 'pulumi up'; run it, or check 'aws secretsmanager describe-secret --secret-id ${secretArn}'.`,
    );
  }
  return secretString;
}
