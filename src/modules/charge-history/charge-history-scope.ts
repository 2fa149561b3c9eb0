import { holdsAny } from '../../core/auth/user-roles';

/** Which sessions a caller may see in a charge-history query (design.md's role table). */
export interface HistoryScope {
  /** The installations the query covers; empty when the caller may see nothing. */
  readonly installations: readonly string[];
  /** Those of them whose whole history the caller may read (Owner, Maintainer, Administrator). */
  readonly managed: ReadonlySet<string>;
  /** The caller manages none of them: ask Zaptec for the caller's own sessions only. */
  readonly ownOnly: boolean;
}

/** `installations`: installation id → the caller's UserRoles there, for those in the query. */
export function historyScope(installations: ReadonlyMap<string, number>): HistoryScope {
  const covered = [...installations].filter(([, roles]) => holdsAny(roles, 'member'));
  const managed = new Set(
    covered.filter(([, roles]) => holdsAny(roles, 'manager')).map(([id]) => id),
  );
  return { installations: covered.map(([id]) => id), managed, ownOnly: managed.size === 0 };
}

/**
 * Whether a session Zaptec returned may be shown: the caller's own, or on an installation the
 * caller manages. Zaptec already filters a User's history to their own sessions; this holds our
 * policy even if it ever did not (never looser than upstream, zaptec-api.md §7).
 */
export function maySee(
  scope: HistoryScope,
  callerId: string,
  session: { userId?: string; installationId?: string },
): boolean {
  if (session.userId !== undefined && session.userId.toLowerCase() === callerId.toLowerCase()) {
    return true;
  }
  return session.installationId !== undefined && scope.managed.has(session.installationId);
}
