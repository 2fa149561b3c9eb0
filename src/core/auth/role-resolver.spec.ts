import { memoryCache } from '../../../test/support/cache';
import type {
  ZaptecChargerListItem,
  ZaptecHierarchy,
  ZaptecInstallation,
} from '../../upstream/zaptec/types/wire';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { Principal } from './principal';
import { RoleResolver } from './role-resolver';
import { UserRoles } from './user-roles';

const principal = { kind: 'user', id: 'u1', sessionId: 's1', upstream: {} } as Principal;
const CIRCUIT = 'c1c1c1c1-0000-4000-8000-000000000001';

/** A resolver over a fake Zaptec that answers with exactly what a test gives it. */
function resolverOver(world: {
  installations: ZaptecInstallation[];
  chargers?: ZaptecChargerListItem[];
  hierarchy?: (installationId: string) => ZaptecHierarchy | undefined;
}) {
  const zaptec = {
    installations: jest.fn(() => Promise.resolve(world.installations)),
    chargers: jest.fn(() => Promise.resolve(world.chargers ?? [])),
    hierarchy: jest.fn((_session: unknown, id: string) => Promise.resolve(world.hierarchy?.(id))),
  };
  return { resolver: new RoleResolver(zaptec as unknown as ZaptecApi, memoryCache()), zaptec };
}

describe('RoleResolver', () => {
  it('finds no circuit, rather than failing, in a hierarchy Zaptec sends without circuits', async () => {
    const { resolver } = resolverOver({
      installations: [{ Id: 'home', Name: 'Home', CurrentUserRoles: UserRoles.Owner }],
      hierarchy: (id) => ({ Id: id, Name: 'Home' }),
    });
    await expect(resolver.resolve(principal, 'circuit', CIRCUIT)).resolves.toBeUndefined();
  });

  it('looks for an empty circuit only where the caller is Owner, Maintainer or Administrator', async () => {
    const { resolver, zaptec } = resolverOver({
      installations: [
        { Id: 'onboarding', Name: 'A', CurrentUserRoles: UserRoles.Onboarding },
        { Id: 'partner', Name: 'B', CurrentUserRoles: UserRoles.PartnerAdministrator },
        { Id: 'owned', Name: 'C', CurrentUserRoles: UserRoles.User | UserRoles.Owner },
      ],
      hierarchy: (id) => ({
        Id: id,
        Name: id,
        Circuits: [{ Id: CIRCUIT, Name: 'Garage', MaxCurrent: 32, InstallationId: id }],
      }),
    });
    await expect(resolver.resolve(principal, 'circuit', CIRCUIT)).resolves.toEqual({
      installationId: 'owned',
      roles: UserRoles.User | UserRoles.Owner,
    });
    expect(zaptec.hierarchy.mock.calls.map(([, id]) => id)).toEqual(['owned']);
  });

  it('gives no role where Zaptec leaves out CurrentUserRoles or where a charger sits', async () => {
    const { resolver } = resolverOver({
      installations: [{ Id: 'home', Name: 'Home' }],
      chargers: [
        { Id: 'placed', DeviceId: 'ZAP1', Name: 'A', DeviceType: 4, InstallationId: 'home' },
        { Id: 'adrift', DeviceId: 'ZAP2', Name: 'B', DeviceType: 4, CurrentUserRoles: 2 },
      ],
    });
    await expect(resolver.resolve(principal, 'installation', 'home')).resolves.toBeUndefined();
    await expect(resolver.resolve(principal, 'charger', 'placed')).resolves.toBeUndefined();
    await expect(resolver.resolve(principal, 'charger', 'adrift')).resolves.toBeUndefined();
  });
});

describe('RoleResolver circuit lookups', () => {
  const owned = { Id: 'owned', Name: 'C', CurrentUserRoles: UserRoles.Owner };

  it('remembers a circuit id found in no hierarchy, so asking again reads none', async () => {
    const { resolver, zaptec } = resolverOver({
      installations: [owned],
      hierarchy: (id) => ({ Id: id, Name: id, Circuits: [] }),
    });
    await expect(resolver.resolve(principal, 'circuit', CIRCUIT)).resolves.toBeUndefined();
    await expect(resolver.resolve(principal, 'circuit', CIRCUIT)).resolves.toBeUndefined();
    expect(zaptec.hierarchy).toHaveBeenCalledTimes(1);
  });

  it('remembers where an empty circuit sits', async () => {
    const { resolver, zaptec } = resolverOver({
      installations: [owned],
      hierarchy: (id) => ({
        Id: id,
        Name: id,
        Circuits: [{ Id: CIRCUIT, Name: 'Garage', MaxCurrent: 32, InstallationId: id }],
      }),
    });
    for (let call = 0; call < 2; call++) {
      await expect(resolver.resolve(principal, 'circuit', CIRCUIT)).resolves.toEqual({
        installationId: 'owned',
        roles: UserRoles.Owner,
      });
    }
    expect(zaptec.hierarchy).toHaveBeenCalledTimes(1);
  });
});
