import { UserRoles } from '../../core/auth/user-roles';
import { historyScope, maySee } from './charge-history-scope';

const HOME = 'home';
const OFFICE = 'office';
const ME = 'D1A2B3C4-0000-4000-8000-000000000001';

describe('charge-history scope', () => {
  it('lets managers see every session of their installations', () => {
    const scope = historyScope(new Map([[OFFICE, UserRoles.Administrator]]));
    expect(scope).toMatchObject({ installations: [OFFICE], ownOnly: false });
    expect(maySee(scope, ME, { userId: 'someone-else', installationId: OFFICE })).toBe(true);
  });

  it('asks for own sessions only when the caller manages none of the installations', () => {
    const scope = historyScope(new Map([[OFFICE, UserRoles.User]]));
    expect(scope.ownOnly).toBe(true);
    expect(maySee(scope, ME, { userId: ME.toLowerCase(), installationId: OFFICE })).toBe(true);
    expect(maySee(scope, ME, { userId: 'someone-else', installationId: OFFICE })).toBe(false);
    expect(maySee(scope, ME, { installationId: OFFICE })).toBe(false);
  });

  it('keeps a User to own sessions where they manage another installation', () => {
    const scope = historyScope(
      new Map([
        [HOME, UserRoles.Owner],
        [OFFICE, UserRoles.User],
      ]),
    );
    expect(scope.ownOnly).toBe(false);
    expect(maySee(scope, ME, { userId: 'someone-else', installationId: HOME })).toBe(true);
    expect(maySee(scope, ME, { userId: 'someone-else', installationId: OFFICE })).toBe(false);
    expect(maySee(scope, ME, { userId: 'someone-else', installationId: undefined })).toBe(false);
  });

  it('covers no installation where the caller holds no customer role', () => {
    const scope = historyScope(
      new Map([
        [HOME, UserRoles.None],
        [OFFICE, UserRoles.Onboarding],
      ]),
    );
    expect(scope.installations).toEqual([]);
  });
});
