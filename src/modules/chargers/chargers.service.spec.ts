import { memoryCache } from '../../../test/support/cache';
import type { Principal } from '../../core/auth/principal';
import { readSeedConstants } from '../../seed/seed-constants';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecChargerListItem, ZaptecConstants } from '../../upstream/zaptec/types/wire';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { AuditService } from '../audit/audit.service';
import { ConstantsCatalog } from '../constants/constants-catalog';
import type { ConstantsService } from '../constants/constants.service';
import { ChargersService } from './chargers.service';

const principal = { kind: 'user', id: 'u1', sessionId: 's1', upstream: {} } as Principal;
const catalog = new ConstantsCatalog(
  parseLosslessJson(readSeedConstants('6.5.8').toString('utf8')) as ZaptecConstants,
  'upstream',
);

describe('ChargersService', () => {
  it('lists chargers Zaptec sends without InstallationId or roles, and filters them out by installation', async () => {
    const chargers: ZaptecChargerListItem[] = [
      { Id: 'a', DeviceId: 'ZAP1', Name: 'A', DeviceType: 4, InstallationId: 'HOME' },
      { Id: 'b', DeviceId: 'ZAP2', Name: 'B', DeviceType: 4 },
    ];
    const service = new ChargersService(
      { chargers: () => Promise.resolve(chargers) } as unknown as ZaptecApi,
      { current: () => Promise.resolve(catalog) } as unknown as ConstantsService,
      {} as AuditService,
      memoryCache(),
    );
    const all = await service.list(principal);
    expect(all.map((item) => [item.id, item.installationId, item.roles])).toEqual([
      ['a', 'HOME', []],
      ['b', undefined, []],
    ]);
    const home = await service.list(principal, 'home');
    expect(home.map((item) => item.id)).toEqual(['a']);
  });
});
