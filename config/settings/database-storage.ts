/**
 * The database's storage, backup and engine-major rules, in one place: the stack settings check
 * dbAllocatedStorageGib, dbMaxAllocatedStorageGib and dbBackupRetentionDays with them, and the
 * Database component checks its args (and its PARAMETER_GROUP_MAJORS) with the same functions.
 */

/** gp3's minimum size on RDS. */
export const MIN_GP3_STORAGE_GIB = 20;
/** RDS's limit for PostgreSQL. */
export const MAX_STORAGE_GIB = 65_536;
/** RDS's limits (CreateDBInstance, BackupRetentionPeriod: 0 to 35); 0 would turn off backups, which this project never allows. */
export const MIN_BACKUP_RETENTION_DAYS = 1;
export const MAX_BACKUP_RETENTION_DAYS = 35;

/** Storage autoscaling can grow the volume only when its ceiling is above the initial size. */
export function storageCanGrow(allocatedStorageGib: number, maxAllocatedStorageGib: number): boolean {
  return maxAllocatedStorageGib > allocatedStorageGib;
}

/** Whole days of automated backups, on (at least 1) and within RDS's limit. */
export function isBackupRetentionDays(days: number): boolean {
  return Number.isInteger(days) && days >= MIN_BACKUP_RETENTION_DAYS && days <= MAX_BACKUP_RETENTION_DAYS;
}

/**
 * A major upgrade needs a parameter group of the new family beside the old one (see
 * PARAMETER_GROUP_MAJORS in components/database.ts): the instance's major must have a group, and
 * no major may have two.
 */
export function parameterGroupMajorsProblem(instanceMajor: string, groupMajors: readonly string[]): string | undefined {
  if (!groupMajors.includes(instanceMajor)) {
    return `Database: POSTGRES_MAJOR_VERSION is ${instanceMajor} but PARAMETER_GROUP_MAJORS (${groupMajors.join(", ")}) has no group for it; add "${instanceMajor}" to PARAMETER_GROUP_MAJORS in components/database.ts.`;
  }
  if (new Set(groupMajors).size !== groupMajors.length) {
    return `Database: PARAMETER_GROUP_MAJORS (${groupMajors.join(", ")}) lists a major twice; list each once, e.g. ["${instanceMajor}"].`;
  }
  return undefined;
}
