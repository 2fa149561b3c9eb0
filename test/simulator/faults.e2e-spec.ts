import { Obs } from '../../src/simulator/world/observations';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { ACCOUNTS, call, loginAs, startTestSimulator } from '../support/simulator';
import { DEMO, JSON_TYPE, passwordGrant, stateOf, tokenRequest } from './fixtures';

// The control surface (/__sim/*): injected faults that look like Zaptec's real failures
// (zaptec-api.md §8), request statistics and reset.

const OFFICE_1 = DEMO.chargerId('Office 1');
const NO_FAULTS = {
  latencyMs: 0,
  errorRate: 0,
  errorKind: 'zaptec-500',
  rateLimitStorm: false,
  hang: false,
  outage: false,
  paths: [],
};

describe('/__sim/faults', () => {
  let simulator: RunningSimulator;
  let admin: string;
  const setFaults = async (faults: object) => {
    const response = await call(simulator, undefined, 'POST', '/__sim/faults', faults);
    if (response.status !== 200) throw new Error(`faults: ${response.status} ${response.text}`);
    return response.json;
  };
  const installations = () => call(simulator, admin, 'GET', '/api/installation');

  beforeAll(async () => {
    simulator = await startTestSimulator({ rateLimit: false });
    admin = await loginAs(simulator, 'admin');
  });
  afterEach(() => call(simulator, undefined, 'DELETE', '/__sim/faults'));
  afterAll(() => simulator.close());

  it('starts without faults', async () => {
    const response = await call(simulator, undefined, 'GET', '/__sim/faults');
    expect(response.status).toBe(200);
    expect(response.json).toEqual(NO_FAULTS);
  });

  it('adds latencyMs before every answer', async () => {
    await setFaults({ latencyMs: 300 });
    const started = performance.now();
    const response = await installations();
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.json.Data[0].Name).toBe('Office');
    expect(elapsed).toBeGreaterThanOrEqual(290);
  });

  it.each([
    [
      'zaptec-500',
      500,
      JSON_TYPE,
      (text: string) =>
        expect(JSON.parse(text)).toEqual({
          Code: 500,
          Details: expect.any(String),
          StackTrace: null,
        }),
    ],
    ['empty-500', 500, null, (text: string) => expect(text).toBe('')],
    [
      '502',
      502,
      'text/html',
      (text: string) => expect(text).toContain('<title>502 Bad Gateway</title>'),
    ],
    [
      '503',
      503,
      'text/html',
      (text: string) =>
        expect(text).toContain('<title>503 Service Temporarily Unavailable</title>'),
    ],
    [
      '504',
      504,
      'text/html',
      (text: string) => expect(text).toContain('<title>504 Gateway Time-out</title>'),
    ],
  ])(
    'answers every request with errorRate 1 and errorKind %s as %i with its real body',
    async (errorKind, status, type, checkBody) => {
      await setFaults({ errorRate: 1, errorKind });
      for (const response of [
        await installations(),
        await tokenRequest(simulator, passwordGrant('driver')),
      ]) {
        expect(response.status).toBe(status);
        if (type) expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type}`));
        else expect(response.headers.get('content-length')).toBe('0');
        if (type === 'text/html') expect(response.text).toContain('nginx/1.29.0');
        expect(response.headers.get('retry-after')).toBeNull();
        checkBody(response.text);
      }
    },
  );

  it('fails only some requests with errorRate 0.5', async () => {
    await setFaults({ errorRate: 0.5, errorKind: '502' });
    const statuses = new Set<number>();
    for (let index = 0; index < 40; index += 1) statuses.add((await installations()).status);
    expect([...statuses].sort()).toEqual([200, 502]);
  });

  it('answers every request with 429 and Retry-After: 1 in a rateLimitStorm', async () => {
    await setFaults({ rateLimitStorm: true });
    for (const response of [
      await installations(),
      await call(simulator, undefined, 'GET', '/api/constants'),
    ]) {
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.text).toContain('<title>429 Too Many Requests</title>');
    }
  });

  it('never answers a request while hang is set', async () => {
    await setFaults({ hang: true });
    const request = fetch(`${simulator.url}/api/installation`, {
      headers: { authorization: `Bearer ${admin}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    // The control surface stays reachable.
    expect((await call(simulator, undefined, 'GET', '/__sim/faults')).json.hang).toBe(true);
  });

  it('cuts the connection without an answer during an outage', async () => {
    await call(simulator, undefined, 'DELETE', '/__sim/stats');
    await setFaults({ outage: true });
    await expect(
      fetch(`${simulator.url}/api/installation`, {
        headers: { authorization: `Bearer ${admin}` },
        signal: AbortSignal.timeout(2_000),
      }),
    ).rejects.toThrow('fetch failed');
    await expect(
      fetch(`${simulator.url}/oauth/token`, { method: 'POST', signal: AbortSignal.timeout(2_000) }),
    ).rejects.toThrow('fetch failed');
    // The control surface answers however it is spelled, and counts the cut requests as status 0.
    const stats = await call(simulator, undefined, 'GET', '/__SIM/Stats');
    expect(stats.status).toBe(200);
    expect(stats.json.byRoute).toMatchObject({
      'GET /api/installation': 1,
      'POST /oauth/token': 1,
    });
    expect(stats.json.byStatus).toMatchObject({ '0': 2 });
  });

  it('limits faults to the given path prefixes, case-insensitively', async () => {
    await setFaults({ errorRate: 1, errorKind: '503', paths: ['/api/chargers'] });
    expect((await call(simulator, admin, 'GET', '/api/chargers')).status).toBe(503);
    expect((await call(simulator, admin, 'GET', `/API/Chargers/${OFFICE_1}/state`)).status).toBe(
      503,
    );
    expect((await installations()).status).toBe(200);
    expect((await call(simulator, admin, 'GET', '/api/chargehistory')).status).toBe(200);
    expect((await call(simulator, undefined, 'GET', '/api/constants')).status).toBe(200);
  });

  it('clears every fault with DELETE', async () => {
    await setFaults({ rateLimitStorm: true, latencyMs: 50, paths: ['/api'] });
    expect((await installations()).status).toBe(429);
    const cleared = await call(simulator, undefined, 'DELETE', '/__sim/faults');
    expect(cleared.status).toBe(200);
    expect(cleared.json).toEqual(NO_FAULTS);
    expect((await installations()).status).toBe(200);
  });

  it('replaces the whole fault set on POST and echoes it', async () => {
    await setFaults({ rateLimitStorm: true });
    const echoed = await setFaults({ latencyMs: 10 });
    expect(echoed).toEqual({ ...NO_FAULTS, latencyMs: 10, revokedTokens: 0 });
    expect((await installations()).status).toBe(200);
  });

  it.each([
    ['an errorRate above 1', { errorRate: 2 }],
    ['an unknown errorKind', { errorRate: 1, errorKind: '500' }],
    ['a negative latency', { latencyMs: -1 }],
    ['an unknown field', { errorRate: 1, explode: true }],
    ['paths as a string', { errorRate: 1, paths: '/api' }],
    ['a non-boolean revokeTokens', { revokeTokens: 'yes' }],
    ['revokeTokens with an invalid fault', { revokeTokens: true, errorRate: 5 }],
  ])('refuses %s with 400 and changes nothing', async (_label, body) => {
    const active = { ...NO_FAULTS, latencyMs: 1, paths: ['/api/session'] };
    await setFaults(active);
    const response = await call(simulator, undefined, 'POST', '/__sim/faults', body);
    expect(response.status).toBe(400);
    expect(response.json).toHaveProperty('error');
    expect((await call(simulator, undefined, 'GET', '/__sim/faults')).json).toEqual(active);
    expect((await installations()).status).toBe(200);
  });
});

