import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IngestionMetrics } from '../../core/metrics/ingestion-metrics';
import { MetricsService } from '../../core/metrics/metrics.service';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { KnownInstallation } from './discovery';
import { withFence, type Fence } from './fenced-transaction';
import { readHistoryPage } from './history-page';
import { advanceCursors, readCursors } from './mirror.repository';
import type { SessionRecord } from './records';
import { upsertSessions } from './session.repository';
import type { UpstreamBudget } from './upstream-budget';

/**
 * Each run re-reads this far back from the cursor: Zaptec lists a session once it is committed,
 * by its start, so one still open when an earlier run passed its start appears later "behind"
 * the cursor. A session open longer than this would be missed by the live sync (backfill finds it).
 */
export const HISTORY_OVERLAP_MS = 7 * 24 * 60 * 60 * 1000;
/** A runaway `Pages` must not turn one run into thousands of calls. */
const MAX_PAGES = 1000;

export interface SyncContext {
  readonly pool: Pool;
  readonly fence: Fence;
  readonly budget: UpstreamBudget;
  readonly signal: AbortSignal;
}

/**
 * Pages each installation's charge history forward (oldest first, with EnergyDetails) from its
 * SyncCursor minus the overlap; on first start from the beginning of what upstream still lists.
 * One fenced transaction per page holds its sessions and the cursor (the newest start on it),
 * so a crash at any page resumes from the last committed one and the upserts make replays no-ops.
 * Items only ever get inserted into an ascending listing, which shifts later items right: a page
 * boundary can repeat an item (harmless), never skip one.
 */
@Injectable()
export class HistorySync {
  private readonly syncedAt = new Map<string, number>();
  private readonly metrics: IngestionMetrics;

  constructor(
    private readonly zaptec: ZaptecApi,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.ingestion;
    this.metrics.watchLag('history', () => this.lagSeconds());
  }

  /** Forgets installations no longer discovered (their lag would grow for ever). */
  keepOnly(installations: readonly KnownInstallation[]): void {
    const ids = new Set(installations.map((installation) => installation.id));
    for (const id of this.syncedAt.keys()) if (!ids.has(id)) this.syncedAt.delete(id);
  }

  /** One run over every installation; an installation's failure does not stop the others. */
  async run(installations: readonly KnownInstallation[], context: SyncContext): Promise<void> {
    const cursors = await readCursors(context.pool, 'CHARGE_HISTORY');
    const failures: unknown[] = [];
    for (const installation of installations) {
      if (context.signal.aborted) return;
      try {
        await this.sync(installation, cursors.get(installation.id), context);
        this.syncedAt.set(installation.id, Date.now());
      } catch (error) {
        if (context.signal.aborted) return;
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  private async sync(
    installation: KnownInstallation,
    cursor: Date | undefined,
    context: SyncContext,
  ): Promise<void> {
    const from = cursor && new Date(cursor.getTime() - HISTORY_OVERLAP_MS);
    for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
      const page = await readHistoryPage(
        this.zaptec,
        context.budget,
        'history',
        installation,
        { from, pageIndex },
        context.signal,
      );
      if (page.records.length > 0) await this.store(installation.id, page.records, context);
      if (page.last) return;
    }
  }

  private async store(
    installationId: string,
    records: readonly SessionRecord[],
    context: SyncContext,
  ): Promise<void> {
    const newest = records.reduce(
      (latest, record) => (record.startedAt > latest ? record.startedAt : latest),
      records[0].startedAt,
    );
    const counts = await withFence(context.pool, context.fence, async (client) => {
      const written = await upsertSessions(client, records, 'chargeHistory');
      const epoch = context.fence.current()?.epoch ?? 0;
      await advanceCursors(
        client,
        'CHARGE_HISTORY',
        [{ scopeId: installationId, position: newest }],
        epoch,
      );
      return written;
    });
    this.metrics.written('session', counts.inserted + counts.updated);
  }

  /** Seconds since the installation synced longest ago last completed a run. */
  private lagSeconds(): number | undefined {
    const times = [...this.syncedAt.values()];
    return times.length === 0 ? undefined : (Date.now() - Math.min(...times)) / 1000;
  }
}
