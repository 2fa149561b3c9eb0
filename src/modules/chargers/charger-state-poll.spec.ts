import { memoryCache } from '../../../test/support/cache';
import { resourceKey } from '../../cache/http/cache-key';
import type { HttpBody } from '../../cache/http/http-entry';
import { loadConfig } from '../../config/app-config';
import { readSeedConstants } from '../../seed/seed-constants';
import { Priority } from '../../upstream/zaptec/account-limiter';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecConstants, ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { ConstantsCatalog } from '../constants/constants-catalog';
import type { ConstantsService } from '../constants/constants.service';
import { CHARGER_STATE_ROUTE } from './charger-routes';
import { ChargerStatePoll } from './charger-state-poll';
import { toChargerStateDto } from './charger-state.mapper';

const catalog = new ConstantsCatalog(
  parseLosslessJson(readSeedConstants('6.5.8').toString('utf8')) as ZaptecConstants,
  'upstream',
);
const session = { account: 'sub-1' } as UpstreamSession;
const charger = { id: 'c-1', deviceType: 1 };
const STATE: ZaptecStateItem[] = [
  { ChargerId: 'c-1', StateId: 710, Timestamp: '2026-03-01T10:00:00.5', ValueAsString: '3' },
  { ChargerId: 'c-1', StateId: -1, Timestamp: '2026-03-01T10:00:01' },
];

function pollWith(env: Record<string, string>) {
  const priorities: (number | undefined)[] = [];
  const zaptec = {
    chargerState: (_session: UpstreamSession, _id: string, priority?: number) => {
      priorities.push(priority);
      return Promise.resolve(STATE);
    },
  } as unknown as ZaptecApi;
  const constants = { current: () => Promise.resolve(catalog) } as unknown as ConstantsService;
  const cache = memoryCache(env);
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  return { poll: new ChargerStatePoll(zaptec, constants, cache, config), cache, priorities };
}

describe('ChargerStatePoll', () => {
  it("fills the route's cache entry with the route's own bytes, at background priority", async () => {
    const { poll, cache, priorities } = pollWith({ CACHE_ENABLED: 'true' });
    const first = await poll.poll(session, charger);
    expect(first.fetched).toBe(true);
    expect(first.items).toEqual([
      { stateId: -1, valueAsString: undefined, timestamp: '2026-03-01T10:00:01.000Z' },
      { stateId: 710, valueAsString: '3', timestamp: '2026-03-01T10:00:00.500Z' },
    ]);
    expect(priorities).toEqual([Priority.background]);
    const entry = cache.peek<HttpBody>(resourceKey(CHARGER_STATE_ROUTE, 'c-1'), 'state');
    expect(entry?.value.body.toString()).toBe(
      JSON.stringify(toChargerStateDto('c-1', 1, STATE, catalog)),
    );
  });

  it('makes no upstream call while the entry is fresh (a user read or the last poll filled it)', async () => {
    const { poll, priorities } = pollWith({ CACHE_ENABLED: 'true' });
    await poll.poll(session, charger);
    const second = await poll.poll(session, charger);
    expect(second.fetched).toBe(false);
    expect(second.items).toHaveLength(2);
    expect(priorities).toHaveLength(1);
  });

  it('calls upstream on every poll when the cache is off', async () => {
    const { poll, priorities } = pollWith({ CACHE_ENABLED: 'false' });
    await poll.poll(session, charger);
    expect((await poll.poll(session, charger)).fetched).toBe(true);
    expect(priorities).toHaveLength(2);
  });
});
