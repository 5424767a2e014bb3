import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

import { namesAreUnique } from "../config/catalog/catalog-secrets";
import { DATABASE_PASSWORD_ENV, DATABASE_SECRET_JSON_KEYS, secretJsonKeyReference } from "../config/litellm/database-environment";
import { ADMIN_UI_USERNAME, MASTER_KEY_ENV, SALT_KEY_ENV, UI_PASSWORD_ENV } from "../config/litellm/proxy-runtime";
import { REDIS_PASSWORD_ENV } from "../config/litellm/redis-environment";
import { isReservedEnvName } from "../config/litellm/reserved-env-names";
import { isSecretArn, SECRET_ARN_FORM } from "../config/settings/existing-parts";

/** One entry of an ECS container definition's `secrets`: ECS reads the value at task start. */
export interface ContainerSecret {
  readonly name: string;
  readonly valueFrom: string;
}

export interface GatewaySecretsArgs {
  /**
   * The environment variable names of the provider keys the rendered config references
   * (`os.environ/OPENAI_API_KEY`). Each gets a Secrets Manager entry. Plain values: they decide
   * which secrets exist.
   * @example ["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]
   */
  readonly providerKeyNames: readonly string[];
  /**
   * Values for some or all of those names, from `pulumi config set --secret <NAME> <key>`. A name
   * without a value gets an empty secret for the operator to fill (see the secret's description).
   * @default {}
   */
  readonly providerKeyValues?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Generate the Redis AUTH token and inject it as REDIS_PASSWORD. A plain value: it decides
   * whether the secret exists.
   * @default false
   */
  readonly redisAuthToken?: boolean;
  /**
   * Generate the Admin UI's own password and inject it as UI_PASSWORD (the adminUi setting). A plain
   * value: it decides whether the secret exists. Without it LiteLLM would take the master key as
   * the UI password, which is why the UI is off unless this is on.
   * @default false
   */
  readonly adminUiPassword?: boolean;
  /**
   * Bring your own master key: the full ARN of a Secrets Manager secret holding it. No master key
   * is generated; LITELLM_MASTER_KEY comes from this secret (so the execution role may read it).
   * Absent: a generated `sk-` key in a secret of this component.
   */
  readonly existingMasterKeySecretArn?: string;
  /**
   * Bring your own Redis: the full ARN of the secret holding its AUTH token, injected as
   * REDIS_PASSWORD. Excludes `redisAuthToken` (which generates a token for a Redis the stack creates).
   */
  readonly existingRedisAuthTokenSecretArn?: string;
  /**
   * Bring your own database: the full ARN of a secret in RDS's JSON form. No database password is
   * generated; DATABASE_HOST, DATABASE_USERNAME, DATABASE_PASSWORD and DATABASE_NAME come from its
   * `host`, `username`, `password` and `dbname` keys (config/litellm/database-environment.ts).
   */
  readonly existingDatabaseSecretArn?: string;
}

/** Long enough to be unguessable, letters and digits only. */
const GENERATED_KEY_LENGTH = 48;
/**
 * Letters and digits only: the password survives URL encoding unchanged (LiteLLM builds a
 * postgresql:// URL from it) and avoids the characters RDS forbids (`/`, `@`, `"`, space).
 */
const DATABASE_PASSWORD_LENGTH = 40;
/**
 * ElastiCache AUTH tokens are 16 to 128 printable characters without `@`, `"` or `/`; letters and
 * digits only keeps clear of those and of any quoting in redis clients.
 */
const REDIS_AUTH_TOKEN_LENGTH = 64;
/**
 * Typed or pasted by a person into a browser, checked by LiteLLM with compare_digest and behind a
 * failed-login throttle: 40 letters and digits (about 238 bits) is far beyond guessing.
 */
const ADMIN_UI_PASSWORD_LENGTH = 40;
/** LiteLLM refuses master keys that do not start with `sk-`. */
const MASTER_KEY_PREFIX = "sk-";

/** A variable the task gets from Secrets Manager: the secret's ARN, or an explicit valueFrom (a JSON key of it). */
interface SecretEntry {
  readonly name: string;
  readonly arn: pulumi.Output<string>;
  readonly valueFrom?: string;
}

/** What the constructor gathers while it declares secrets: the task's entries and the versions that roll it. */
interface CollectedSecrets {
  readonly entries: SecretEntry[];
  readonly secretValues: aws.secretsmanager.SecretVersion[];
  readonly versionIds: Record<string, pulumi.Output<string>>;
}

