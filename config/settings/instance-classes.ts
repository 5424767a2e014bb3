/**
 * RDS instance classes and ElastiCache node types: the form AWS names them in (checked by the
 * settings schema, so a typo such as db.t4g.mirco stops the preview instead of CreateDBInstance
 * midway through `pulumi up`), and the warning for a class the project has no facts for.
 *
 * A class of the right form that the project's tables do not know is warned about, not refused:
 * RDS offers hundreds of classes, which differ by region and engine version (only AWS's
 * DescribeOrderableDBInstanceOptions knows them all), so refusing would turn every new class into a
 * code change, while what the stack loses is named in the warning.
 */
import { instanceMemoryGib, knownInstanceClassesText } from "./connection-budget";

/**
 * The size part as AWS spells it: micro to xlarge, <n>xlarge, metal (metal-24xl). Neither RDS nor
 * ElastiCache offers nano.
 */
const INSTANCE_SIZE = "(?:micro|small|medium|large|xlarge|[1-9]\\d*xlarge|metal(?:-[1-9]\\d*xl)?)";

/** An RDS instance class: `db.<family>.<size>`, e.g. db.t4g.micro or db.r6gd.2xlarge. */
export const DB_INSTANCE_CLASS_PATTERN = new RegExp(`^db\\.[a-z][a-z0-9-]*\\.${INSTANCE_SIZE}$`);

/** An ElastiCache node type: `cache.<family>.<size>`, e.g. cache.t4g.small. */
export const CACHE_NODE_TYPE_PATTERN = new RegExp(`^cache\\.[a-z][a-z0-9-]*\\.${INSTANCE_SIZE}$`);

/**
 * A class whose memory the project does not know: the connection budget (config/settings/
 * connection-budget.ts) cannot be checked and the database-connections alarm is left out.
 */
export function unknownDbInstanceClassWarning(stack: string, instanceClass: string): string | undefined {
  if (instanceMemoryGib(instanceClass) !== undefined) {
    return undefined;
  }
  return (
    `Stack ${stack}: dbInstanceClass ${instanceClass} is not in the project's table of instance memory, so its max_connections is unknown: the connection budget is not checked and there is no database-connections alarm. ` +
    `Known: ${knownInstanceClassesText()}. Choose one (pulumi config set dbInstanceClass db.m7g.large), or add the class's memory to config/settings/connection-budget.ts`
  );
}
