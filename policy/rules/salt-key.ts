/**
 * The salt key encrypts the provider credentials LiteLLM stores in its database and can never be
 * changed: deleting its secret loses every stored credential. So its secret is `protect`ed (Pulumi
 * refuses to delete it). @pulumi/policy does not hand policies the retainOnDelete option, so that
 * half is checked by the stack tests, not here.
 */
import type { ResourceRule } from "./checked-resource";
import { violation } from "./checked-resource";

export const SECRET_TYPE = "aws:secretsmanager/secret:Secret";
/** The gateway names it `<secrets component>-salt-key`. */
const SALT_KEY_NAME = /salt-key$/;

export const saltKeyProtected: ResourceRule = (resource) => {
  if (resource.type !== SECRET_TYPE || !SALT_KEY_NAME.test(resource.name) || resource.protect) return [];
  return [violation(resource, "the LiteLLM salt key's secret is not protected: deleting it makes every credential stored in the database unreadable", "declare it with the resource options { protect: true, retainOnDelete: true }")];
};
