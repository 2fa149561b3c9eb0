import { RoleResolver } from '../../src/core/auth/role-resolver';
import { DEMO } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { sampleValue, scrapeMetrics } from '../support/metrics';
import { ACCOUNTS } from '../support/simulator';

const PER_USER = 4;
const PER_KEY = 3;
const WINDOW_S = 4;
const DRIVEWAY_STATE = `/v1/chargers/${DEMO.chargerId('Driveway')}/state`;
const OFFICE_1_STATE = `/v1/chargers/${DEMO.chargerId('Office 1')}/state`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-caller limits (issue 13): every authenticated request counts once against its user or
 * key, cached hits answered by the front door included, and past the quota the answer is 429
 * with Retry-After and the IETF RateLimit headers, until the window is over.
 */
describe('rate limits per user and per API key', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      env: {
        CACHE_ENABLED: 'true',
        RATE_LIMIT_PER_USER: String(PER_USER),
        RATE_LIMIT_PER_KEY: String(PER_KEY),
        RATE_LIMIT_WINDOW_S: String(WINDOW_S),
        // The service account partner keys call Zaptec as (the demo admin administers Office).
        ZAPTEC_USERNAME: ACCOUNTS.admin.email,
        ZAPTEC_PASSWORD: ACCOUNTS.admin.password,
      },
    });
  }, 60_000);
  afterAll(() => gateway.close());

  it('counts cached hits too, answers 429 past the quota, and lets the caller in again once the window is over', async () => {
    const owner = await gateway.as('owner');
    const resolve = jest.spyOn(gateway.app.get(RoleResolver), 'resolve');
    const answers = [];
    for (let index = 0; index < PER_USER; index++) answers.push(await owner.get(DRIVEWAY_STATE));
    // One miss through the guard, then hits the front door answered without asking for roles.
    expect(answers.map((answer) => [answer.status, answer.headers['x-cache']])).toEqual([
      [200, 'MISS'],
      ...Array.from({ length: PER_USER - 1 }, () => [200, 'HIT']),
    ]);
    expect(resolve).toHaveBeenCalledTimes(1);
    resolve.mockRestore();
    expect(answers.map((answer) => answer.headers['ratelimit-policy'])).toEqual(
      Array.from({ length: PER_USER }, () => `"per-user";q=${PER_USER};w=${WINDOW_S}`),
    );
    expect(
      answers.map((answer) => /^"per-user";r=(\d+);t=\d+$/.exec(answer.headers.ratelimit)?.[1]),
    ).toEqual(['3', '2', '1', '0']);

    const refused = await owner
      .get(DRIVEWAY_STATE)
      .expect(429)
      .expect('content-type', PROBLEM_JSON);
    expect(refused.body).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      details: { policy: 'per-user', quota: PER_USER, windowSeconds: WINDOW_S },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
    expect(refused.headers.ratelimit).toBe(`"per-user";r=0;t=${retryAfter}`);
    expect(refused.headers['x-cache']).toBeUndefined(); // not the cached answer
    // A route that is not cached is held back by the same quota.
    expect((await owner.get('/v1/installations').expect(429)).body.code).toBe('RATE_LIMITED');

    await sleep(retryAfter * 1000 + 200);
    const again = await owner.get(DRIVEWAY_STATE).expect(200);
    expect(again.headers.ratelimit).toMatch(/^"per-user";r=3;t=\d+$/);
  }, 30_000);

  it("keeps each caller's quota its own: a key has the per-key quota, and another user is not held back", async () => {
    const admin = await gateway.as('admin');
    const minted = await admin
      .post('/v1/api-keys')
      .send({ name: 'Billing', installationIds: [DEMO.office.id], roles: 8 })
      .expect(201);
    const secret = (minted.body as { secret: string }).secret;
    const withKey = () => gateway.http().get(OFFICE_1_STATE).set('x-api-key', secret);
    const before = await scrapeMetrics(gateway.app);

    const statuses = [];
    for (let index = 0; index <= PER_KEY; index++) statuses.push((await withKey()).status);
    expect(statuses).toEqual([...Array.from({ length: PER_KEY }, () => 200), 429]);
    const refused = await withKey().expect(429);
    expect(refused.body.details).toMatchObject({ policy: 'per-key', quota: PER_KEY });
    expect(refused.headers['ratelimit-policy']).toBe(`"per-key";q=${PER_KEY};w=${WINDOW_S}`);

    // The key's creator reads the same charger on the admin's own quota.
    const own = await admin.get(OFFICE_1_STATE).expect(200);
    expect(own.headers['ratelimit-policy']).toMatch(/^"per-user";/);

    const after = await scrapeMetrics(gateway.app);
    const refusals = (samples: typeof after) =>
      sampleValue(samples, 'gateway_rate_limited_total', { policy: 'per-key' });
    expect(refusals(after) - refusals(before)).toBe(2);
  }, 30_000);

  it('never limits what needs no credential, such as the health probe', async () => {
    const probes = await Promise.all(
      Array.from({ length: PER_USER * 3 }, () => gateway.http().get('/health/live')),
    );
    expect(probes.map((probe) => probe.status)).toEqual(probes.map(() => 200));
    expect(probes[0].headers.ratelimit).toBeUndefined();
  });
});
