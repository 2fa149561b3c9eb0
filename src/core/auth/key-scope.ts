import type { Principal } from './principal';
import { UserRoles } from './user-roles';

/**
 * Upstream's list as the caller may see it. A user's lists come from their own Zaptec account and
 * are theirs as they are; a key's are read as the service account, so they are cut down to the
 * key's installations (where that account holds a role) and show the key's roles, not the
 * account's: a key sees in a list exactly what its routes would let it open.
 */
export function visibleTo<T extends { readonly CurrentUserRoles?: number }>(
  principal: Principal,
  items: readonly T[],
  installationOf: (item: T) => string | undefined,
): T[] {
  if (principal.kind === 'user') return [...items];
  return items
    .filter((item) => {
      const installationId = installationOf(item)?.toLowerCase();
      return (
        installationId !== undefined &&
        principal.installationIds.includes(installationId) &&
        (item.CurrentUserRoles ?? UserRoles.None) !== UserRoles.None
      );
    })
    .map((item) => ({ ...item, CurrentUserRoles: principal.roles }));
}

/**
 * One upstream object as the caller holds it: for a key, with the key's roles in place of the
 * service account's, so a DTO shows (and a mapper reduces to) what the key may see.
 */
export function heldBy<T extends { readonly CurrentUserRoles?: number }>(
  principal: Principal,
  item: T,
): T {
  return principal.kind === 'user' ? item : { ...item, CurrentUserRoles: principal.roles };
}