describe('/__sim/faults revokeTokens', () => {
  it('revokes every issued token: their next request is 401', async () => {
    const simulator = await startTestSimulator({ rateLimit: false });
    try {
      const owner = await loginAs(simulator, 'owner');
      const driver = await loginAs(simulator, 'driver');
      expect((await call(simulator, owner, 'GET', '/api/installation')).status).toBe(200);
      const response = await call(simulator, undefined, 'POST', '/__sim/faults', {
        revokeTokens: true,
      });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ ...NO_FAULTS, revokedTokens: 2 });
      for (const token of [owner, driver]) {
        const after = await call(simulator, token, 'GET', '/api/installation');
        expect(after.status).toBe(401);
        expect(after.headers.get('www-authenticate')).toBe('Bearer');
      }
      // New logins work at once (other accounts; the same one would meet the 1 s login limit).
      const admin = await loginAs(simulator, 'admin');
      expect((await call(simulator, admin, 'GET', '/api/installation')).status).toBe(200);
    } finally {
      await simulator.close();
    }
  });
});

describe('/__sim/stats', () => {
  let simulator: RunningSimulator;
  let admin: string;
  let driver: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({ rateLimit: false });
    admin = await loginAs(simulator, 'admin');
    driver = await loginAs(simulator, 'driver');
  });
  afterAll(() => simulator.close());

  it('counts the login requests made so far', async () => {
    const stats = await call(simulator, undefined, 'GET', '/__sim/stats');
    expect(stats.status).toBe(200);
    expect(stats.json).toEqual({
      total: 2,
      byRoute: { 'POST /oauth/token': 2 },
      byAccount: { anonymous: 2 },
      byStatus: { '200': 2 },
    });
  });

  it('resets to zero with DELETE', async () => {
    const reset = await call(simulator, undefined, 'DELETE', '/__sim/stats');
    expect(reset.status).toBe(200);
    expect(reset.json).toEqual({ total: 0, byRoute: {}, byAccount: {}, byStatus: {} });
  });

  it('counts upstream requests per route, per account and per status, but not /__sim', async () => {
    await call(simulator, undefined, 'DELETE', '/__sim/stats');
    await call(simulator, admin, 'GET', '/api/chargers');
    await call(simulator, admin, 'GET', '/api/chargers');
    await call(simulator, admin, 'GET', `/api/chargers/${OFFICE_1}/state`);
    await call(simulator, driver, 'GET', `/api/chargers/${OFFICE_1}/state`);
    await call(simulator, undefined, 'GET', '/api/installation');
    await call(simulator, undefined, 'GET', '/api/constants');
    await call(simulator, undefined, 'GET', '/__sim/faults');
    await call(simulator, undefined, 'GET', '/__sim/clock');

    const stats = await call(simulator, undefined, 'GET', '/__sim/stats');
    expect(stats.json).toEqual({
      total: 6,
      byRoute: {
        'GET /api/chargers': 2,
        'GET /api/chargers/:id/state': 2,
        'GET /api/installation': 1,
        'GET /api/constants': 1,
      },
      byAccount: {
        [ACCOUNTS.admin.email]: 3,
        [ACCOUNTS.driver.email]: 1,
        anonymous: 2,
      },
      byStatus: { '200': 4, '401': 1, '403': 1 },
    });
  });
});

