import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { LEADER_APPLICATION_NAME } from '../../src/jobs/ingestion/leader-election';
import { startTestApp } from '../support/app';
import { createTestDatabase, withAdminClient } from '../support/database';
import { startTestSimulator } from '../support/simulator';
import { eventually, FAST_INGESTION, metric } from './ingestion-support';

// Issue 11 (plan §6.4): two gateways on one database ingest with one leader; leadership moves
// within one interval when the leader stops or loses its session.

const leading = (app: NestFastifyApplication) => metric(app, 'gateway_ingestion_leader');
const epochOf = (app: NestFastifyApplication) => metric(app, 'gateway_ingestion_leader_epoch');
const STATE_CALLS = { route: '/api/chargers/{id}/state', status: '200' };

describe('ingestion leadership across two gateways on one database', () => {
  let simulator: RunningSimulator;
  let databaseUrl: string;
  const apps: NestFastifyApplication[] = [];
  const start = async () => {
    const app = await startTestApp({
      ...FAST_INGESTION,
      ZAPTEC_API_URL: simulator.url,
      DATABASE_URL: databaseUrl,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    simulator = await startTestSimulator();
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await simulator.close();
  });

  it('has exactly one leader, and only it calls upstream for state', async () => {
    const [first, second] = [await start(), await start()];
    await eventually('a leader', async () =>
      (await leading(first)) + (await leading(second)) === 1 ? true : undefined,
    );
    const leader = (await leading(first)) === 1 ? first : second;
    const standby = leader === first ? second : first;
    await eventually('polls', async () =>
      (await metric(leader, 'zaptec_upstream_requests_total', STATE_CALLS)) > 5 ? true : undefined,
    );
    for (let sample = 0; sample < 10; sample++) {
      expect([await leading(leader), await leading(standby)]).toEqual([1, 0]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await metric(standby, 'zaptec_upstream_requests_total', STATE_CALLS)).toBe(0);
  });

  it('moves leadership to the standby within one interval when the leader stops', async () => {
    const [first, second] = apps;
    const leader = (await leading(first)) === 1 ? first : second;
    const standby = leader === first ? second : first;
    const epoch = await epochOf(leader);
    const stoppedAt = Date.now();
    await leader.close();
    apps.splice(apps.indexOf(leader), 1);
    await eventually(
      'the standby leads',
      async () => ((await leading(standby)) === 1 ? true : undefined),
      5_000,
    );
    // One interval is 1 s here; the standby retries every half interval.
    expect(Date.now() - stoppedAt).toBeLessThan(2_500);
    expect(await epochOf(standby)).toBe(epoch + 1);
    const polls = await metric(standby, 'zaptec_upstream_requests_total', STATE_CALLS);
    await eventually('polls by the new leader', async () =>
      (await metric(standby, 'zaptec_upstream_requests_total', STATE_CALLS)) > polls
        ? true
        : undefined,
    );
  });

  it("ends leadership at once when the leader's own database session is killed, then wins it again with a new epoch", async () => {
    const [leader] = apps;
    const epoch = await epochOf(leader);
    const terminated = await withAdminClient(async (client) => {
      const { rowCount } = await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = $1 AND datname = $2`,
        [LEADER_APPLICATION_NAME, new URL(databaseUrl).pathname.slice(1)],
      );
      return rowCount;
    });
    expect(terminated).toBe(1);
    await eventually(
      'a new epoch',
      async () => ((await epochOf(leader)) === epoch + 1 ? true : undefined),
      5_000,
    );
    expect(await leading(leader)).toBe(1);
    expect(await metric(leader, 'gateway_ingestion_errors_total', { source: 'leader' })).toBe(0);
  });
});