/**
 * Every secret the LiteLLM container receives, and the list ECS needs to inject them.
 *
 * - one entry per provider key the catalog references;
 * - `LITELLM_MASTER_KEY`: `sk-` + 48 random letters and digits (the admin key; give clients virtual keys);
 * - `LITELLM_SALT_KEY`: encrypts the provider credentials LiteLLM stores in its database. LiteLLM
 *   has no salt rotation: a new salt makes every stored credential unreadable ("Error decrypting
 *   value"). So it is generated once and the infrastructure refuses to replace or delete it;
 * - `DATABASE_PASSWORD`: the RDS master password (the `database` component uses `databasePassword`);
 * - `REDIS_PASSWORD` (with `redisAuthToken`): the ElastiCache AUTH token (the `redis` component
 *   uses `redisAuthToken`).
 * - `UI_PASSWORD` (with `adminUiPassword`): the Admin UI's own password, 40 random letters and
 *   digits, so the UI never accepts the master key.
 *
 * A provider key without a config value is created empty. Fill it, then declare it filled, which
 * rolls the service (see config/settings/provider-keys-rollout.ts):
 *
 *   printf %s "$NAME" | aws secretsmanager put-secret-value --secret-id <providerKeySecretArns.NAME output> --secret-string file:///dev/stdin
 *   pulumi config set providerKeysRevision "$(date -u +%Y-%m-%dT%H:%M:%SZ)" && pulumi up
 *
 * (ECS reads secrets only at task start; a task cannot start while a secret it needs has no value.)
 */
export class GatewaySecrets extends pulumi.ComponentResource {
  /** Exactly what the container definition's `secrets` must hold. */
  public readonly containerSecrets: pulumi.Output<ContainerSecret[]>;
  /** The ARNs of those secrets: the execution role may read these and nothing else. */
  public readonly secretArns: pulumi.Output<string[]>;
  public readonly masterKeySecretArn: pulumi.Output<string>;
  public readonly saltKeySecretArn: pulumi.Output<string>;
  /** Marked secret; for the RDS instance's master password only. Undefined with existingDatabaseSecretArn. */
  public readonly databasePassword: pulumi.Output<string> | undefined;
  /**
   * Where the Admin UI's password is (user ADMIN_UI_USERNAME): read it with
   * `aws secretsmanager get-secret-value --secret-id <arn>`. Undefined without `adminUiPassword`.
   */
  public readonly adminUiPasswordSecretArn: pulumi.Output<string> | undefined;
  /** Marked secret; for the Redis replication group's AUTH token only. Undefined without `redisAuthToken`. */
  public readonly redisAuthToken: pulumi.Output<string> | undefined;
  public readonly providerKeySecretArns: pulumi.Output<Record<string, string>>;
  /**
   * Provider keys the stack config holds no value for: their secrets are created empty, for the
   * operator to fill in Secrets Manager. Not the same as the gateway's providerKeysAwaitingValues
   * (config/settings/provider-keys-rollout.ts), which also drops keys declared filled with providerKeysRevision.
   */
  public readonly providerKeysWithoutConfigValue: readonly string[];
  /**
   * Every secret value this component writes. ECS reads them at task start but the container
   * definition refers only to the secrets: the service must depend on these, or a task can start
   * before its value exists and fail with ResourceNotFoundException.
   */
  public readonly secretValues: readonly aws.secretsmanager.SecretVersion[];
  /**
   * The version id of every secret value this component writes, by environment variable name.
   * Changing a value writes a new version with a new id: secretString is ForceNew, and creating a
   * version is a PutSecretValue, whose VersionId is new (terraform-provider-aws
   * internal/service/secretsmanager/secret_version.go). A changed id means tasks must restart to
   * read the value. Ids, never values.
   */
  public readonly secretVersionIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GatewaySecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("litellm-gateway:index:GatewaySecrets", name, {}, opts);
    const values = args.providerKeyValues ?? {};
    const clash = args.providerKeyNames.filter(isReservedEnvName);
    if (clash.length > 0) {
      throw new Error(
        `GatewaySecrets: providerKeyNames contains ${clash.join(", ")}, which the gateway, LiteLLM or the AWS SDK reserve. Rename the catalog's apiKeyEnv, e.g. "OPENAI_API_KEY".`,
      );
    }
    if (!namesAreUnique(args.providerKeyNames)) {
      throw new Error(`GatewaySecrets: providerKeyNames has duplicates (${args.providerKeyNames.join(", ")}); pass each name once.`);
    }
    if (args.existingMasterKeySecretArn !== undefined && !isSecretArn(args.existingMasterKeySecretArn)) {
      throw new Error(`GatewaySecrets: existingMasterKeySecretArn is not ${SECRET_ARN_FORM}; pass that ARN, or omit it to generate a master key.`);
    }
    if (args.existingDatabaseSecretArn !== undefined && !isSecretArn(args.existingDatabaseSecretArn)) {
      throw new Error(`GatewaySecrets: existingDatabaseSecretArn is not ${SECRET_ARN_FORM}; pass that ARN, or omit it for the stack's own database.`);
    }
    if (args.existingRedisAuthTokenSecretArn !== undefined && (args.redisAuthToken === true || !isSecretArn(args.existingRedisAuthTokenSecretArn))) {
      throw new Error(
        `GatewaySecrets: existingRedisAuthTokenSecretArn must be ${SECRET_ARN_FORM}, and redisAuthToken must then be off (one Redis, one token); fix the ARN or drop one of the two.`,
      );
    }

