import { readSeedConstants, type SeedVersion } from '../../seed/seed-constants';
import {
  grantableRoles,
  holdsAny,
  RoleMasks,
  roleName,
  roleNames,
  RoleSets,
  USER_ROLE_NAMES,
  UserRoles,
} from './user-roles';

function seedRoles(version: SeedVersion): Record<string, number> {
  return (JSON.parse(readSeedConstants(version).toString('utf8')) as { UserRoles: object })
    .UserRoles as Record<string, number>;
}

describe('UserRoles', () => {
  it.each(['4.7.0', '6.5.8'] as const)(
    'has the value of constants %s for every role name both know',
    (version) => {
      const seed = seedRoles(version);
      const shared = Object.keys(UserRoles).filter((name) => name in seed);
      expect(shared.length).toBeGreaterThanOrEqual(8);
      expect(Object.fromEntries(shared.map((name) => [name, seed[name]]))).toEqual(
        Object.fromEntries(shared.map((name) => [name, UserRoles[name as keyof typeof UserRoles]])),
      );
    },
  );

  it('names no role that neither constants version has', () => {
    const known = { ...seedRoles('4.7.0'), ...seedRoles('6.5.8') };
    expect(Object.keys(UserRoles).filter((name) => !(name in known))).toEqual([]);
  });

  it('decodes a mask to the names of its flags, lowest first, ignoring unknown bits', () => {
    expect(roleNames(0)).toEqual([]);
    expect(roleNames(UserRoles.Administrator)).toEqual(['Administrator']);
    expect(roleNames(3)).toEqual(['User', 'Owner']);
    expect(roleNames(70)).toEqual(['Owner', 'Maintainer', 'PartnerAdministrator']);
    expect(roleNames(15)).toEqual(['User', 'Owner', 'Maintainer', 'Administrator']);
    expect(roleNames(1024 | 8)).toEqual(['Administrator']);
  });

  it('names each single role flag', () => {
    expect(roleName(UserRoles.Maintainer)).toBe('Maintainer');
    expect(roleName(UserRoles.InternalData)).toBe('InternalData');
  });

  it('never lets a plain User manage equipment (design.md role table)', () => {
    expect(RoleSets.manager).not.toContain(UserRoles.User);
    expect(RoleSets.service).toEqual([UserRoles.Maintainer, UserRoles.Administrator]);
    expect(RoleSets.administrator).toEqual([UserRoles.Administrator]);
  });

  it('has one mask per role set: a manager is exactly Owner, Maintainer or Administrator', () => {
    expect(RoleMasks).toEqual({ member: 15, manager: 14, service: 12, administrator: 8 });
    expect(holdsAny(UserRoles.Owner, 'manager')).toBe(true);
    expect(holdsAny(UserRoles.User, 'manager')).toBe(false);
    for (const role of [16, 32, 64, 128, 256]) {
      expect([role, holdsAny(role, 'manager'), holdsAny(role, 'member')]).toEqual([
        role,
        false,
        false,
      ]);
    }
  });

  it('decides combined flags as real owners carry them (3 and 70, zaptec-api.md §13)', () => {
    const decide = (roles: number) =>
      (['member', 'manager', 'service', 'administrator'] as const).filter((set) =>
        holdsAny(roles, set),
      );
    expect(decide(UserRoles.User | UserRoles.Owner)).toEqual(['member', 'manager']);
    expect(decide(UserRoles.Owner | UserRoles.Maintainer | UserRoles.PartnerAdministrator)).toEqual(
      ['member', 'manager', 'service'],
    );
  });

  it('names every role once for the DTOs, lowest flag first', () => {
    expect(USER_ROLE_NAMES).toEqual(roleNames(511));
  });
});

describe('grantableRoles', () => {
  it('lets an Administrator hand on every customer role, and nothing else it does not hold', () => {
    expect(grantableRoles(UserRoles.Administrator)).toBe(15);
    expect(grantableRoles(UserRoles.Administrator | UserRoles.Onboarding)).toBe(31);
    expect(grantableRoles(UserRoles.Owner)).toBe(UserRoles.User | UserRoles.Owner);
    expect(grantableRoles(UserRoles.DeviceAdministrator)).toBe(UserRoles.DeviceAdministrator);
    expect(grantableRoles(UserRoles.None)).toBe(0);
  });
});
