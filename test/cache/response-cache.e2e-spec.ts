import { DEMO } from '../simulator/fixtures';
import { call } from '../support/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { upstreamCalls } from '../modules/chargers-support';
import { sampleValue, scrapeMetrics } from '../support/metrics';

const STATE = 'GET /api/chargers/:id/state';
const driveway = DEMO.chargerId('Driveway');
const office1 = DEMO.chargerId('Office 1');

/** The response cache as app users meet it: one upstream read serves everyone allowed to see. */
describe('response cache', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { CACHE_ENABLED: 'true' } });
    // Sign-ins and roles are warm for every suite below: they count state reads only.
    for (const name of ['owner', 'admin', 'driver', 'outsider'] as const) {
      await (await gateway.as(name)).get('/v1/chargers').expect(200);
    }
  }, 60_000);
  afterAll(() => gateway?.close());

  it('answers 200 concurrent cold requests with exactly one upstream call', async () => {
    const owner = await gateway.as('owner');
    const before = upstreamCalls(gateway, STATE);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => owner.get(`/v1/chargers/${driveway}/state`)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(upstreamCalls(gateway, STATE) - before).toBe(1);
    const bodies = new Set(answers.map((answer) => answer.text));
    expect(bodies.size).toBe(1);
  });

  it('says HIT, its age and max-age, and answers a matching If-None-Match with 304', async () => {
    const owner = await gateway.as('owner');
    const first = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    expect(first.headers['x-cache']).toBe('HIT');
    expect(first.headers['cache-control']).toMatch(/^private, max-age=(1[0-5]|\d)$/);
    expect(Number(first.headers.age)).toBeGreaterThanOrEqual(0);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await owner
      .get(`/v1/chargers/${driveway}/state`)
      .set('if-none-match', etag)
      .expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    const other = await owner
      .get(`/v1/chargers/${driveway}/state`)
      .set('if-none-match', '"something-else"')
      .expect(200);
    expect(other.body.chargerId).toBe(driveway);
  });

  it('shares an entry per charger whoever filled it, yet refuses whoever the guard refuses', async () => {
    const admin = await gateway.as('admin');
    await admin.get(`/v1/chargers/${office1}/state`).expect(200);
    const before = upstreamCalls(gateway, STATE);
    const service = await gateway.as('service');
    const shared = await service.get(`/v1/chargers/${office1}/state`).expect(200);
    expect(shared.headers['x-cache']).toBe('HIT');
    expect(upstreamCalls(gateway, STATE)).toBe(before);

    // No role on Office 1: 404 even though its state is cached; a User: 403 (managers only).
    const outsider = await gateway.as('outsider');
    const hidden = await outsider.get(`/v1/chargers/${office1}/state`).expect(404);
    expect(hidden.headers['x-cache']).toBeUndefined();
    expect(hidden.body.code).toBe('NOT_FOUND');
    const driver = await gateway.as('driver');
    const weak = await driver.get(`/v1/chargers/${office1}/state`).expect(403);
    expect(weak.body.code).toBe('FORBIDDEN');
    // And without a token, a 401 rather than the cached bytes.
    await gateway.http().get(`/v1/chargers/${office1}/state`).expect(401);
  });

  it('sends the next state read upstream after a command through the gateway', async () => {
    const owner = await gateway.as('owner');
    const cached = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    expect(cached.body.values.finalStopActive).toBe(false);
    await owner
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(202);
    // (The command's own precondition check reads the live state; count from after it.)
    const before = upstreamCalls(gateway, STATE);
    const after = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(upstreamCalls(gateway, STATE)).toBe(before + 1);
    expect(after.body.values.finalStopActive).toBe(true);
  });

  it('does not cache a failed fetch', async () => {
    const owner = await gateway.as('owner');
    const garage = DEMO.chargerId('Garage');
    await call(gateway.simulator, undefined, 'POST', '/__sim/faults', {
      errorRate: 1,
      errorKind: '503',
      paths: [`/api/chargers/${garage}/state`],
    });
    try {
      const failed = await owner.get(`/v1/chargers/${garage}/state`);
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await call(gateway.simulator, undefined, 'DELETE', '/__sim/faults');
    }
    const before = upstreamCalls(gateway, STATE);
    const next = await owner.get(`/v1/chargers/${garage}/state`).expect(200);
    expect(next.headers['x-cache']).toBe('MISS');
    expect(upstreamCalls(gateway, STATE)).toBe(before + 1);
  });

  it('caches lists per principal: another caller never gets someone else’s list', async () => {
    const owner = await gateway.as('owner');
    const admin = await gateway.as('admin');
    const mine = await owner.get('/v1/chargers').expect(200);
    const theirs = await admin.get('/v1/chargers').expect(200);
    expect(mine.headers['x-cache']).toBe('HIT');
    expect(theirs.headers['x-cache']).toBe('HIT');
    expect(mine.text).not.toBe(theirs.text);
    expect(mine.body.map((charger: { installationId: string }) => charger.installationId)).toEqual(
      mine.body.map(() => DEMO.home.id),
    );
  });

  it('counts a hit and a miss per domain on /metrics, and the bytes it holds', async () => {
    const owner = await gateway.as('owner');
    const counted = async (result: string) =>
      sampleValue(await scrapeMetrics(gateway.app), 'gateway_cache_requests_total', {
        domain: 'settings',
        result,
      });
    const [hits, misses] = [await counted('hit'), await counted('miss')];
    await owner.get(`/v1/chargers/${driveway}/settings`).expect(200);
    await owner.get(`/v1/chargers/${driveway}/settings`).expect(200);
    expect([(await counted('hit')) - hits, (await counted('miss')) - misses]).toEqual([1, 1]);
    const bytes = sampleValue(await scrapeMetrics(gateway.app), 'gateway_cache_bytes');
    expect(bytes).toBeGreaterThan(1000);
  });
});
