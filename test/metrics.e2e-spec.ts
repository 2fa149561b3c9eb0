import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DEMO } from './simulator/fixtures';
import { startTestApp } from './support/app';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from './support/gateway';
import { parseMetrics, sampleValue, scrapeMetrics } from './support/metrics';
import { clearFaults, injectFaults, simulatorStats } from './support/simulator';

// Issue 10: GET /metrics (Prometheus text) with the metric names the README lists as a contract,
// open to loopback callers and, with METRICS_TOKEN, to callers presenting it; hidden otherwise.

const METRICS_TOKEN = 'metrics-token-for-the-e2e-suite';
const OFFICE_1 = DEMO.chargerId('Office 1');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CONTRACT = {
  zaptec_upstream_requests_total: 'counter',
  zaptec_upstream_429_total: 'counter',
  zaptec_limiter_queue_depth: 'gauge',
  zaptec_limiter_wait_seconds: 'histogram',
  zaptec_breaker_state: 'gauge',
  gateway_http_request_duration_seconds: 'histogram',
  gateway_cache_requests_total: 'counter',
  gateway_cache_bytes: 'gauge',
  // Issue 11: present on every instance, ingesting or not (a standby reports leader 0).
  gateway_ingestion_leader: 'gauge',
  gateway_ingestion_leader_epoch: 'gauge',
  gateway_ingestion_lag_seconds: 'gauge',
  gateway_ingestion_rows_written_total: 'counter',
  gateway_ingestion_polls_total: 'counter',
  gateway_ingestion_errors_total: 'counter',
  gateway_ingestion_fenced_writes_total: 'counter',
  gateway_ingestion_state_period_seconds: 'gauge',
};

/** GET /metrics as Fastify sees a caller at `remoteAddress` (light-my-request sets the socket). */
async function scrapeFrom(
  app: NestFastifyApplication,
  remoteAddress: string,
  headers: Record<string, string> = {},
  url = '/metrics',
) {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  return fastify.inject({ method: 'GET', url, remoteAddress, headers });
}

