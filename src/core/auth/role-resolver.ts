import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { RoleTargetKind } from './access.decorators';
import type { Principal, ResolvedAccess } from './principal';
import { holdsAny, UserRoles } from './user-roles';

/** How long a caller's roles are trusted before upstream is asked again. */
const ROLES_TTL_MS = 60_000;

export interface InstallationRole {
  readonly name: string;
  readonly roles: number;
}

interface Visibility {
  /** installation id → the caller's roles there (upstream's CurrentUserRoles). */
  readonly installations: ReadonlyMap<string, InstallationRole>;
  /** charger id → where it sits. */
  readonly chargers: ReadonlyMap<
    string,
    { installationId: string; circuitId?: string; roles: number }
  >;
}

/**
 * A caller's UserRoles per installation, read from upstream's CurrentUserRoles on the objects the
 * caller sees (design.md "Authorization"), cached per principal; concurrent misses share one read.
 */
@Injectable()
export class RoleResolver {
  private readonly visibility = new LRUCache<string, Visibility, Principal>({
    max: 10_000,
    ttl: ROLES_TTL_MS,
    fetchMethod: (_key, _stale, { context }) => this.load(context),
  });
  /**
   * Empty circuits found in hierarchies, per sign-in: the installation id, or `false` for an id
   * found in none (remembered as long, so repeating an unknown id costs no hierarchy reads).
   */
  private readonly circuits = new LRUCache<string, string | false>({
    max: 10_000,
    ttl: ROLES_TTL_MS,
  });

  constructor(private readonly zaptec: ZaptecApi) {}

  async installations(principal: Principal): Promise<ReadonlyMap<string, InstallationRole>> {
    return (await this.visible(principal)).installations;
  }

  /** The installation `id` belongs to and the caller's roles there; undefined when none. */
  async resolve(
    principal: Principal,
    kind: RoleTargetKind,
    id: string,
  ): Promise<ResolvedAccess | undefined> {
    const seen = await this.visible(principal);
    const installationId = await this.installationOf(principal, seen, kind, id);
    if (!installationId) return undefined;
    return this.accessOn(seen, kind, id, installationId);
  }

  /**
   * `resolve` from memory only: the access when the caller's roles and the object's place are
   * cached, `null` when they are cached and name no role, undefined when not known without
   * asking upstream (the cache's hot path then leaves the request to the guard).
   */
  peek(principal: Principal, kind: RoleTargetKind, id: string): ResolvedAccess | null | undefined {
    const seen = this.visibility.get(principal.sessionId);
    if (!seen) return undefined;
    let installationId: string | undefined;
    if (kind === 'installation') installationId = seen.installations.has(id) ? id : undefined;
    else if (kind === 'charger') installationId = seen.chargers.get(id)?.installationId;
    else {
      for (const charger of seen.chargers.values()) {
        if (charger.circuitId === id) installationId = charger.installationId;
      }
      if (!installationId) {
        const known = this.circuits.get(`${principal.sessionId}:${id}`);
        if (known === undefined) return undefined;
        installationId = known || undefined;
      }
    }
    if (!installationId) return null;
    return this.accessOn(seen, kind, id, installationId) ?? null;
  }

  private accessOn(
    seen: Visibility,
    kind: RoleTargetKind,
    id: string,
    installationId: string,
  ): ResolvedAccess | undefined {
    const roles =
      seen.installations.get(installationId)?.roles ??
      (kind === 'charger' ? (seen.chargers.get(id)?.roles ?? 0) : 0);
    return roles === UserRoles.None ? undefined : { installationId, roles };
  }

  private async installationOf(
    principal: Principal,
    seen: Visibility,
    kind: RoleTargetKind,
    id: string,
  ): Promise<string | undefined> {
    if (kind === 'installation') return seen.installations.has(id) ? id : undefined;
    if (kind === 'charger') return seen.chargers.get(id)?.installationId;
    for (const charger of seen.chargers.values()) {
      if (charger.circuitId === id) return charger.installationId;
    }
    return this.circuitWithoutChargers(principal, seen, id);
  }

  /** An empty circuit shows only in the hierarchy, which managers alone may read (§7). */
  private async circuitWithoutChargers(
    principal: Principal,
    seen: Visibility,
    circuitId: string,
  ): Promise<string | undefined> {
    const key = `${principal.sessionId}:${circuitId}`;
    const known = this.circuits.get(key);
    if (known !== undefined) return known || undefined;
    const found = await this.searchHierarchies(principal, seen, circuitId);
    this.circuits.set(key, found ?? false);
    return found;
  }

  private async searchHierarchies(
    principal: Principal,
    seen: Visibility,
    circuitId: string,
  ): Promise<string | undefined> {
    for (const [installationId, { roles }] of seen.installations) {
      if (!holdsAny(roles, 'manager')) continue;
      const hierarchy = await this.zaptec.hierarchy(principal.upstream, installationId);
      if ((hierarchy?.Circuits ?? []).some((circuit) => circuit.Id === circuitId)) {
        return installationId;
      }
    }
    return undefined;
  }

  private async visible(principal: Principal): Promise<Visibility> {
    const seen = await this.visibility.fetch(principal.sessionId, { context: principal });
    return seen!;
  }

  private async load(principal: Principal): Promise<Visibility> {
    const [installations, chargers] = await Promise.all([
      this.zaptec.installations(principal.upstream),
      this.zaptec.chargers(principal.upstream),
    ]);
    // Zaptec may leave out any field (§1): no roles means none, and a charger that does not say
    // where it sits cannot be placed, so it is not visible (404) rather than a 500.
    return {
      installations: new Map(
        installations.map((item) => [
          item.Id,
          { name: item.Name, roles: item.CurrentUserRoles ?? UserRoles.None },
        ]),
      ),
      chargers: new Map(
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