describe('/__sim/reset', () => {
  it('restores the demo world and clears tokens, faults, stats and the login limit', async () => {
    const simulator = await startTestSimulator({ rateLimit: false });
    try {
      const admin = await loginAs(simulator, 'admin');
      const original = (await stateOf(simulator, admin, OFFICE_1)).get(Obs.MaxCurrent);
      await call(simulator, admin, 'POST', `/api/chargers/${OFFICE_1}/update`, {
        maxChargeCurrent: 7,
      });
      expect((await stateOf(simulator, admin, OFFICE_1)).get(Obs.MaxCurrent)).toBe('7.000');
      await call(simulator, undefined, 'POST', '/__sim/faults', { latencyMs: 5 });

      const reset = await call(simulator, undefined, 'POST', '/__sim/reset');
      expect(reset.status).toBe(200);
      expect(reset.json).toEqual({ reset: true, now: expect.any(String) });
      expect(Number.isNaN(Date.parse(reset.json.now))).toBe(false);

      expect((await call(simulator, admin, 'GET', '/api/installation')).status).toBe(401);
      expect((await call(simulator, undefined, 'GET', '/__sim/faults')).json).toEqual(NO_FAULTS);
      expect((await call(simulator, undefined, 'GET', '/__sim/stats')).json.total).toBe(1);
      const again = await loginAs(simulator, 'admin'); // within a second of the first login
      expect((await stateOf(simulator, again, OFFICE_1)).get(Obs.MaxCurrent)).toBe(original);
    } finally {
      await simulator.close();
    }
  });
});
