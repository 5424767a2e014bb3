/**
 * The salt key encrypts the provider credentials LiteLLM stores in its database and can never be
 * changed: deleting or regenerating it loses every stored credential. So the secret, its value
 * and the generated password behind it are `protect`ed (Pulumi refuses to delete them).
 * @pulumi/policy 1.21.0 does not hand policies the retainOnDelete option, so that half is checked
 * by the stack tests (test/stack/gateway-invariants.ts), not here.
 */
import type { ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

/** The secret, its version (the value) and the random password that generated it. */
const SALT_KEY_TYPES = new Set(["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion", "random:index/randomPassword:RandomPassword"]);
/** The gateway names it `<secrets component>-salt-key`. */
const SALT_KEY_NAME = /salt-key$/;

export const saltKeyProtected: ResourceRule = (resource) => {
  if (!SALT_KEY_TYPES.has(resource.type) || !SALT_KEY_NAME.test(resource.name) || resource.protect) return [];
  return [violation(resource, "the LiteLLM salt key is not protected: deleting it makes every credential stored in the database unreadable", "declare it with the resource options { protect: true, retainOnDelete: true }")];
};
