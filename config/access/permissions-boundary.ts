/**
 * A role's `permissionsBoundary` argument when the stack sets permissionsBoundaryArn: spread into
 * every aws.iam.Role the stack creates, so no role is created without it once it is set (the
 * deploy role of docs/iam may create roles only with the boundary, IAM condition key
 * iam:PermissionsBoundary). An absent key, not `undefined`, when there is none.
 */
export function permissionsBoundaryOf<T>(arn: T | undefined): { permissionsBoundary?: T } {
  return arn === undefined ? {} : { permissionsBoundary: arn };
}
