import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RoleResolver } from '../../src/core/auth/role-resolver';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { DEMO } from '../simulator/fixtures';
import { type CapturedLog, startLoggedApp } from '../support/log-capture';
import { sampleValue, scrapeMetrics } from '../support/metrics';
import { ACCOUNTS, startTestSimulator } from '../support/simulator';

const DRIVEWAY_STATE = `/v1/chargers/${DEMO.chargerId('Driveway')}/state`;
const STATE_ROUTE = '/v1/chargers/:id/state';

/**
 * The cache's front door (cache/http/front-door.ts) answers hits before Fastify: these prove a
 * hit it writes looks, logs and counts like an answer through Fastify, and that what it must not
 * answer still reaches Fastify (with CORS on, every request: @fastify/cors adds its headers).
 */
describe('cache front door', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;
  let log: CapturedLog;
  let bearer: string;
  const http = () => request(app.getHttpServer());
  const get = (path: string) => http().get(path).set('authorization', bearer);

  beforeAll(async () => {
    simulator = await startTestSimulator();
    ({ app, log } = await startLoggedApp({ ZAPTEC_API_URL: simulator.url, CACHE_ENABLED: 'true' }));
    const { email, password } = ACCOUNTS.owner;
    const login = await http().post('/v1/auth/login').send({ username: email, password });
    bearer = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it('sends a hit with the headers of the miss that filled it, its own request id and X-Cache HIT', async () => {
    const miss = await get(DRIVEWAY_STATE).set('x-request-id', 'front-miss').expect(200);
    const resolve = jest.spyOn(app.get(RoleResolver), 'resolve');
    const hit = await get(DRIVEWAY_STATE).set('x-request-id', 'front-hit').expect(200);
    expect(resolve).not.toHaveBeenCalled(); // answered before the guard
    resolve.mockRestore();

    expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    const names = (headers: Record<string, string>) =>
      Object.keys(headers)
        .filter((name) => !['date', 'connection', 'keep-alive'].includes(name))
        .sort();
    expect(names(hit.headers)).toEqual(names(miss.headers));
    for (const name of ['content-security-policy', 'strict-transport-security', 'etag'] as const)
      expect(hit.headers[name]).toBe(miss.headers[name]);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers['x-request-id']).toBe('front-hit');
    expect(hit.text).toBe(miss.text);
  });

  it('logs a hit in one request line and times it under its route pattern', async () => {
    await get(DRIVEWAY_STATE).expect(200);
    const count = 'gateway_http_request_duration_seconds_count';
    const labels = { method: 'GET', route: STATE_ROUTE, status: '200' };
    const before = sampleValue(await scrapeMetrics(app), count, labels);

    const hit = await get(DRIVEWAY_STATE).set('x-request-id', 'front-logged').expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');

    expect(sampleValue(await scrapeMetrics(app), count, labels) - before).toBe(1);
    const lines = (await log.lines()).filter((line) => line.reqId === 'front-logged');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        method: 'GET',
        route: STATE_ROUTE,
        status: 200,
        durationMs: expect.any(Number),
        principalId: expect.any(String),
        msg: `GET ${STATE_ROUTE} 200`,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('authorization');
  });

  it('answers a hit whose ETag the caller holds with 304 and no body', async () => {
    const { headers } = await get(DRIVEWAY_STATE).expect(200);
    const again = await get(DRIVEWAY_STATE).set('if-none-match', headers.etag).expect(304);
    expect(again.headers).toMatchObject({ etag: headers.etag, 'x-cache': 'HIT' });
    expect(again.headers['content-length']).toBeUndefined();
    expect(again.text).toBe('');
  });

  it('leaves a GET with a body, and a refused caller, to Fastify and Nest', async () => {
    await get(DRIVEWAY_STATE).expect(200);
    const withBody = await get(DRIVEWAY_STATE).set('content-type', 'application/json').send('{}');
    // Through Fastify's own pipeline: the body parser and the handler's cache answer it.
    expect(withBody.status).toBe(200);
    expect(withBody.headers['x-cache']).toBe('HIT');
    const unsigned = await http().get(DRIVEWAY_STATE).expect(401);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('cache with CORS on', () => {
  it('answers hits through Nest, every answer with the CORS headers', async () => {
    const origin = 'https://app.example.test';
    const simulator = await startTestSimulator();
    const { app } = await startLoggedApp({
      ZAPTEC_API_URL: simulator.url,
      CACHE_ENABLED: 'true',
      CORS_ORIGINS: origin,
    });
    try {
      const http = () => request(app.getHttpServer());
      const { email, password } = ACCOUNTS.owner;
      const login = await http().post('/v1/auth/login').send({ username: email, password });
      const bearer = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
      const miss = await http().get(DRIVEWAY_STATE).set('authorization', bearer).expect(200);
      const hit = await http().get(DRIVEWAY_STATE).set('authorization', bearer).expect(200);
      const browser = await http()
        .get(DRIVEWAY_STATE)
        .set('authorization', bearer)
        .set('origin', origin)
        .expect(200);
      expect([miss, hit, browser].map((answer) => answer.headers['x-cache'])).toEqual([
        'MISS',
        'HIT',
        'HIT',
      ]);
      expect(hit.headers.vary).toBe(miss.headers.vary);
      expect(hit.headers['access-control-expose-headers']).toContain('X-Cache');
      expect(browser.headers['access-control-allow-origin']).toBe(origin);
    } finally {
      await app.close();
      await simulator.close();
    }
  }, 60_000);
});

describe('request lines of cache hits past LOG_HIT_LINES_PER_S', () => {
  it.each([
    ['by the front door', {}],
    ['through Nest (CORS on)', { CORS_ORIGINS: 'https://app.example.test' }],
  ])(
    'are counted, not logged, when answered %s',
    async (_how, env) => {
      const simulator = await startTestSimulator();
      const { app, log } = await startLoggedApp({
        ZAPTEC_API_URL: simulator.url,
        CACHE_ENABLED: 'true',
        LOG_HIT_LINES_PER_S: '0',
        ...env,
      });
      try {
        const http = () => request(app.getHttpServer());
        const { email, password } = ACCOUNTS.owner;
        const login = await http().post('/v1/auth/login').send({ username: email, password });
        const bearer = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
        const read = (id: string) =>
          http().get(DRIVEWAY_STATE).set('authorization', bearer).set('x-request-id', id);
        expect((await read('quiet-miss').expect(200)).headers['x-cache']).toBe('MISS');
        for (let at = 0; at < 5; at += 1) {
          expect((await read(`quiet-hit-${at}`).expect(200)).headers['x-cache']).toBe('HIT');
        }
        await read('quiet-refused').set('authorization', 'Bearer nonsense').expect(401);
      } finally {
        await app.close(); // says the count of the second not yet over
        await simulator.close();
      }
      const lines = await log.lines();
      const ids = lines
        .filter((line) => line.status !== undefined) // request lines (a miss also logs its fetch)
        .map((line) => line.reqId)
        .filter((id) => id?.startsWith('quiet-'));
      expect(ids).toEqual(['quiet-miss', 'quiet-refused']);
      expect(lines.filter((line) => 'hitsNotLogged' in line)).toEqual([
        expect.objectContaining({ level: 30, hitsNotLogged: 5, hitLinesPerSecond: 0 }),
      ]);
    },
    60_000,
  );
});
