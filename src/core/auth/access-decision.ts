import type { ResolvedAccess } from './principal';
import type { UserRole } from './user-roles';

export type AccessDecision = 'allow' | 'no-role' | 'too-weak';

/**
 * Whether roles held on an object's installation let a caller use a route that needs one of
 * `required`. The guard and the cache's hot path both decide with this, so a cached answer is
 * never given to someone the guard would refuse. No role at all is `no-role` (answered 404, so
 * existence is not revealed); a role outside `required` is `too-weak` (403).
 */
export function decideAccess(
  required: readonly UserRole[],
  access: ResolvedAccess | undefined,
): AccessDecision {
  if (!access) return 'no-role';
  return required.some((role) => (access.roles & role) !== 0) ? 'allow' : 'too-weak';
}