    // valueFrom, when set, is a JSON key of the secret `arn` (an existing database's secret).
    const entries: SecretEntry[] = [];
    const secretValues: aws.secretsmanager.SecretVersion[] = [];
    const versionIds: Record<string, pulumi.Output<string>> = {};
    const collected: CollectedSecrets = { entries, secretValues, versionIds };
    const providerArns: Record<string, pulumi.Output<string>> = {};
    for (const keyName of args.providerKeyNames) {
      const secret = new aws.secretsmanager.Secret(
        `${name}-${keyName}`,
        {
          description: `${keyName} for the LiteLLM gateway. Fill with: printf %s "$${keyName}" | aws secretsmanager put-secret-value --secret-id <this secret's ARN> --secret-string file:///dev/stdin`,
        },
        { parent: this },
      );
      const value = values[keyName];
      if (value !== undefined) {
        const version = new aws.secretsmanager.SecretVersion(
          `${name}-${keyName}`,
          { secretId: secret.id, secretString: pulumi.secret(value) },
          { parent: this },
        );
        secretValues.push(version);
        versionIds[keyName] = version.versionId;
      }
      entries.push({ name: keyName, arn: secret.arn });
      providerArns[keyName] = secret.arn;
    }
    this.providerKeysWithoutConfigValue = args.providerKeyNames.filter((keyName) => values[keyName] === undefined);

    const masterKeySecretArn = this.masterKey(name, args.existingMasterKeySecretArn, secretValues, versionIds);
    entries.push({ name: MASTER_KEY_ENV, arn: masterKeySecretArn });

    // protect: `pulumi destroy` or a replacement fails instead of silently making every stored
    // credential unreadable. retainOnDelete + ignoreChanges: even an explicit removal from the
    // program leaves the value in AWS, and nothing ever overwrites it.
    const saltKey = new random.RandomPassword(
      `${name}-salt-key`,
      { length: GENERATED_KEY_LENGTH, special: false },
      { parent: this, protect: true },
    );
    const saltKeySecret = new aws.secretsmanager.Secret(
      `${name}-salt-key`,
      { description: "LiteLLM salt key: encrypts credentials stored in the database. NEVER change it: LiteLLM cannot re-encrypt." },
      { parent: this, protect: true, retainOnDelete: true },
    );
    const saltKeyVersion = new aws.secretsmanager.SecretVersion(
      `${name}-salt-key`,
      { secretId: saltKeySecret.id, secretString: saltKey.result },
      { parent: this, protect: true, retainOnDelete: true, ignoreChanges: ["secretString"] },
    );
    secretValues.push(saltKeyVersion);
    versionIds[SALT_KEY_ENV] = saltKeyVersion.versionId;
    entries.push({ name: SALT_KEY_ENV, arn: saltKeySecret.arn });

    const existingDatabase = args.existingDatabaseSecretArn;
    if (existingDatabase === undefined) {
      const databasePassword = this.generatedSecret(
        `${name}-database-password`,
        DATABASE_PASSWORD_LENGTH,
        "LiteLLM gateway PostgreSQL master password.",
        DATABASE_PASSWORD_ENV,
        collected,
      );
      this.databasePassword = pulumi.secret(databasePassword.value);
    } else {
      for (const [envName, jsonKey] of Object.entries(DATABASE_SECRET_JSON_KEYS)) {
        entries.push({ name: envName, arn: pulumi.output(existingDatabase), valueFrom: secretJsonKeyReference(existingDatabase, jsonKey) });
      }
    }

