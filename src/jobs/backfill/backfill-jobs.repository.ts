import { randomUUID } from 'node:crypto';
import type { Queryable } from '../ingestion/queryable';

export type BackfillStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

/** A `npm run backfill` request as stored: its range, scope and progress so far. */
export interface BackfillJobRow {
  readonly id: string;
  readonly from: Date;
  readonly to: Date;
  readonly installationId: string | null;
  readonly status: BackfillStatus;
  readonly installations: number | null;
  readonly pagesDone: number;
  readonly pagesTotal: number | null;
  readonly sessionsSeen: number;
  readonly sessionsNew: number;
  readonly sessionsUpdated: number;
  readonly error: string | null;
  readonly clientSeenAt: Date;
}

/** What one stored page adds to a job's progress. */
export interface PageProgress {
  readonly pagesTotal: number;
  readonly seen: number;
  readonly inserted: number;
  readonly updated: number;
}

/** A job whose CLI stopped bumping clientSeenAt this long ago is cancelled (the CLI was killed). */
export const CLIENT_GONE_MS = 10_000;

const COLUMNS = `id, "from", "to", "installationId", status, installations, "pagesDone", "pagesTotal",
  "sessionsSeen", "sessionsNew", "sessionsUpdated", error, "clientSeenAt"`;

export async function insertJob(
  db: Queryable,
  job: { from: Date; to: Date; installationId: string | undefined },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "BackfillJob" (id, "from", "to", "installationId", "clientSeenAt")
     VALUES ($1, $2, $3, $4, now())`,
    [id, job.from, job.to, job.installationId ?? null],
  );
  return id;
}

export async function readJob(db: Queryable, id: string): Promise<BackfillJobRow | undefined> {
  const { rows } = await db.query<BackfillJobRow>(
    `SELECT ${COLUMNS} FROM "BackfillJob" WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** The waiting CLI says it is still there. */
export async function touchJob(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE "BackfillJob" SET "clientSeenAt" = now() WHERE id = $1`, [id]);
}

/**
 * Claims the oldest job this leader should run: a PENDING one, or a RUNNING one a deposed leader
 * (older epoch) left behind, which is rerun from its start (the upserts make that idempotent).
 * One whose CLI is gone is cancelled instead of run.
 */
export async function claimJob(db: Queryable, epoch: number): Promise<BackfillJobRow | undefined> {
  await db.query(
    `UPDATE "BackfillJob" SET status = 'CANCELLED', "finishedAt" = now()
     WHERE status IN ('PENDING', 'RUNNING') AND "clientSeenAt" < now() - $1 * interval '1 ms'`,
    [CLIENT_GONE_MS],
  );
  const { rows } = await db.query<BackfillJobRow>(
    `UPDATE "BackfillJob" SET status = 'RUNNING', epoch = $1, "startedAt" = now(), "pagesDone" = 0,
       "pagesTotal" = NULL, "sessionsSeen" = 0, "sessionsNew" = 0, "sessionsUpdated" = 0
     WHERE id = (SELECT id FROM "BackfillJob"
                 WHERE status = 'PENDING' OR (status = 'RUNNING' AND (epoch IS NULL OR epoch < $1))
                 ORDER BY "requestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [epoch],
  );
  return rows[0];
}

export async function setScope(db: Queryable, id: string, installations: number): Promise<void> {
  await db.query(`UPDATE "BackfillJob" SET installations = $2 WHERE id = $1`, [id, installations]);
}

/** Adds one page's counts; call it in the page's fenced transaction, beside its sessions. */
export async function addPage(db: Queryable, id: string, page: PageProgress): Promise<void> {
  await db.query(
    `UPDATE "BackfillJob" SET "pagesDone" = "pagesDone" + 1, "pagesTotal" = $2,
       "sessionsSeen" = "sessionsSeen" + $3, "sessionsNew" = "sessionsNew" + $4,
       "sessionsUpdated" = "sessionsUpdated" + $5
     WHERE id = $1`,
    [id, page.pagesTotal, page.seen, page.inserted, page.updated],
  );
}

/**
 * Whether the runner should stop at this page boundary: the CLI asked (CANCELLED) or is gone.
 * A gone CLI's job is marked CANCELLED here.
 */
export async function shouldStop(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ status: BackfillStatus; gone: boolean }>(
    `SELECT status, "clientSeenAt" < now() - $2 * interval '1 ms' AS gone
     FROM "BackfillJob" WHERE id = $1`,
    [id, CLIENT_GONE_MS],
  );
  const row = rows[0];
  if (!row || row.status === 'CANCELLED') return true;
  if (row.gone) await finishJob(db, id, 'CANCELLED');
  return row.gone;
}

/** Ends a job; a job already ended (e.g. CANCELLED by its CLI) keeps its status. */
export async function finishJob(
  db: Queryable,
  id: string,
  status: 'DONE' | 'FAILED' | 'CANCELLED',
  error?: string,
): Promise<void> {
  await db.query(
    `UPDATE "BackfillJob" SET status = $2, error = $3, "finishedAt" = now()
     WHERE id = $1 AND status IN ('PENDING', 'RUNNING')`,
    [id, status, error ?? null],
  );
}
