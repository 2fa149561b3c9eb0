import { rm } from 'node:fs/promises';
import { Pool } from 'pg';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { DEMO, FIXED_START } from '../simulator/fixtures';
import { createTestDatabase } from '../support/database';
import { exitOf, type GatewayProcess, startGatewayProcess } from '../support/gateway-process';
import { parseMetrics, sampleValue } from '../support/metrics';
import { clearFaults, injectFaults, startTestSimulator } from '../support/simulator';
import { makeDataDir } from '../support/temp-dir';
import { eventually, FAST_INGESTION } from './ingestion-support';
import {
  allStored,
  expectedSessions,
  repeatedValues,
  sessionCount,
  changesAcross,
  type StoredValue,
  storedSessions,
  untilCaughtUp,
  worldValues,
} from './resilience-support';

// Issue 11 (plan §6.2): the gateway killed with SIGKILL mid-ingestion (charge history half
// stored) and restarted on the same database ends with exactly the simulator's sessions (none
// lost, none twice) and observations that are only changes; the restart leads with a new epoch.

const OFFICE = DEMO.office.id;
const OFFICE_CHARGERS = [
  'Office 1',
  'Office 2',
  'Office 3',
  'Office 4',
  'Office 5',
  'Office 6',
].map((name) => DEMO.chargerId(name));
// Slow pages of 100 sessions: the first commits, the others are still to come when it dies.
const SLOW_HISTORY = { latencyMs: 1500, paths: ['/api/chargehistory'] };

async function metricOf(gateway: GatewayProcess, name: string): Promise<number> {
  const response = await fetch(`${gateway.url}/metrics`);
  return sampleValue(parseMetrics(await response.text()), name);
}

describe('ingestion killed with SIGKILL mid-ingestion and restarted', () => {
  let simulator: RunningSimulator;
  let pool: Pool;
  let dataDir: string;
  let env: Record<string, string>;
  const gateways: GatewayProcess[] = [];
  const start = async () => {
    const gateway = await startGatewayProcess(env);
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    simulator = await startTestSimulator({ start: FIXED_START });
    const databaseUrl = await createTestDatabase();
    pool = new Pool({ connectionString: databaseUrl });
    dataDir = await makeDataDir('crash-restart');
    env = {
      ...FAST_INGESTION,
      ZAPTEC_API_URL: simulator.url,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      // A poll after a clock step must see upstream, not a 15 s old cache entry.
      CACHE_TTL_STATE_S: '1',
    };
  });
  afterAll(async () => {
    for (const { child } of gateways) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exitOf(child);
      }
    }
    await pool?.end();
    await simulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing', async () => {
    const expectedAtStart = expectedSessions(simulator, OFFICE);
    expect(expectedAtStart.length).toBeGreaterThan(200); // three pages at least
    // The clock is stopped until after the restart: the world's values are one snapshot.
    const snapshots: StoredValue[][] = [worldValues(simulator, OFFICE_CHARGERS)];

    await injectFaults(simulator, SLOW_HISTORY);
    const first = await start();
    const partial = await eventually(
      'some but not all Office sessions stored',
      async () => {
        const count = await sessionCount(pool, OFFICE);
        return count > 0 && count < expectedAtStart.length ? count : undefined;
      },
      30_000,
    );
    first.child.kill('SIGKILL');
    await exitOf(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    // Nothing more arrived after the kill, and the cursor is the one its last page committed.
    const afterKill = await sessionCount(pool, OFFICE);
    expect(afterKill).toBeGreaterThanOrEqual(partial);
    expect(afterKill).toBeLessThan(expectedAtStart.length);

    await clearFaults(simulator);
    const second = await start();
    await eventually(
      'every Office session after the restart',
      async () => ((await sessionCount(pool, OFFICE)) >= expectedAtStart.length ? true : undefined),
      20_000,
    );
    await untilCaughtUp(pool, simulator, OFFICE_CHARGERS);

    // Time moves on twice: sessions end (723 and a new history entry), values change.
    for (let step = 0; step < 2; step++) {
      await fetch(`${simulator.url}/__sim/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 3 * 3600 }),
      });
      snapshots.push(worldValues(simulator, OFFICE_CHARGERS));
      await untilCaughtUp(pool, simulator, OFFICE_CHARGERS);
    }
    const expected = expectedSessions(simulator, OFFICE);
    expect(expected.length).toBeGreaterThan(expectedAtStart.length);
    await eventually('the sessions that ended meanwhile', async () =>
      (await sessionCount(pool, OFFICE)) >= expected.length ? true : undefined,
    );

    const stored = await storedSessions(pool, OFFICE);
    expect(stored.map(({ id, startedAt, energyKwh }) => ({ id, startedAt, energyKwh }))).toEqual(
      expected,
    );
    expect(stored.every((session) => (session.sources & 2) === 2)).toBe(true);
    const cursor = await pool.query<{ position: Date; epoch: string }>(
      `SELECT position, epoch FROM "SyncCursor" WHERE source = 'CHARGE_HISTORY' AND "scopeId" = $1`,
      [OFFICE],
    );
    expect(cursor.rows[0].position.toISOString()).toBe(expected.at(-1)?.startedAt);

    // Only changes, across the restart: each value the world held once, none repeated, none lost.
    expect(await repeatedValues(pool)).toBe(0);
    expect(await allStored(pool, OFFICE_CHARGERS)).toEqual(changesAcross(snapshots));

    const leader = await pool.query<{ epoch: string }>(
      `SELECT epoch FROM "IngestionLeader" WHERE name = 'ingestion'`,
    );
    expect(Number(leader.rows[0].epoch)).toBe(2);
    expect(Number(cursor.rows[0].epoch)).toBe(2);
    expect(await metricOf(second, 'gateway_ingestion_leader_epoch')).toBe(2);
  });
});
