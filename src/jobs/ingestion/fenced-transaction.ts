import type { Pool, PoolClient } from 'pg';
import type { LeaderElection } from './leader-election';

/** A write refused because this instance no longer leads (or never did) at that epoch. */
export class FencedOutError extends Error {
  constructor(
    message: string,
    readonly epoch?: number,
    readonly currentEpoch?: number,
  ) {
    super(message);
    this.name = 'FencedOutError';
  }
}

/** What the fence needs of the election: its name and this instance's view of its own epoch. */
export type Fence = Pick<LeaderElection, 'name' | 'current'>;

// A new leader's epoch bump waits behind our FOR SHARE lock; our own wait for it is bounded too.
const LOCK_TIMEOUT = '5s';

/**
 * Runs `work` in one transaction that commits only while this instance is the leader at its
 * epoch. Two layers: the local flag (no leadership → refused without touching the database) and
 * the epoch row read FOR SHARE in the same transaction. FOR SHARE conflicts with the next
 * leader's epoch bump (an UPDATE), so the two serialise: a deposed leader's transaction either
 * commits before the bump (the new leader then sees its rows; they are idempotent upserts) or
 * reads the new epoch and is refused. FOR KEY SHARE would not conflict with that non-key update.
 *
 * Rows and cursors written by `work` commit together or not at all; any error rolls back.
 */
export async function withFence<T>(
  pool: Pool,
  leader: Fence,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const lease = leader.current();
  if (!lease) throw new FencedOutError('not the ingestion leader: write refused');
  const client = await pool.connect();
  let broken: Error | undefined;
  // pg-pool takes its own error listener off a client while it is checked out (pg-pool
  // index.js): without this one, a connection the server ends mid-transaction (a failover,
  // pg_terminate_backend) is an unhandled 'error' event, which ends the process. The pending
  // query rejects anyway; the client is then released as broken, never reused.
  const lost = (error: Error) => (broken = error);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const { rows } = await client.query<{ epoch: string }>(
      'SELECT epoch FROM "IngestionLeader" WHERE name = $1 FOR SHARE',
      [leader.name],
    );
    const current = rows[0] ? Number(rows[0].epoch) : undefined;
    if (current !== lease.epoch) {
      throw new FencedOutError(
        `deposed: leader epoch is ${current ?? 'unset'}, this instance holds ${lease.epoch}: write refused`,
        lease.epoch,
        current,
      );
    }
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK means the connection is gone: the server has rolled back already.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.removeListener('error', lost);
    client.release(broken);
  }
}
