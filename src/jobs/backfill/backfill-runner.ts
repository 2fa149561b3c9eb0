import type { Pool } from 'pg';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { KnownInstallation } from '../ingestion/discovery';
import { type Fence, withFence } from '../ingestion/fenced-transaction';
import { upsertSessions } from '../ingestion/session.repository';
import { readHistoryPage } from '../ingestion/history-page';
import type { UpstreamBudget } from '../ingestion/upstream-budget';
import {
  addPage,
  type BackfillJobRow,
  finishJob,
  setScope,
  shouldStop,
} from './backfill-jobs.repository';

/** A runaway `Pages` must not turn one job into thousands of calls per installation. */
const MAX_PAGES = 10_000;

export interface BackfillContext {
  readonly pool: Pool;
  readonly fence: Fence;
  /** Ingestion's share of the budget: backfill pages take the lowest class, after polls and history. */
  readonly budget: UpstreamBudget;
  readonly zaptec: ZaptecApi;
  readonly signal: AbortSignal;
}

/**
 * Runs one claimed job: the charge history of [from, to) of every installation in scope (all the
 * leader's discovered ones, or the one asked for), oldest first with EnergyDetails, a page at a
 * time. Each page's sessions and the job's progress commit in one fenced transaction, with the
 * same upsert as live ingestion, so a rerun (or a page read twice) changes nothing and counts
 * nothing as new or updated. The live SyncCursor is never moved. Between pages it stops when the
 * CLI cancelled the job or went away, or when `signal` aborts (shutdown, leadership lost: the job
 * stays RUNNING and the next leader reruns it). Returns the job's final status.
 */
export async function runBackfill(
  job: BackfillJobRow,
  installations: readonly KnownInstallation[],
  context: BackfillContext,
): Promise<'DONE' | 'FAILED' | 'CANCELLED' | 'ABORTED'> {
  const scope = installations.filter(
    (installation) => !job.installationId || installation.id === job.installationId,
  );
  try {
    await setScope(context.pool, job.id, scope.length);
    if (job.installationId && scope.length === 0) {
      await finishJob(context.pool, job.id, 'FAILED', 'this account sees no such installation');
      return 'FAILED';
    }
    const totals = new Map<string, number>();
    for (const installation of scope) {
      for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
        if (context.signal.aborted) return 'ABORTED';
        if (await shouldStop(context.pool, job.id)) return 'CANCELLED';
        const page = await readHistoryPage(
          context.zaptec,
          context.budget,
          'backfill',
          installation,
          { from: job.from, to: job.to, pageIndex },
          context.signal,
        );
        if (context.signal.aborted) return 'ABORTED';
        totals.set(installation.id, Math.max(page.pages, pageIndex + 1));
        const pagesTotal = [...totals.values()].reduce((sum, pages) => sum + pages, 0);
        // Whatever upstream answers, only the job's range is written.
        const records = page.records.filter(
          (record) => record.startedAt >= job.from && record.startedAt < job.to,
        );
        await withFence(context.pool, context.fence, async (client) => {
          const written = await upsertSessions(client, records, 'chargeHistory');
          await addPage(client, job.id, {
            pagesTotal,
            seen: records.length,
            inserted: written.inserted,
            updated: written.updated,
          });
        });
        if (page.last) break;
      }
    }
    await finishJob(context.pool, job.id, 'DONE');
    return 'DONE';
  } catch (error) {
    if (context.signal.aborted) return 'ABORTED';
    await finishJob(context.pool, job.id, 'FAILED', (error as Error).message).catch(
      () => undefined,
    );
    return 'FAILED';
  }
}
