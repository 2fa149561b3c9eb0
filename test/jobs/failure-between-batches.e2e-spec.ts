import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Pool } from 'pg';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { DEMO, FIXED_START } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { clearFaults, injectFaults, startTestSimulator } from '../support/simulator';
import { eventually, FAST_INGESTION, metric } from './ingestion-support';
import {
  expectedSessions,
  repeatedValues,
  sessionCount,
  storedSessions,
  untilCaughtUp,
} from './resilience-support';

// Issue 11 (plan §6.3): a failure between two batches, upstream (a history page answered 503
// after the page before it committed) or in the database (the backend of an ingestion
// transaction terminated after its rows, before its cursor), leaves the same final rows: none
// lost, none twice, and the cursor always that of the last committed page.

const OFFICE = DEMO.office.id;
const OFFICE_1 = DEMO.chargerId('Office 1');
const OFFICE_CHARGERS = [
  'Office 1',
  'Office 2',
  'Office 3',
  'Office 4',
  'Office 5',
  'Office 6',
].map((name) => DEMO.chargerId(name));

async function historyCursor(pool: Pool): Promise<Date | undefined> {
  const { rows } = await pool.query<{ position: Date }>(
    `SELECT position FROM "SyncCursor" WHERE source = 'CHARGE_HISTORY' AND "scopeId" = $1`,
    [OFFICE],
  );
  return rows[0]?.position;
}

async function newestStoredStart(pool: Pool): Promise<Date | undefined> {
  const { rows } = await pool.query<{ newest: Date | null }>(
    `SELECT max("startedAt") AS newest FROM "ChargeSession" WHERE "installationId" = $1`,
    [OFFICE],
  );
  return rows[0]?.newest ?? undefined;
}

