import { spawn, spawnSync } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { DEMO } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { ACCOUNTS, call, startTestSimulator } from '../support/simulator';
import { eventually, FAST_INGESTION, metric } from './ingestion-support';

// Issue 11 (plan §8): `npm run backfill` imports a range of charge history, idempotently, and with
// a gateway leading ingestion it delegates the job to that leader (no upstream call of its own).

const CLI = 'dist/cli/backfill.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function backfill(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function sessionRows(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      installationId: string;
      startedAt: Date;
      energyKwh: string;
      signedSession: string | null;
      ticks: number;
      lastUpdatedAt: Date;
    }>(
      `SELECT id, "installationId", "startedAt", "energyKwh", "signedSession",
         jsonb_array_length("energyDetails") AS ticks, "lastUpdatedAt"
       FROM "ChargeSession" ORDER BY "startedAt", id`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function pagesDone(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pages: number | null }>(
      'SELECT max("pagesDone") AS pages FROM "BackfillJob"',
    );
    return rows[0]?.pages ?? 0;
  } catch {
    return 0; // the CLI has not migrated the database yet
  } finally {
    await client.end();
  }
}

describe('npm run backfill', () => {
  let simulator: RunningSimulator;
  let databaseUrl: string;
  let from: Date;
  let to: Date;
  let expected: { id: string; startedAt: string; energyKwh: number; ticks: number }[];
  const service = {
    ZAPTEC_USERNAME: ACCOUNTS.admin.email,
    ZAPTEC_PASSWORD: ACCOUNTS.admin.password,
  };

  beforeAll(async () => {
    simulator = await startTestSimulator();
    databaseUrl = await createTestDatabase();
    // A range inside the simulated history of the admin's (service account's) Office.
    const office = simulator.context.world.history
      .filter((session) => session.installationId === DEMO.office.id)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    from = office[20].startedAt;
    to = office[150].startedAt;
    expected = office
      .filter((session) => session.startedAt >= from && session.startedAt < to)
      .map((session) => ({
        id: session.id,
        startedAt: session.startedAt.toISOString(),
        energyKwh: session.energyKwh,
        ticks: session.energyDetails.length,
      }));
  });
  afterAll(() => simulator.close());

  const range = () => ['--from', from.toISOString(), '--to', to.toISOString()];
  const stored = async () =>
    (await sessionRows(databaseUrl)).map((row) => ({
      id: row.id,
      startedAt: row.startedAt.toISOString(),
      energyKwh: Number(row.energyKwh),
      ticks: row.ticks,
    }));

  it.each([
    [['--from', 'nope']],
    [['--from', '2026-02-01', '--to', '2026-01-01']],
    [['--from', '2026-01-01', '--installation', 'office']],
    [[]],
  ])('refuses %j: exit 1, one line and the usage, nothing written', (args) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^backfill: .+\nusage: npm run backfill -- --from .+\n$/);
    expect(result.stdout).toBe('');
  });

  it('with no gateway, leads and imports the range itself; a re-run changes nothing', async () => {
    const env = { DATABASE_URL: databaseUrl, ZAPTEC_API_URL: simulator.url, ...service };
    const first = await backfill(range(), env);
    expect(first).toMatchObject({ code: 0 });
    const n = expected.length;
    expect(n).toBeGreaterThan(100);
    expect(first.stdout).toMatch(
      new RegExp(
        `^backfill: \\S+Z → \\S+Z, 1 installation\\(s\\): ${n} sessions \\(new ${n}, updated 0\\), [1-9]\\d* pages, [\\d.]+ s\\n$`,
      ),
    );
    expect(await stored()).toEqual(expected);
    const before = await sessionRows(databaseUrl);

    const second = await backfill(range(), env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${n} sessions (new 0, updated 0)`);
    expect(await sessionRows(databaseUrl)).toEqual(before);
  }, 30_000);

  it('stops at a page boundary on Ctrl-C (exit 130, the summary so far); a re-run completes it', async () => {
    // The whole of the Office's history, with upstream slowed so that the run is interrupted
    // between its pages, as a user pressing Ctrl-C would.
    const office = simulator.context.world.history
      .filter((session) => session.installationId === DEMO.office.id)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const all = office.map((session) => session.id).sort();
    const whole = [
      '--from',
      office[0].startedAt.toISOString(),
      '--to',
      new Date((office.at(-1)?.startedAt ?? new Date()).getTime() + 1).toISOString(),
    ];
    const url = await createTestDatabase();
    const env = { DATABASE_URL: url, ZAPTEC_API_URL: simulator.url, ...service };
    await call(simulator, undefined, 'POST', '/__sim/faults', {
      latencyMs: 400,
      paths: ['/api/chargehistory'],
    });
    try {
      const child = spawn(process.execPath, [CLI, ...whole], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await eventually('a page imported', async () =>
        (await pagesDone(url)) >= 1 ? true : undefined,
      );
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const summary = /^backfill \(interrupted\): .* (\d+) sessions \(new (\d+), updated 0\)/m.exec(
        stdout,
      );
      expect(summary).not.toBeNull();
      const firstNew = Number(summary?.[2]);
      const partial = (await sessionRows(url)).map((row) => row.id);
      expect(partial).toHaveLength(firstNew);
      expect(firstNew).toBeGreaterThan(0);
      expect(firstNew).toBeLessThan(all.length);
    } finally {
      await call(simulator, undefined, 'DELETE', '/__sim/faults');
    }

    const rerun = await backfill(whole, env);
    expect(rerun.code).toBe(0);
    expect((await sessionRows(url)).map((row) => row.id).sort()).toEqual(all);
  }, 60_000);

  describe('with a gateway leading ingestion on the same database', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await startTestApp({
        ...FAST_INGESTION,
        INGESTION_HISTORY_INTERVAL_S: '3600',
        DATABASE_URL: databaseUrl,
        ZAPTEC_API_URL: simulator.url,
      });
      await eventually('the gateway to lead', async () =>
        (await metric(app, 'gateway_ingestion_leader')) === 1 ? true : undefined,
      );
    });
    afterAll(() => app.close());

    it('queues the job for the leader: no upstream call of its own, rows unchanged', async () => {
      const before = await stored();
      // An upstream nobody answers on: any call of the CLI's own would fail the run.
      const run = await backfill([...range(), '--installation', DEMO.office.id], {
        DATABASE_URL: databaseUrl,
        ZAPTEC_API_URL: 'http://127.0.0.1:9',
        ...service,
      });
      expect(run.stderr).not.toMatch(/failed/);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `1 installation(s): ${expected.length} sessions (new 0, updated 0)`,
      );
      expect(
        (await stored()).filter(
          (row) => row.startedAt >= from.toISOString() && row.startedAt < to.toISOString(),
        ),
      ).toEqual(expected);
      expect((await stored()).length).toBeGreaterThanOrEqual(before.length);
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ jobEpoch: string; leaderEpoch: string }>(
        `SELECT j.epoch AS "jobEpoch", l.epoch AS "leaderEpoch"
         FROM "BackfillJob" j, "IngestionLeader" l ORDER BY j."requestedAt" DESC LIMIT 1`,
      );
      await client.end();
      // The gateway (second leader on this database, after the first CLI runs) ran it.
      expect(rows[0].jobEpoch).toBe(rows[0].leaderEpoch);
    }, 30_000);
  });
});
