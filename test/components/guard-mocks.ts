/**
 * Mocks for the tests of the components' argument guards: every resource echoes its inputs. The
 * guards throw before a resource is declared, so nothing here needs to look like AWS.
 */
import * as pulumi from "@pulumi/pulumi";

export async function setGuardMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
    "litellm-gateway",
    "guards",
    false,
  );
}
