import { Injectable, Optional } from '@nestjs/common';
import { CacheService } from '../../cache/cache.service';
import { PrismaService } from '../../database/prisma.service';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { RoleTargetKind } from './access.decorators';
import { serviceAccountNoRole } from '../errors/auth-problems';
import type { ApiKeyPrincipal, Principal, ResolvedAccess } from './principal';
import { holdsAny, UserRoles } from './user-roles';

/** How long a caller's roles are trusted before upstream is asked again. */
const ROLES_TTL_MS = 60_000;

export interface InstallationRole {
  readonly name: string;
  readonly roles: number;
}

interface ChargerPlace {
  readonly installationId: string;
  readonly circuitId?: string;
  readonly roles: number;
}

/** What a sign-in sees, as plain data (a cache store may serialize it). */
interface Visibility {
  /** installation id → the caller's roles there (upstream's CurrentUserRoles). */
  readonly installations: Readonly<Record<string, InstallationRole>>;
  /** charger id → where it sits. */
  readonly chargers: Readonly<Record<string, ChargerPlace>>;
}

/**
 * A caller's UserRoles per installation, read from upstream's CurrentUserRoles on the objects the
 * caller sees (design.md "Authorization"), cached per sign-in in the cache store; concurrent
 * misses share one read.
 */
@Injectable()
export class RoleResolver {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly cache: CacheService,
    // Stored objects (a session) are placed by our own database; absent in unit tests.
    @Optional() private readonly prisma?: PrismaService,
  ) {}

  /** The installations the caller holds a role on, with those roles (a key's: its mask). */
  async installations(principal: Principal): Promise<ReadonlyMap<string, InstallationRole>> {
    const seen = await this.visible(principal);
    if (principal.kind === 'user') return new Map(Object.entries(seen.installations));
    return new Map(
      principal.installationIds.flatMap((id) => {
        const held = keyRolesOn(principal, seen, id);
        return held ? [[id, { name: seen.installations[id].name, roles: held }] as const] : [];
      }),
    );
  }

  /** The installation `id` belongs to and the caller's roles there; undefined when none. */
  async resolve(
    principal: Principal,
    kind: RoleTargetKind,
    id: string,
  ): Promise<ResolvedAccess | undefined> {
    const seen = await this.visible(principal);
    if (kind === 'session') {
      // A stored session sits in the installation ingestion stored it under; the roles are the
      // caller's there (a User's own-sessions rule is the route's: design.md's role table).
      const stored = await this.storedSessionInstallation(id);
      return stored ? accessOn(principal, seen, 'installation', stored, stored, true) : undefined;
    }
    const installationId =
      placeOf(seen, kind, id) ??
      ownInstallationOfKey(principal, kind, id) ??
      (kind === 'circuit' ? await this.emptyCircuit(principal, seen, id) : undefined);
    return installationId ? accessOn(principal, seen, kind, id, installationId, true) : undefined;
  }

  /**
   * `resolve` from what this process holds in memory, without waiting: the access when the
   * caller's roles and the object's place are cached, `null` when they are and give no role, undefined when that is not known without
   * asking upstream (the cache's hot path then leaves the request to the guard).
   */
  peek(principal: Principal, kind: RoleTargetKind, id: string): ResolvedAccess | null | undefined {
    const seen = this.cache.peek<Visibility>(visibilityKey(principal), 'roles')?.value;
    if (!seen || kind === 'session') return undefined; // no cached route acts on a session
    let installationId = placeOf(seen, kind, id);
    if (!installationId && kind === 'circuit') {
      const known = this.cache.peek<string | false>(circuitKey(principal, id), 'roles');
      if (!known) return undefined;
      installationId = known.value || undefined;
    }
    return (installationId && accessOn(principal, seen, kind, id, installationId, false)) || null;
  }

  private async storedSessionInstallation(id: string): Promise<string | undefined> {
    const { rows } = (await this.prisma?.pool.query<{ installationId: string }>(
      'SELECT "installationId" FROM "ChargeSession" WHERE id = $1',
      [id],
    )) ?? { rows: [] };
    return rows[0]?.installationId;
  }

  /**
   * An empty circuit shows only in the hierarchy, which managers alone may read (§7). Per
   * sign-in, an id found in none is remembered as `false` as long, so repeating an unknown id
   * costs no hierarchy reads.
   */
  private async emptyCircuit(
    principal: Principal,
    seen: Visibility,
    circuitId: string,
  ): Promise<string | undefined> {
    const { entry } = await this.cache.read(
      circuitKey(principal, circuitId),
      { domain: 'roles', ttlMs: ROLES_TTL_MS },
      async () => (await this.searchHierarchies(principal, seen, circuitId)) ?? false,
    );
    return entry.value || undefined;
  }

  private async searchHierarchies(
    principal: Principal,
    seen: Visibility,
    circuitId: string,
  ): Promise<string | undefined> {
    for (const [installationId, { roles }] of Object.entries(seen.installations)) {
      const held = principal.kind === 'user' ? roles : keyRolesOn(principal, seen, installationId);
      if (!held || !holdsAny(held, 'manager')) continue;
      const hierarchy = await this.zaptec.hierarchy(principal.upstream, installationId);
      if ((hierarchy?.Circuits ?? []).some((circuit) => circuit.Id === circuitId)) {
        return installationId;
      }
    }
    return undefined;
  }

  private async visible(principal: Principal): Promise<Visibility> {
    const { entry } = await this.cache.read(
      visibilityKey(principal),
      { domain: 'roles', ttlMs: ROLES_TTL_MS },
      () => this.load(principal),
    );
    return entry.value;
  }

  private async load(principal: Principal): Promise<Visibility> {
    const [installations, chargers] = await Promise.all([
      this.zaptec.installations(principal.upstream),
      this.zaptec.chargers(principal.upstream),
    ]);
    // Zaptec may leave out any field (§1): no roles means none, and a charger that does not say
    // where it sits cannot be placed, so it is not visible (404) rather than a 500.
    return {
      installations: Object.fromEntries(
        installations.map((item) => [
          item.Id,
          { name: item.Name, roles: item.CurrentUserRoles ?? UserRoles.None },
        ]),
      ),
      chargers: Object.fromEntries(
        chargers.flatMap(({ Id, InstallationId, CircuitId, CurrentUserRoles }) =>
          InstallationId === undefined
            ? []
            : [
                [
                  Id,
                  {
                    installationId: InstallationId,
                    circuitId: CircuitId,
                    roles: CurrentUserRoles ?? UserRoles.None,
                  },
                ] as const,
              ],
        ),
      ),
    };
  }
}

