/**
 * What the settings cannot decide without asking AWS, said as warnings (the program logs them with
 * pulumi.log.warn, and the plan shows them): subnet zones of an existing VPC, ARNs taken on trust,
 * and a database class the project has no facts for. Pure, so tests need no Pulumi.
 */
import { subnetZonesWarning } from "./existing-subnets";
import { unknownDbInstanceClassWarning } from "./instance-classes";
import { arnsOnTrustWarning } from "./setting-arns";
import type { StackSettings } from "./stack-settings";

/** The warnings for valid settings, in a fixed order; empty when there is nothing only AWS knows. */
export function stackSettingsWarnings(settings: StackSettings, context: { readonly stack: string; readonly region?: string }): string[] {
  const { stack, region } = context;
  const { tls } = settings.ingress;
  const warnings = [
    settings.network.kind === "existing" ? subnetZonesWarning(stack, settings.network) : undefined,
    arnsOnTrustWarning(
      stack,
      {
        ...(tls.kind === "own-certificate" ? { certificateArn: tls.certificateArn } : {}),
        ...(settings.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: settings.permissionsBoundaryArn }),
        ...(settings.configWriterArn === undefined ? {} : { configWriterArn: settings.configWriterArn }),
      },
      region,
    ),
    settings.database === undefined ? undefined : unknownDbInstanceClassWarning(stack, settings.database.instanceClass),
  ];
  return warnings.filter((warning): warning is string => warning !== undefined);
}
