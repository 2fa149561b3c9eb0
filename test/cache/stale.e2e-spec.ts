import { DEMO } from '../simulator/fixtures';
import { call } from '../support/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';

const driveway = DEMO.chargerId('Driveway');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stale-if-error with short TTLs (state 1 s, stale at most 3 s past it): during an outage the
 * last good state answers, marked STALE, until it is too old; then the outage is the answer.
 */
describe('response cache during an upstream outage', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { CACHE_ENABLED: 'true', CACHE_TTL_STATE_S: '1', CACHE_STALE_MAX_S: '3' },
    });
  }, 60_000);
  afterAll(async () => {
    await call(gateway.simulator, undefined, 'DELETE', '/__sim/faults');
    await gateway?.close();
  });

  it('serves STALE while Zaptec is down, and the error once the entry is past its maximum staleness', async () => {
    const owner = await gateway.as('owner');
    const fetchedAt = Date.now();
    const good = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    // The entry's own fetch started between fetchedAt and answeredAt (after sign-in and roles,
    // which take a while on a loaded machine): bounds that hold wherever in between it was.
    const answeredAt = Date.now();
    expect(good.headers['x-cache']).toBe('MISS');

    await call(gateway.simulator, undefined, 'POST', '/__sim/faults', {
      outage: true,
      paths: [`/api/chargers/${driveway}/state`],
    });
    // Past the TTL and the revalidation window: the refresh is tried, fails, the entry answers.
    await sleep(fetchedAt + 2100 - Date.now());
    const stale = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.headers['cache-control']).toBe('private, max-age=0');
    expect(stale.text).toBe(good.text);

    // TTL 1 s + 3 s stale maximum: after that the outage shows.
    await sleep(answeredAt + 4300 - Date.now());
    const failed = await owner.get(`/v1/chargers/${driveway}/state`);
    expect(failed.status).toBeGreaterThanOrEqual(502);
    expect(failed.headers['x-cache']).toBeUndefined();
  }, 30_000);
});