/**
 * Per sign-in for a user. Every key sees through the one service account, so they share its
 * view (one upstream read for all keys); what each key may do is applied on top (keyRolesOn).
 */
const scopeOf = (principal: Principal) =>
  principal.kind === 'user' ? principal.sessionId : 'service-account';
const visibilityKey = (principal: Principal) => `roles|${scopeOf(principal)}`;
const circuitKey = (principal: Principal, id: string) =>
  `roles|${scopeOf(principal)}|circuit:${id}`;

/**
 * A key's own installation is placed even when the service account does not see it, so the key
 * hears why it cannot act there (SERVICE_ACCOUNT_NO_ROLE) instead of a 404.
 */
function ownInstallationOfKey(
  principal: Principal,
  kind: RoleTargetKind,
  id: string,
): string | undefined {
  const own = kind === 'installation' && principal.kind === 'apiKey';
  return own && principal.installationIds.includes(id) ? id : undefined;
}

/** Where the object sits among what the caller sees; an empty circuit is not known here. */
function placeOf(seen: Visibility, kind: RoleTargetKind, id: string): string | undefined {
  if (kind === 'installation') return Object.hasOwn(seen.installations, id) ? id : undefined;
  if (kind === 'charger')
    return Object.hasOwn(seen.chargers, id) ? seen.chargers[id].installationId : undefined;
  return Object.values(seen.chargers).find((charger) => charger.circuitId === id)?.installationId;
}

function accessOn(
  principal: Principal,
  seen: Visibility,
  kind: RoleTargetKind,
  id: string,
  installationId: string,
  explain: boolean,
): ResolvedAccess | undefined {
  const roles =
    principal.kind === 'apiKey'
      ? keyRolesOn(principal, seen, installationId, explain)
      : userRolesOn(seen, kind, id, installationId);
  return roles === UserRoles.None ? undefined : { installationId, roles };
}

function userRolesOn(
  seen: Visibility,
  kind: RoleTargetKind,
  id: string,
  installationId: string,
): number {
  return (
    (Object.hasOwn(seen.installations, installationId)
      ? seen.installations[installationId].roles
      : undefined) ??
    (kind === 'charger' && Object.hasOwn(seen.chargers, id) ? seen.chargers[id].roles : 0)
  );
}

/**
 * A key holds its mask on its own installations and nothing elsewhere (404, as for a user with no
 * role). On its own installation it can only act if the service account, its upstream identity,
 * holds a role there: `explain` then throws the 403 that says so, rather than a 404 that would
 * hide a configuration fault from the partner; the hot path passes false and leaves it to the guard.
 */
function keyRolesOn(
  principal: ApiKeyPrincipal,
  seen: Visibility,
  installationId: string,
  explain = false,
): number {
  if (!principal.installationIds.includes(installationId)) return UserRoles.None;
  const serviceRoles = Object.hasOwn(seen.installations, installationId)
    ? seen.installations[installationId].roles
    : UserRoles.None;
  if (serviceRoles !== UserRoles.None) return principal.roles;
  if (explain) throw serviceAccountNoRole(installationId);
  return UserRoles.None;
}
