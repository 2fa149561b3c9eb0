import { readSeedConstants, type SeedVersion } from '../../seed/seed-constants';
import { roleName, roleNames, RoleSets, UserRoles } from './user-roles';

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
});
