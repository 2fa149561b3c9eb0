import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Client, type QueryConfig, type QueryResult } from 'pg';

/**
 * The advisory lock every ingesting process competes for (a constant pair, so no other lock of
 * ours or of another application on the same database hashes onto it by accident).
 */
export const LEADER_LOCK_KEY = [7268, 11] as const;
/** pg_stat_activity.application_name of the leader's own session (operators and tests find it). */
export const LEADER_APPLICATION_NAME = 'zaptec-gateway-leader';

const DEFAULT_NAME = 'ingestion';
const DEFAULT_PING_MS = 1000;
const CONNECT_TIMEOUT_MS = 5000;
// Acquiring waits at most this for a deposed leader's fenced transaction to finish (its FOR SHARE
// row lock delays the epoch bump; that is the ordering the fence relies on).
const LOCK_TIMEOUT_MS = 5000;
const ACQUIRE_QUERY_TIMEOUT_MS = LOCK_TIMEOUT_MS + 5000;

export interface LeaderElectionOptions {
  readonly connectionString: string;
  /** IngestionLeader.name: one leadership (and epoch) per name. Default 'ingestion'. */
  readonly name?: string;
  /** How often the leader's connection is proven alive. Default 1000 ms. */
  readonly pingMs?: number;
  /** Who holds it, as stored in IngestionLeader.holder. Default host:pid:uuid. */
  readonly holder?: string;
}

/**
 * A query with a client-side deadline. node-postgres honours `query_timeout` per query (its types
 * only know the client-wide option): the promise rejects when the answer is late.
 */
function timedQuery(
  client: Client,
  text: string,
  timeoutMs: number,
  values?: unknown[],
): Promise<QueryResult> {
  const config: QueryConfig & { query_timeout: number } = {
    text,
    values,
    query_timeout: timeoutMs,
  };
  return client.query(config);
}

export type LeadershipListener = (leading: boolean, epoch?: number) => void;

interface Lease {
  readonly client: Client;
  readonly epoch: number;
  readonly backendPid: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * Leadership of ingestion: a session-level Postgres advisory lock held on a dedicated connection
 * (never a pool connection, which would hand the lock to whichever query borrows it next), plus a
 * fencing epoch bumped by each new leader (withFence checks it in every write transaction).
 *
 * Leadership ends the moment that connection errors or ends, or a ping fails or times out:
 * `current()` is then undefined synchronously, before anything else runs. The server side is
 * covered too: idle_session_timeout makes Postgres drop a leader whose pings stopped (a frozen
 * process), which frees the lock for another instance.
 */
export class LeaderElection {
  readonly name: string;
  private readonly pingMs: number;
  private readonly holder: string;
  private readonly listeners: LeadershipListener[] = [];
  private lease: Lease | undefined;
  private acquiring: Promise<boolean> | undefined;
  private pinging = false;

  constructor(private readonly options: LeaderElectionOptions) {
    this.name = options.name ?? DEFAULT_NAME;
    this.pingMs = options.pingMs ?? DEFAULT_PING_MS;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    if (!Number.isFinite(this.pingMs) || this.pingMs <= 0)
      throw new Error('pingMs must be a positive number of milliseconds');
  }

  /** The epoch while this instance leads; undefined otherwise (checked before every write). */
  current(): { epoch: number } | undefined {
    return this.lease ? { epoch: this.lease.epoch } : undefined;
  }

  /** The server process id of the leader's session (for pg_terminate_backend in drills). */
  backendPid(): number | undefined {
    return this.lease?.backendPid;
  }

  /** Called with (true, epoch) when leadership starts and (false) when it ends. */
  onChange(listener: LeadershipListener): void {
    this.listeners.push(listener);
  }

  /**
   * Tries once to become the leader; true when this instance leads (already or now), false when
   * another holds the lock. Connection and SQL failures reject (leadership is then not held).
   */
  acquire(): Promise<boolean> {
    if (this.lease) return Promise.resolve(true);
    this.acquiring ??= this.tryAcquire().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  /** Gives leadership up: the session ends, which frees the lock for another instance at once. */
  async release(): Promise<void> {
    await this.acquiring?.catch(() => false);
    const lease = this.lease;
    if (!lease) return;
    this.lose(lease);
    await lease.client.end().catch(() => undefined);
  }

  private async tryAcquire(): Promise<boolean> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: LEADER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // Until the lease exists an error only fails this attempt (the awaited query rejects too).
    let lease: Lease | undefined;
    const drop = () => {
      if (lease) this.lose(lease);
    };
    client.on('error', drop);
    client.on('end', drop);
    try {
      await client.connect();
      const query = (text: string, values?: unknown[]) =>
        timedQuery(client, text, ACQUIRE_QUERY_TIMEOUT_MS, values);
      // Pings keep the session busy every pingMs; one that goes quiet for 5 pings (a frozen
      // process, a dead network path) is ended by the server, which frees the lock.
      const idleS = Math.max(10, Math.ceil((5 * this.pingMs) / 1000));
      await query(`SET idle_session_timeout = '${idleS}s'`);
      const locked = await query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        ...LEADER_LOCK_KEY,
      ]);
      if ((locked.rows[0] as { locked: boolean } | undefined)?.locked !== true) {
        await client.end();
        return false;
      }
      await query(`SET lock_timeout = '${LOCK_TIMEOUT_MS}ms'`);
      const bumped = await query(
        `INSERT INTO "IngestionLeader" (name, epoch, holder) VALUES ($1, 1, $2)
         ON CONFLICT (name) DO UPDATE
           SET epoch = "IngestionLeader".epoch + 1, holder = EXCLUDED.holder, "acquiredAt" = now()
         RETURNING epoch, pg_backend_pid() AS pid`,
        [this.name, this.holder],
      );
      const row = bumped.rows[0] as { epoch: string; pid: number };
      const timer = setInterval(() => this.ping(), this.pingMs);
      timer.unref();
      lease = { client, epoch: Number(row.epoch), backendPid: row.pid, timer };
      this.lease = lease;
      this.notify(true, lease.epoch);
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** SELECT 1 with a timeout; a failure or a late answer ends leadership. */
  private ping(): void {
    const lease = this.lease;
    if (!lease || this.pinging) return;
    this.pinging = true;
    const timeoutMs = Math.max(1000, 2 * this.pingMs);
    timedQuery(lease.client, 'SELECT 1', timeoutMs)
      .then(
        () => undefined,
        () => {
          this.lose(lease);
          return lease.client.end().catch(() => undefined);
        },
      )
      .finally(() => (this.pinging = false));
  }

  private lose(lease: Lease): void {
    if (this.lease !== lease) return;
    this.lease = undefined;
    clearInterval(lease.timer);
    this.notify(false);
  }

  private notify(leading: boolean, epoch?: number): void {
    for (const listener of this.listeners) listener(leading, epoch);
  }
}