describe('ingestion after a failure between batches', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;
  let pool: Pool;

  beforeAll(async () => {
    simulator = await startTestSimulator({ start: FIXED_START });
    // Slowed before the gateway starts: its first history run pages at this pace.
    await injectFaults(simulator, { latencyMs: 800, paths: ['/api/chargehistory'] });
    const databaseUrl = await createTestDatabase();
    pool = new Pool({ connectionString: databaseUrl });
    app = await startTestApp({
      ...FAST_INGESTION,
      ZAPTEC_API_URL: simulator.url,
      DATABASE_URL: databaseUrl,
      CACHE_ENABLED: 'true',
      CACHE_TTL_STATE_S: '1',
    });
  });
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await simulator?.close();
  });

  it('resumes after upstream fails between history pages: the same rows, each once', async () => {
    const expected = expectedSessions(simulator, OFFICE);
    expect(expected.length).toBeGreaterThan(200); // three pages at least
    await eventually('the first page committed', async () =>
      (await historyCursor(pool)) ? true : undefined,
    );
    // Every later page now fails (503, after the client's retries) until the faults clear.
    await injectFaults(simulator, {
      errorRate: 1,
      errorKind: '503',
      paths: ['/api/chargehistory'],
    });
    await eventually('a failed history run', async () =>
      (await metric(app, 'gateway_ingestion_errors_total', { source: 'history' })) > 0
        ? true
        : undefined,
    );
    const partial = await sessionCount(pool, OFFICE);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.length);
    // The cursor is the newest start of what committed: rows and cursor moved together.
    expect((await historyCursor(pool))?.toISOString()).toBe(
      (await newestStoredStart(pool))?.toISOString(),
    );

    await clearFaults(simulator);
    await eventually('every Office session', async () =>
      (await sessionCount(pool, OFFICE)) >= expected.length ? true : undefined,
    );
    const stored = await storedSessions(pool, OFFICE);
    expect(stored.map(({ id, startedAt, energyKwh }) => ({ id, startedAt, energyKwh }))).toEqual(
      expected,
    );
    expect((await historyCursor(pool))?.toISOString()).toBe(expected.at(-1)?.startedAt);
    // Re-read pages changed nothing: each session was written exactly once.
    expect(await metric(app, 'gateway_ingestion_rows_written_total', { table: 'session' })).toBe(
      expected.length,
    );
  });

  it('loses nothing when the database ends an ingestion transaction between its rows and its cursor', async () => {
    await untilCaughtUp(pool, simulator, OFFICE_CHARGERS);
    const before = {
      sessions: await sessionCount(pool, OFFICE),
      historyErrors: await metric(app, 'gateway_ingestion_errors_total', { source: 'history' }),
      stateErrors: await metric(app, 'gateway_ingestion_errors_total', { source: 'state' }),
    };
    // Our own transaction holds the Office history cursor and Office 1's state cursor: an
    // ingestion transaction writes its rows, then waits for that row, where it is terminated.
    const locker = new Client({ connectionString: pool.options.connectionString });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(
        `SELECT 1 FROM "SyncCursor" WHERE (source = 'CHARGE_HISTORY' AND "scopeId" = $1)
           OR (source = 'CHARGER_STATE' AND "scopeId" = $2) FOR UPDATE`,
        [OFFICE, OFFICE_1],
      );
      await fetch(`${simulator.url}/__sim/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 3 * 3600 }),
      });
      // A value no step produces, so exactly one row of it must end up stored.
      const placed = simulator.context.world.charger(OFFICE_1);
      placed?.charger.states.change(708, '13.000', simulator.context.world.clock.nowMs() + 1_000);
      const steppedAt = (await pool.query<{ now: Date }>('SELECT now()')).rows[0].now;
      const expected = expectedSessions(simulator, OFFICE);
      expect(expected.length).toBeGreaterThan(before.sessions);

      // Terminated until one history transaction and one Office 1 poll, both begun after the
      // step (so holding its new sessions and the changed value), have been ended mid-way.
      const ended = { history: false, poll: false };
      await eventually('an ended history transaction and an ended poll', async () => {
        const { rows } = await pool.query<{
          pid: number;
          fresh: boolean;
          observations: boolean;
          sessions: boolean;
        }>(
          `SELECT a.pid, a.xact_start > $1 AS fresh,
                  bool_or(c.relname = 'Observation') AS observations,
                  bool_or(c.relname = 'ChargeSession') AS sessions
           FROM pg_stat_activity a
           JOIN pg_locks l ON l.pid = a.pid AND l.granted
           JOIN pg_class c ON c.oid = l.relation
           WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'
             AND a.pid <> pg_backend_pid()
           GROUP BY a.pid, a.xact_start`,
          [steppedAt],
        );
        for (const row of rows) {
          await pool.query('SELECT pg_terminate_backend($1)', [row.pid]);
          if (row.fresh && row.observations) ended.poll = true;
          if (row.fresh && row.sessions && !row.observations) ended.history = true;
        }
        return ended.history && ended.poll ? true : undefined;
      });
      // Their rows went with them: no history-written new session, no changed value.
      const newIds = expected.slice(before.sessions).map((session) => session.id);
      const { rows: fromHistory } = await pool.query(
        `SELECT id FROM "ChargeSession" WHERE id = ANY($1::uuid[]) AND (sources & 2) <> 0`,
        [newIds],
      );
      expect(fromHistory).toEqual([]);
      const changed = `SELECT count(*)::int AS count FROM "Observation"
                       WHERE "chargerId" = $1 AND "stateId" = 708 AND "rawValue" = '13.000'`;
      expect((await pool.query(changed, [OFFICE_1])).rows[0].count).toBe(0);
      await locker.query('ROLLBACK');

      await eventually('every Office session, from history', async () => {
        const stored = await storedSessions(pool, OFFICE);
        return stored.length >= expected.length && stored.every((row) => (row.sources & 2) !== 0)
          ? stored
          : undefined;
      });
      const stored = await storedSessions(pool, OFFICE);
      expect(stored.map(({ id, startedAt, energyKwh }) => ({ id, startedAt, energyKwh }))).toEqual(
        expected,
      );
      expect((await historyCursor(pool))?.toISOString()).toBe(expected.at(-1)?.startedAt);
      await untilCaughtUp(pool, simulator, OFFICE_CHARGERS);
      expect((await pool.query(changed, [OFFICE_1])).rows[0].count).toBe(1);
      expect(await repeatedValues(pool)).toBe(0);
      expect(
        await metric(app, 'gateway_ingestion_errors_total', { source: 'history' }),
      ).toBeGreaterThan(before.historyErrors);
      expect(
        await metric(app, 'gateway_ingestion_errors_total', { source: 'state' }),
      ).toBeGreaterThan(before.stateErrors);
    } finally {
      await locker.end();
    }
  });
});
