import type { RunningSimulator } from '../../src/simulator/simulator';
import { Obs } from '../../src/simulator/world/observations';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import { advanceClock, DEMO, stateOf } from './fixtures';

// Zaptec serves /state from a ~15 s cache per charger (zaptec-api.md §4, §8): a write shows in the
// state only once the cached copy expires. The simulated clock times it, so stepping the stopped
// clock past the cache makes the change visible, deterministically.

const DRIVEWAY = DEMO.chargerId('Driveway');
const GARAGE = DEMO.chargerId('Garage');

describe('the state cache (SIMULATOR_STATE_CACHE_S)', () => {
  let simulator: RunningSimulator;
  let owner: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({ stateCacheSeconds: 15, rateLimit: false });
    owner = await loginAs(simulator, 'owner');
  });
  afterAll(() => simulator.close());

  const maxCurrent = async (chargerId: string) =>
    (await stateOf(simulator, owner, chargerId)).get(Obs.MaxCurrent);
  const update = (chargerId: string, amps: number) =>
    call(simulator, owner, 'POST', `/api/chargers/${chargerId}/update`, {
      maxChargeCurrent: amps,
    });

  it('serves the cached state until it is 15 simulated seconds old, then the current one', async () => {
    expect(await maxCurrent(DRIVEWAY)).toBe('32.000');
    expect((await update(DRIVEWAY, 10)).status).toBe(200);
    expect(await maxCurrent(DRIVEWAY)).toBe('32.000');
    await advanceClock(simulator, 14);
    expect(await maxCurrent(DRIVEWAY)).toBe('32.000');
    await advanceClock(simulator, 1);
    expect(await maxCurrent(DRIVEWAY)).toBe('10.000');
  });

  it('caches per charger: a charger first read after a change shows it at once', async () => {
    expect((await update(GARAGE, 12)).status).toBe(200);
    expect(await maxCurrent(GARAGE)).toBe('12.000');
  });

  it('validates commands against the live state, not the cached copy', async () => {
    const admin = await loginAs(simulator, 'admin');
    const office = [1, 2, 3, 4, 5, 6].map((n) => DEMO.chargerId(`Office ${n}`));
    let charging: string | undefined;
    for (const id of office) {
      if ((await stateOf(simulator, admin, id)).get(Obs.OperationMode) === '3') charging = id;
    }
    expect(charging).toBeDefined();
    const pause = `/api/chargers/${charging}/sendCommand/506`;
    expect((await call(simulator, admin, 'POST', pause)).status).toBe(200);
    expect((await stateOf(simulator, admin, charging!)).get(Obs.FinalStopActive)).toBe('0');
    // Paused already, whatever the cached state says: 528 (§6).
    const again = await call(simulator, admin, 'POST', pause);
    expect([again.status, again.json?.Code]).toEqual([500, 528]);
  });
});