describe('GET /metrics', () => {
  let gateway: TestGateway;
  let admin: Awaited<ReturnType<TestGateway['as']>>;
  const upstreamCallsOf = async (route: string) =>
    (await simulatorStats(gateway.simulator)).byRoute[route] ?? 0;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { METRICS_TOKEN } });
    admin = await gateway.as('admin');
    await admin.get('/v1/me').expect(200); // signs in before anything is measured
  });
  afterAll(() => gateway.close());
  afterEach(() => clearFaults(gateway.simulator));

  it("answers a loopback caller in Prometheus' text format with every contract metric", async () => {
    const response = await gateway.http().get('/metrics').expect(200);

    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    for (const [name, type] of Object.entries(CONTRACT)) {
      expect(response.text).toContain(`\n# TYPE ${name} ${type}\n`);
    }
    // Node's process metrics come with them.
    expect(response.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(sampleValue(parseMetrics(response.text), 'zaptec_breaker_state')).toBe(0);
  });

  it('counts the upstream calls of a signed-in request by path pattern and status', async () => {
    const labels = { route: '/api/chargers', status: '200' };
    const before = sampleValue(
      await scrapeMetrics(gateway.app),
      'zaptec_upstream_requests_total',
      labels,
    );
    const callsBefore = await upstreamCallsOf('GET /api/chargers');

    await admin.get('/v1/chargers').expect(200);
    await admin.get('/v1/chargers').expect(200);
    await admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(200);

    const samples = await scrapeMetrics(gateway.app);
    const calls = (await upstreamCallsOf('GET /api/chargers')) - callsBefore;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'zaptec_upstream_requests_total', labels) - before).toBe(calls);
    expect(
      sampleValue(samples, 'zaptec_upstream_requests_total', {
        route: '/api/chargers/{id}/state',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The sign-in's password grant is an upstream call too.
    expect(
      sampleValue(samples, 'zaptec_upstream_requests_total', {
        route: '/oauth/token',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    const routes = samples.filter((sample) => sample.name === 'zaptec_upstream_requests_total');
    expect(routes.filter((sample) => UUID.test(sample.labels.route))).toEqual([]);
  });

  it('times every gateway request by route pattern, never by raw path', async () => {
    const stateLabels = { method: 'GET', route: '/v1/chargers/:id/state', status: '200' };
    const unmatchedLabels = { method: 'GET', route: 'unmatched', status: '404' };
    const count = 'gateway_http_request_duration_seconds_count';
    const before = await scrapeMetrics(gateway.app);

    await admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(200);
    await gateway.http().get(`/v1/nothing-here/${OFFICE_1}`).expect(404);

    const samples = await scrapeMetrics(gateway.app);
    const delta = (labels: Record<string, string>) =>
      sampleValue(samples, count, labels) - sampleValue(before, count, labels);
    expect(delta(stateLabels)).toBe(1);
    expect(delta(unmatchedLabels)).toBe(1);
    const timed = samples.filter((sample) => sample.name.startsWith('gateway_http_request'));
    expect(timed.filter((sample) => UUID.test(sample.labels.route ?? ''))).toEqual([]);
  });

  it('counts the calls waiting in the limiter and how long they waited', async () => {
    // 20 reads at once for one account: the limiter starts 5 per half second, the rest wait
    // (the last five about 1.5 s).
    const count = 'zaptec_limiter_wait_seconds_count';
    const sum = 'zaptec_limiter_wait_seconds_sum';
    const before = await scrapeMetrics(gateway.app);
    let done = false;
    const reads = Promise.all(
      Array.from({ length: 20 }, () => admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(200)),
    ).finally(() => (done = true));
    let deepest = 0;
    while (!done && deepest < 10) {
      const depth = sampleValue(await scrapeMetrics(gateway.app), 'zaptec_limiter_queue_depth');
      deepest = Math.max(deepest, depth);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await reads;

    expect(deepest).toBeGreaterThanOrEqual(10);
    const after = await scrapeMetrics(gateway.app);
    expect(sampleValue(after, 'zaptec_limiter_queue_depth')).toBe(0);
    expect(sampleValue(after, count) - sampleValue(before, count)).toBe(20);
    // At least 5 + 5 + 5 of them waited 0.5, 1 and 1.5 s: 15 s in all, well over 5.
    expect(sampleValue(after, sum) - sampleValue(before, sum)).toBeGreaterThan(5);
  }, 30_000);

  it('counts the 429s Zaptec answers', async () => {
    const route = '/api/chargers/{id}/state';
    const before = await scrapeMetrics(gateway.app);
    const refusedBefore = (await simulatorStats(gateway.simulator)).byStatus['429'] ?? 0;
    await injectFaults(gateway.simulator, { rateLimitStorm: true, paths: ['/api/chargers'] });

    const response = await admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(503);
    expect(response.body.code).toBe('UPSTREAM_RATE_LIMITED');

    const samples = await scrapeMetrics(gateway.app);
    const refused =
      ((await simulatorStats(gateway.simulator)).byStatus['429'] ?? 0) - refusedBefore;
    expect(refused).toBeGreaterThanOrEqual(1);
    const delta = (name: string, labels = {}) =>
      sampleValue(samples, name, labels) - sampleValue(before, name, labels);
    expect(delta('zaptec_upstream_429_total')).toBe(refused);
    expect(delta('zaptec_upstream_requests_total', { route, status: '429' })).toBe(refused);
    // The 429 paused the account (Retry-After: 1): let it pass before the next test.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }, 30_000);

  it('shows the breaker open (2) once Zaptec is down', async () => {
    await injectFaults(gateway.simulator, { outage: true });
    // Three tries per read; the breaker opens after five failures in a row, during the second
    // read, whose last try is then refused without reaching Zaptec (503).
    await admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(502);
    await admin.get(`/v1/chargers/${OFFICE_1}/state`).expect(503);

    const samples = await scrapeMetrics(gateway.app);
    expect(sampleValue(samples, 'zaptec_breaker_state')).toBe(2);
    expect(
      sampleValue(samples, 'zaptec_upstream_requests_total', {
        route: '/api/chargers/{id}/state',
        status: 'error',
      }),
    ).toBeGreaterThanOrEqual(5);
  }, 30_000);

  describe('access with METRICS_TOKEN set', () => {
    it('answers loopback callers without a token, by IPv4, IPv6 or IPv4-mapped address', async () => {
      for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        expect({ address, status: (await scrapeFrom(gateway.app, address)).statusCode }).toEqual({
          address,
          status: 200,
        });
      }
    });

    it('answers a caller elsewhere that presents the token', async () => {
      const response = await scrapeFrom(gateway.app, '10.0.0.5', {
        authorization: `Bearer ${METRICS_TOKEN}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('# TYPE zaptec_upstream_requests_total counter');
    });

    it.each([
      ['no token', {}],
      ['a wrong token', { authorization: 'Bearer metrics-token-for-another-suite' }],
      ['a prefix of the token', { authorization: `Bearer ${METRICS_TOKEN.slice(0, 16)}` }],
      ['the token without Bearer', { authorization: METRICS_TOKEN }],
    ])('answers a caller elsewhere with %s as if the route did not exist', async (_, headers) => {
      const response = await scrapeFrom(gateway.app, '10.0.0.5', headers);
      const unknown = await scrapeFrom(gateway.app, '10.0.0.5', headers, '/metrix');

      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).not.toContain('zaptec_');
      const { requestId: _id, instance, detail, ...problem } = response.json();
      const { requestId: _other, ...unknownProblem } = unknown.json();
      expect({ ...problem, instance, detail }).toEqual({
        ...unknownProblem,
        instance: '/metrics',
        detail: 'Cannot GET /metrics',
      });
    });

    it('does not take a loopback request that came through a proxy as local', async () => {
      const proxied = { 'x-forwarded-for': '203.0.113.7' };
      expect((await scrapeFrom(gateway.app, '127.0.0.1', proxied)).statusCode).toBe(404);
      expect(
        (await scrapeFrom(gateway.app, '::1', { forwarded: 'for=203.0.113.7' })).statusCode,
      ).toBe(404);
      const withToken = { ...proxied, authorization: `Bearer ${METRICS_TOKEN}` };
      expect((await scrapeFrom(gateway.app, '127.0.0.1', withToken)).statusCode).toBe(200);
    });

    it('is not in the OpenAPI document', async () => {
      const document = (await gateway.http().get('/docs-json').expect(200)).body;
      expect(Object.keys(document.paths)).not.toContain('/metrics');
    });
  });

  describe('access without METRICS_TOKEN', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('answers loopback only: a caller elsewhere gets 404 whatever it sends', async () => {
      await request(app.getHttpServer()).get('/metrics').expect(200);
      expect((await scrapeFrom(app, '10.0.0.5')).statusCode).toBe(404);
      const guessed = { authorization: `Bearer ${METRICS_TOKEN}` };
      expect((await scrapeFrom(app, '10.0.0.5', guessed)).statusCode).toBe(404);
    });
  });
});
