import { memoryCache } from '../../../test/support/cache';
import type { Principal, ResolvedAccess } from '../../core/auth/principal';
import { UserRoles } from '../../core/auth/user-roles';
import type { ApiProblem } from '../../core/errors/problem';
import { readSeedConstants } from '../../seed/seed-constants';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecConstants, ZaptecInstallation } from '../../upstream/zaptec/types/wire';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { AuditService } from '../audit/audit.service';
import { ConstantsCatalog } from '../constants/constants-catalog';
import type { ConstantsService } from '../constants/constants.service';
import { InstallationsService } from './installations.service';

const principal = { kind: 'user', id: 'u1', sessionId: 's1', upstream: {} } as Principal;
const owner: ResolvedAccess = { installationId: 'home', roles: UserRoles.Owner };
const catalog = new ConstantsCatalog(
  parseLosslessJson(readSeedConstants('6.5.8').toString('utf8')) as ZaptecConstants,
  'upstream',
);

function serviceOver(installations: ZaptecInstallation[]) {
  const zaptec = {
    installations: jest.fn(() => Promise.resolve(installations)),
    installation: jest.fn(() => Promise.resolve(installations[0])),
    updateInstallation: jest.fn(() => Promise.resolve()),
  };
  const audit = { track: (_entry: unknown, work: () => Promise<unknown>) => work() };
  const service = new InstallationsService(
    zaptec as unknown as ZaptecApi,
    { current: () => Promise.resolve(catalog) } as unknown as ConstantsService,
    audit as unknown as AuditService,
    memoryCache(),
  );
  return { service, zaptec };
}

describe('InstallationsService', () => {
  it('shows the limits to Owners, Maintainers and Administrators only, not to Onboarding or partner roles', async () => {
    const limits = { MaxCurrent: 63, AvailableCurrentPhase1: 40 };
    const { service } = serviceOver([
      { Id: 'a', Name: 'A', CurrentUserRoles: UserRoles.User | UserRoles.Onboarding, ...limits },
      {
        Id: 'b',
        Name: 'B',
        CurrentUserRoles: UserRoles.User | UserRoles.PartnerAdministrator,
        ...limits,
      },
      { Id: 'c', Name: 'C', CurrentUserRoles: UserRoles.Maintainer, ...limits },
      { Id: 'd', Name: 'D', CurrentUserRoles: UserRoles.Onboarding, ...limits },
      { Id: 'e', Name: 'E', ...limits },
    ]);
    const listed = await service.list(principal);
    expect(listed.map((item) => [item.id, item.maxCurrent])).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['c', 63],
    ]);
  });

  it('checks the currents against the main fuse Zaptec holds, before writing', async () => {
    const { service, zaptec } = serviceOver([{ Id: 'home', Name: 'Home', MaxCurrent: 32 }]);
    const error = (await service
      .updateLimits({ principal, access: owner, requestId: 'r1' }, { availableCurrent: 40 })
      .catch((caught: unknown) => caught)) as ApiProblem;
    expect(error.getStatus()).toBe(400);
    expect(error.extensions.errors?.map((field) => field.field)).toEqual(['availableCurrent']);
    expect(zaptec.updateInstallation).not.toHaveBeenCalled();
  });

  it('writes the limits when Zaptec leaves MaxCurrent out (the DTO has bounded them to 1000 A)', async () => {
    const { service, zaptec } = serviceOver([{ Id: 'home', Name: 'Home' }]);
    await expect(
      service.updateLimits(
        { principal, access: owner, requestId: 'r1' },
        { availableCurrent: 400 },
      ),
    ).resolves.toMatchObject({ maxCurrent: undefined, availableCurrentPhase1: 400 });
    expect(zaptec.updateInstallation).toHaveBeenCalledTimes(1);
  });
});
