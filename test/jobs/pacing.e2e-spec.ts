import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { stableId } from '../../src/simulator/world/ids';
import { FIXED_START } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { ACCOUNTS, simulatorStats, startTestSimulator } from '../support/simulator';
import { eventually, metric } from './ingestion-support';

// Issue 11 (plan §5, §6.7): 150 chargers at the default pace stay within one account's budget.
// Ingestion sends at most INGESTION_MAX_REQUESTS_PER_S (5 of the account's 10 per second) even
// when every charger is due at once (a cold start: the worst case), upstream never answers 429,
// and users' cold reads of the same account meanwhile go first and stay fast.

const SITE_CHARGERS = 150;
const MAX_PER_SECOND = 5; // INGESTION_MAX_REQUESTS_PER_S's default
// Any window of 3 s may hold one call more than 3 × the cap (the fence post: calls start 200 ms
// apart, so 16 can start within 3 s), and answers jitter by a few ms: the slack allowed.
const WINDOW_MS = 3_000;
const SLACK_CALLS = 2;
const depotCharger = (index: number) => stableId(`charger:ZCS1${String(index).padStart(5, '0')}`);

/** The simulator's request count every `everyMs` for `forMs`: [ms since the first, total]. */
async function sampleCalls(simulator: RunningSimulator, forMs: number, everyMs: number) {
  const samples: [number, number][] = [];
  const started = Date.now();
  while (Date.now() - started <= forMs) {
    samples.push([Date.now() - started, (await simulatorStats(simulator)).total]);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return samples;
}

/** The highest rate (calls/s) over any window of at least `windowMs` between two samples. */
function peakRate(samples: readonly [number, number][], windowMs: number): number {
  let peak = 0;
  for (let from = 0; from < samples.length; from++) {
    const to = samples.findIndex(([at]) => at - samples[from][0] >= windowMs);
    if (to < 0) break;
    const [[startAt, startCount], [endAt, endCount]] = [samples[from], samples[to]];
    peak = Math.max(peak, ((endCount - startCount) * 1000) / (endAt - startAt));
  }
  return peak;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe(`ingestion of ${SITE_CHARGERS} chargers at the default pace`, () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    simulator = await startTestSimulator({
      siteChargers: SITE_CHARGERS,
      rateLimit: true,
      clockSpeed: 60,
      historyDays: 14,
      start: FIXED_START,
    });
    // Default intervals (15 s state, 300 s history) and rate; the response cache on, as deployed.
    app = await startTestApp({
      ZAPTEC_API_URL: simulator.url,
      INGESTION_ENABLED: 'true',
      CACHE_ENABLED: 'true',
      ZAPTEC_USERNAME: ACCOUNTS.admin.email,
      ZAPTEC_PASSWORD: ACCOUNTS.admin.password,
    });
  });
  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it('stays within its share of the budget, never meets a 429, and lets users go first', async () => {
    await eventually('the first polls', async () =>
      (await metric(app, 'gateway_ingestion_polls_total', { result: 'fetched' })) > 0
        ? true
        : undefined,
    );
    // Every charger is due at once now: ingestion alone, at its cap.
    const alone = await sampleCalls(simulator, 6_000, 250);
    const aloneCalls = alone.at(-1)![1] - alone[0][1];
    const aloneRate = (aloneCalls * 1000) / alone.at(-1)![0];
    const alonePeak = peakRate(alone, WINDOW_MS);
    expect(alonePeak).toBeLessThanOrEqual(MAX_PER_SECOND + (SLACK_CALLS * 1000) / WINDOW_MS);
    expect(aloneRate).toBeLessThanOrEqual(MAX_PER_SECOND * 1.04);
    // Not idle either: the plan's demand (156 chargers due) keeps it at about its cap.
    expect(aloneRate).toBeGreaterThan(MAX_PER_SECOND * 0.6);

    // Users of the same account meanwhile: a sign-in, then cold reads of chargers not yet polled.
    const http = () => request(app.getHttpServer());
    const login = await http()
      .post('/v1/auth/login')
      .send({ username: ACCOUNTS.admin.email, password: ACCOUNTS.admin.password })
      .expect(200);
    const bearer = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
    const usersFrom = { at: Date.now(), calls: (await simulatorStats(simulator)).total };
    const latencies: number[] = [];
    const caches: string[] = [];
    for (let index = SITE_CHARGERS; index > SITE_CHARGERS - 20; index--) {
      const started = performance.now();
      const read = await http()
        .get(`/v1/chargers/${depotCharger(index)}/state`)
        .set('authorization', bearer);
      latencies.push(performance.now() - started);
      expect(read.status).toBe(200);
      caches.push(String(read.headers['x-cache']));
    }
    // Cold: each read went to upstream (no poll had filled its entry yet).
    expect(caches.every((cache) => cache === 'MISS')).toBe(true);
    latencies.sort((a, b) => a - b);
    const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
    expect(p99).toBeLessThan(1_000);

    const stats = await simulatorStats(simulator);
    // Users and ingestion together (reported; the limiter's own tests bound it, the 429s above prove it).
    const sharedRate = ((stats.total - usersFrom.calls) * 1000) / (Date.now() - usersFrom.at);
    expect(stats.byStatus['429']).toBeUndefined();
    expect(await metric(app, 'gateway_ingestion_errors_total', { source: 'state' })).toBe(0);
    const period = await metric(app, 'gateway_ingestion_state_period_seconds');
    console.log(
      `pacing ${SITE_CHARGERS + 6} chargers: ingestion alone ${aloneRate.toFixed(2)} calls/s ` +
        `(peak ${alonePeak.toFixed(2)}/s over ${WINDOW_MS / 1000} s; cap ${MAX_PER_SECOND}); ` +
        `429s ${stats.byStatus['429'] ?? 0}; cold user reads p50 ${p50.toFixed(0)} ms, ` +
        `p99 ${p99.toFixed(0)} ms (upstream meanwhile ${sharedRate.toFixed(2)} calls/s); ` +
        `effective state period ${period.toFixed(1)} s`,
    );
  });
});
