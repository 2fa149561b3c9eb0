import { DEMO } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import {
  ACCOUNTS,
  clearFaults,
  injectFaults,
  simulatorStats,
  type SimulatorStats,
} from '../support/simulator';

// design.md "Caching and protection", through the gateway's own routes: one account's burst never
// makes Zaptec answer 429 (10 req/s, burst 15, zaptec-api.md §8), a slow Zaptec gives 504 and an
// unreachable one 502, then 503 while the breaker holds calls back.

const TIMEOUT_MS = 1_000;
const OFFICE_1 = DEMO.chargerId('Office 1');

describe('upstream protection through the gateway', () => {
  let gateway: TestGateway;
  let bearer: string;
  /** The live state of a charger: read from Zaptec on every call (there is no response cache). */
  const state = () =>
    gateway.http().get(`/v1/chargers/${OFFICE_1}/state`).set('authorization', bearer);

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { ZAPTEC_TIMEOUT_MS: String(TIMEOUT_MS) } });
    bearer = `Bearer ${(await gateway.signIn('admin')).accessToken}`;
    await state().expect(200); // loads the admin's roles once
  });
  afterAll(() => gateway.close());
  afterEach(() => clearFaults(gateway.simulator));

  it('keeps Zaptec from answering 429 when one account sends a burst of 100 requests', async () => {
    const before = await simulatorStats(gateway.simulator);

    const responses = await Promise.all(Array.from({ length: 100 }, () => state()));

    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    const after = await simulatorStats(gateway.simulator);
    const ofAdmin = (stats: SimulatorStats) => stats.byAccount[ACCOUNTS.admin.email] ?? 0;
    // All 100 reached Zaptec for the same account, far past its burst of 15 ...
    expect(ofAdmin(after) - ofAdmin(before)).toBeGreaterThanOrEqual(100);
    // ... and none was refused.
    expect(after.byStatus['429']).toBeUndefined();
  }, 30_000);

  it('serves the account again within its Retry-After once a 429 storm has cleared', async () => {
    await injectFaults(gateway.simulator, { rateLimitStorm: true, paths: ['/api/chargers'] });
    // Every try of these reads is answered 429 (Retry-After: 1), and each pauses the account.
    const storm = await Promise.all(Array.from({ length: 5 }, () => state()));
    expect(storm.map((response) => response.body.code)).toEqual(
      Array(5).fill('UPSTREAM_RATE_LIMITED'),
    );
    await clearFaults(gateway.simulator);

    const clearedAt = Date.now();
    await state().expect(200);
    expect(Date.now() - clearedAt).toBeLessThan(1_000 + 500);
  }, 30_000);

  it('answers 504 UPSTREAM_TIMEOUT when Zaptec takes longer than ZAPTEC_TIMEOUT_MS', async () => {
    await injectFaults(gateway.simulator, { hang: true, paths: ['/api/chargers'] });

    const startedAt = Date.now();
    const response = await state().expect(504);

    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
    // Three tries of a read (two retries), each cut at the timeout.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
    expect(Date.now() - startedAt).toBeLessThan(3 * TIMEOUT_MS + 2_000);
  });

  it('answers 502 UPSTREAM_UNREACHABLE when Zaptec is down, then 503 UPSTREAM_UNAVAILABLE without calling it while the breaker is open', async () => {
    await state().expect(200); // a success resets the breaker's count of failures
    await injectFaults(gateway.simulator, { outage: true });

    const unreachable = await state().expect(502);
    expect(unreachable.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(unreachable.body.code).toBe('UPSTREAM_UNREACHABLE');

    // Five failed tries in a row open the breaker (a read makes three): the next call does it.
    expect([502, 503]).toContain((await state()).status);
    const before = (await simulatorStats(gateway.simulator)).total;
    const paused = await state().expect(503);
    expect(paused.body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(paused.headers['retry-after']).toBe('10');
    expect((await simulatorStats(gateway.simulator)).total).toBe(before);
  });
});
