import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { FencedOutError, withFence } from '../../src/jobs/ingestion/fenced-transaction';
import { LeaderElection } from '../../src/jobs/ingestion/leader-election';
import { insertObservations } from '../../src/jobs/ingestion/observation.repository';
import type { ObservationRow } from '../../src/jobs/ingestion/records';
import { CHARGER_ID, migratedDatabase, seedCharger } from './storage-support';

// Exactly one instance ingests, and a deposed one cannot write: leadership is an advisory lock on
// a dedicated connection, lost the moment that connection dies, and every write transaction
// checks the leader epoch the new leader bumped.

const PING_MS = 200;

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
  return Date.now() - started;
}

const row = (minute: number): ObservationRow => ({
  chargerId: CHARGER_ID,
  stateId: 710,
  observedAt: new Date(Date.UTC(2026, 10, 25, 10, minute)),
  rawValue: String(minute),
  numericValue: minute,
});

describe('leader election and fencing', () => {
  let url: string;
  let pool: Pool;
  const elections: LeaderElection[] = [];
  const election = () => {
    const created = new LeaderElection({ connectionString: url, pingMs: PING_MS });
    elections.push(created);
    return created;
  };
  const stored = async (minute: number) =>
    (
      await pool.query(`SELECT 1 FROM "Observation" WHERE "observedAt" = $1`, [
        row(minute).observedAt,
      ])
    ).rowCount === 1;
  const storedEpoch = async () =>
    Number(
      (await pool.query(`SELECT epoch FROM "IngestionLeader" WHERE name = 'ingestion'`)).rows[0]
        .epoch,
    );
  const terminate = (pid: number | undefined) =>
    pool.query('SELECT pg_terminate_backend($1)', [pid]);

  beforeAll(async () => {
    ({ url, pool } = await migratedDatabase());
    await seedCharger(pool);
  });
  afterEach(async () => {
    await Promise.all(elections.splice(0).map((each) => each.release()));
  });
  afterAll(() => pool.end());

  it('lets exactly one of two instances lead, and hands over on terminate with the next epoch', async () => {
    const [a, b] = [election(), election()];
    const changes: [boolean, number | undefined][] = [];
    a.onChange((leading, epoch) => changes.push([leading, epoch]));
    const won = await Promise.all([a.acquire(), b.acquire()]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const [leader, standby] = won[0] ? [a, b] : [b, a];
    const epoch = leader.current()?.epoch ?? NaN;
    expect(await storedEpoch()).toBe(epoch);
    expect(standby.current()).toBeUndefined();
    expect(await standby.acquire()).toBe(false);
    expect(await withFence(pool, leader, (client) => insertObservations(client, [row(1)]))).toBe(1);

    await terminate(leader.backendPid());
    // The connection's error/end events end leadership at once, without waiting for a ping.
    expect(await waitFor(() => leader.current() === undefined, 1000)).toBeLessThan(PING_MS * 2);
    expect(await standby.acquire()).toBe(true);
    expect(standby.current()).toEqual({ epoch: epoch + 1 });
    expect(await storedEpoch()).toBe(epoch + 1);
    if (leader === a)
      expect(changes).toEqual([
        [true, epoch],
        [false, undefined],
      ]);

    // The deposed instance's late write is refused and leaves nothing behind.
    await expect(
      withFence(pool, leader, (client) => insertObservations(client, [row(2)])),
    ).rejects.toThrow(FencedOutError);
    expect(await stored(2)).toBe(false);
    expect(await stored(1)).toBe(true);
  });

  it('refuses, in the database, a writer that still believes it leads at an old epoch', async () => {
    const leader = election();
    expect(await leader.acquire()).toBe(true);
    const epoch = leader.current()?.epoch ?? NaN;
    // A deposed instance whose own connection has not noticed yet (a partition, a slow ping).
    const stale = { name: leader.name, current: () => ({ epoch: epoch - 1 }) };
    const write = withFence(pool, stale, (client) => insertObservations(client, [row(3)]));
    await expect(write).rejects.toThrow(FencedOutError);
    await expect(write).rejects.toMatchObject({ epoch: epoch - 1, currentEpoch: epoch });
    expect(await stored(3)).toBe(false);
  });

  it('rolls the whole transaction back when the work fails', async () => {
    const leader = election();
    expect(await leader.acquire()).toBe(true);
    const failing = withFence(pool, leader, async (client) => {
      await insertObservations(client, [row(4)]);
      throw new Error('the upstream page failed half-way');
    });
    await expect(failing).rejects.toThrow('half-way');
    expect(await stored(4)).toBe(false);
  });

  it('orders a deposed leader open transaction before the next leader: it commits, the next is refused', async () => {
    const a = election();
    expect(await a.acquire()).toBe(true);
    const epoch = a.current()?.epoch ?? NaN;
    let finish = () => {};
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let inside = () => {};
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const open = withFence(pool, a, async (client) => {
      const written = await insertObservations(client, [row(5)]);
      inside();
      await gate;
      return written;
    });
    await entered;
    await terminate(a.backendPid());
    await waitFor(() => a.current() === undefined, 1000);

    const b = election();
    let acquired = false;
    const acquiring = b.acquire().then((won) => (acquired = won));
    await sleep(500);
    // b holds the lock but its epoch bump waits behind a's FOR SHARE on the epoch row.
    expect(acquired).toBe(false);
    finish();
    expect(await open).toBe(1);
    expect(await acquiring).toBe(true);
    expect(b.current()).toEqual({ epoch: epoch + 1 });
    expect(await stored(5)).toBe(true);
    await expect(
      withFence(pool, a, (client) => insertObservations(client, [row(6)])),
    ).rejects.toThrow(FencedOutError);
    expect(await stored(6)).toBe(false);
  });

  it('loses leadership when a ping gets no answer (a frozen server session)', async () => {
    const leader = election();
    expect(await leader.acquire()).toBe(true);
    const pid = leader.backendPid() ?? NaN;
    process.kill(pid, 'SIGSTOP');
    try {
      // The ping times out after max(1 s, 2 × pingMs).
      expect(await waitFor(() => leader.current() === undefined, 3000)).toBeLessThan(2000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const next = election();
    await waitFor(() => next.acquire(), 3000);
  });

  describe('a frozen leader process', () => {
    let child: ChildProcess | undefined;
    afterEach(() => child?.kill('SIGKILL'));

    it('is dropped by the server (idle_session_timeout), and another instance takes over', async () => {
      const script = `
        const { LeaderElection } = require('./dist/jobs/ingestion/leader-election.js');
        const election = new LeaderElection({ connectionString: process.env.URL, pingMs: ${PING_MS} });
        election.acquire().then((won) => process.stdout.write(won ? 'leading\\n' : 'standby\\n'));
        setInterval(() => {}, 1000);`;
      child = spawn(process.execPath, ['-e', script], {
        env: { PATH: process.env.PATH, URL: url },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const [output] = (await once(child.stdout!, 'data')) as [Buffer];
      expect(output.toString()).toBe('leading\n');
      const epoch = await storedEpoch();
      child.kill('SIGSTOP');

      const standby = election();
      const tookMs = await waitFor(() => standby.acquire(), 20_000);
      // idle_session_timeout is max(10 s, 5 pings); the lock is free soon after.
      expect(tookMs).toBeGreaterThan(5000);
      expect(tookMs).toBeLessThan(15_000);
      expect(standby.current()).toEqual({ epoch: epoch + 1 });
    }, 30_000);
  });
});
