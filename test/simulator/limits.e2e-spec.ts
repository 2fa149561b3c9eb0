import type { RunningSimulator } from '../../src/simulator/simulator';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import { passwordGrant, sleep, tokenRequest } from './fixtures';

// Zaptec's per-user limit (zaptec-api.md §8): 10 requests/s, burst 15, no queueing → nginx 429
// with Retry-After: 1. Token lifetime (§2): a token stops working after expires_in.

describe('per-user token bucket', () => {
  let simulator: RunningSimulator;
  let admin: string;
  let service: string;

  beforeAll(async () => {
    simulator = await startTestSimulator();
    admin = await loginAs(simulator, 'admin');
    service = await loginAs(simulator, 'service');
    // Open the keep-alive connections first (constants cost no tokens), so the bursts below arrive
    // within a few milliseconds and the bucket refills by far less than one token meanwhile.
    await Promise.all(
      Array.from({ length: 16 }, () => call(simulator, undefined, 'GET', '/api/constants')),
    );
  });
  afterAll(() => simulator.close());

  it('answers the 16th request of a burst with 429 and Retry-After: 1', async () => {
    // One request after another until the first 429. The bucket refills 10 tokens per second of
    // real time, so on a loaded machine a slow burst earns a token or two: those are allowed,
    // nothing else (a limit that answers too early or never fails).
    const started = performance.now();
    const responses = [];
    while (responses.length < 60 && responses.at(-1)?.status !== 429) {
      responses.push(await call(simulator, admin, 'GET', '/api/installation'));
    }
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 10);
    const limited = responses[responses.length - 1];
    expect(limited.status).toBe(429);
    const answered = responses.length - 1;
    expect(responses.slice(0, answered).every((response) => response.status === 200)).toBe(true);
    expect(answered).toBeGreaterThanOrEqual(15);
    expect(answered).toBeLessThanOrEqual(15 + refilled);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(limited.text).toContain('<title>429 Too Many Requests</title>');
    expect(limited.text).toContain('nginx/1.29.0');
  });

  it('leaves another account’s bucket untouched', async () => {
    const statuses = await Promise.all(
      Array.from(
        { length: 15 },
        async () => (await call(simulator, service, 'GET', '/api/chargers')).status,
      ),
    );
    expect(statuses).toEqual(Array(15).fill(200));
  });

  it('refills at 10 requests per second, not the whole burst at once', async () => {
    // Empty the bucket, wait 1.1 s (about 11 tokens), then try a full burst of 15.
    await Promise.all(
      Array.from({ length: 16 }, () => call(simulator, admin, 'GET', '/api/chargers')),
    );
    await sleep(1_100);
    const statuses = await Promise.all(
      Array.from(
        { length: 15 },
        async () => (await call(simulator, admin, 'GET', '/api/chargers')).status,
      ),
    );
    const passed = statuses.filter((status) => status === 200).length;
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThanOrEqual(13);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 429)).toBe(
      true,
    );
  });

  it('never limits /api/constants, which is served without the bearer check', async () => {
    const drained = await Promise.all(
      Array.from(
        { length: 16 },
        async () => (await call(simulator, admin, 'GET', '/api/chargers')).status,
      ),
    );
    expect(drained).toContain(429);
    const statuses = await Promise.all(
      Array.from(
        { length: 30 },
        async () => (await call(simulator, admin, 'GET', '/api/constants')).status,
      ),
    );
    expect(statuses).toEqual(Array(30).fill(200));
  });
});

describe('token lifetime', () => {
  it('stops accepting a token once its expires_in has passed', async () => {
    const simulator = await startTestSimulator({ tokenTtlSeconds: 1 });
    try {
      const login = await tokenRequest(simulator, passwordGrant('owner'));
      expect(login.json.expires_in).toBe(1);
      const token = login.json.access_token as string;
      expect((await call(simulator, token, 'GET', '/api/installation')).status).toBe(200);
      await sleep(1_200);
      const expired = await call(simulator, token, 'GET', '/api/installation');
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer');
      expect(expired.text).toBe('');
      // A fresh password grant works again (there is no refresh, §2).
      const again = await tokenRequest(simulator, passwordGrant('owner'));
      expect(again.status).toBe(200);
      expect(
        (await call(simulator, again.json.access_token, 'GET', '/api/installation')).status,
      ).toBe(200);
    } finally {
      await simulator.close();
    }
  });
});