    if (args.redisAuthToken === true) {
      const redisAuthToken = this.generatedSecret(
        `${name}-redis-auth-token`,
        REDIS_AUTH_TOKEN_LENGTH,
        "LiteLLM gateway Redis AUTH token (REDIS_PASSWORD).",
        REDIS_PASSWORD_ENV,
        collected,
      );
      this.redisAuthToken = pulumi.secret(redisAuthToken.value);
    }

    if (args.existingRedisAuthTokenSecretArn !== undefined) {
      entries.push({ name: REDIS_PASSWORD_ENV, arn: pulumi.output(args.existingRedisAuthTokenSecretArn) });
    }

    if (args.adminUiPassword === true) {
      const uiPassword = this.generatedSecret(
        `${name}-admin-ui-password`,
        ADMIN_UI_PASSWORD_LENGTH,
        `LiteLLM Admin UI password (user ${ADMIN_UI_USERNAME}); the UI is reachable only from the adminCidrs ranges.`,
        UI_PASSWORD_ENV,
        collected,
      );
      this.adminUiPasswordSecretArn = uiPassword.secretArn;
    }

    this.containerSecrets = pulumi.all(entries.map((entry) => entry.arn)).apply((arns) =>
      entries.map((entry, index) => ({ name: entry.name, valueFrom: entry.valueFrom ?? arns[index] })),
    );
    // Each secret once: an existing database's secret backs four variables.
    this.secretArns = pulumi.all(entries.map((entry) => entry.arn)).apply((arns) => [...new Set(arns)]);
    this.masterKeySecretArn = masterKeySecretArn;
    this.saltKeySecretArn = saltKeySecret.arn;
    this.providerKeySecretArns = pulumi.output(providerArns);
    this.secretValues = secretValues;
    this.secretVersionIds = pulumi.output(versionIds);
    this.registerOutputs({
      containerSecrets: this.containerSecrets,
      secretArns: this.secretArns,
      masterKeySecretArn: this.masterKeySecretArn,
      saltKeySecretArn: this.saltKeySecretArn,
      providerKeySecretArns: this.providerKeySecretArns,
      secretVersionIds: this.secretVersionIds,
      adminUiPasswordSecretArn: this.adminUiPasswordSecretArn,
    });
  }

  /**
   * The master key's secret: the one the caller brings (its value is the caller's to rotate, so no
   * version id of it can roll the service), or a generated `sk-` key stored in a new secret.
   */
  private masterKey(
    name: string,
    existingSecretArn: string | undefined,
    secretValues: aws.secretsmanager.SecretVersion[],
    versionIds: Record<string, pulumi.Output<string>>,
  ): pulumi.Output<string> {
    if (existingSecretArn !== undefined) {
      return pulumi.output(existingSecretArn);
    }
    const masterKey = new random.RandomPassword(`${name}-master-key`, { length: GENERATED_KEY_LENGTH, special: false }, { parent: this });
    const { secret, version } = this.storedSecret(
      `${name}-master-key`,
      "LiteLLM master key (admin). Hand clients virtual keys, not this one.",
      pulumi.interpolate`${MASTER_KEY_PREFIX}${masterKey.result}`,
    );
    secretValues.push(version);
    versionIds[MASTER_KEY_ENV] = version.versionId;
    return secret.arn;
  }

  /**
   * A generated password (letters and digits) kept in a secret of its own and handed to the task
   * as `envName`; its version id joins the ones that roll the service. Resources named
   * `resourceName`, as the pinned URNs have them.
   */
  private generatedSecret(
    resourceName: string,
    length: number,
    description: string,
    envName: string,
    collected: CollectedSecrets,
  ): { value: pulumi.Output<string>; secretArn: pulumi.Output<string> } {
    const password = new random.RandomPassword(resourceName, { length, special: false }, { parent: this });
    const { secret, version } = this.storedSecret(resourceName, description, password.result);
    collected.secretValues.push(version);
    collected.versionIds[envName] = version.versionId;
    collected.entries.push({ name: envName, arn: secret.arn });
    return { value: password.result, secretArn: secret.arn };
  }

  /** A secret with its value: the secret and the version that holds the value. */
  private storedSecret(
    resourceName: string,
    description: string,
    value: pulumi.Input<string>,
  ): { secret: aws.secretsmanager.Secret; version: aws.secretsmanager.SecretVersion } {
    const secret = new aws.secretsmanager.Secret(resourceName, { description }, { parent: this });
    const version = new aws.secretsmanager.SecretVersion(
      resourceName,
      { secretId: secret.id, secretString: pulumi.secret(value) },
      { parent: this },
    );
    return { secret, version };
  }
}
