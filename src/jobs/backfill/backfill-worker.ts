import type { Pool } from 'pg';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { KnownInstallation } from '../ingestion/discovery';
import type { Fence } from '../ingestion/fenced-transaction';
import type { UpstreamBudget } from '../ingestion/upstream-budget';
import { claimJob, finishJob } from './backfill-jobs.repository';
import { runBackfill } from './backfill-runner';

export interface BackfillWorkerOptions {
  readonly pool: Pool;
  readonly fence: Fence;
  readonly budget: UpstreamBudget;
  readonly zaptec: ZaptecApi;
  /** The installations the leader reads, each with the session (account) that sees it. */
  readonly installations: (signal: AbortSignal) => Promise<readonly KnownInstallation[]>;
  readonly onError: (error: unknown) => void;
}

/**
 * The leader's side of `npm run backfill`: on each tick, if no job runs, claims the next queued
 * BackfillJob and runs it through ingestion's own budget (lowest class), so a backfill never adds
 * upstream calls beyond what ingestion is allowed. At most one job runs at a time.
 */
export class BackfillWorker {
  private running: Promise<void> | undefined;

  constructor(private readonly options: BackfillWorkerOptions) {}

  tick(signal: AbortSignal): void {
    const lease = this.options.fence.current();
    if (this.running || !lease || signal.aborted) return;
    this.running = this.runNext(lease.epoch, signal)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => (this.running = undefined));
  }

  /** Resolves once the running job (if any) has stopped. */
  async settled(): Promise<void> {
    await this.running;
  }

  private async runNext(epoch: number, signal: AbortSignal): Promise<void> {
    const { pool } = this.options;
    const job = await claimJob(pool, epoch);
    if (!job) return;
    let installations: readonly KnownInstallation[];
    try {
      installations = await this.options.installations(signal);
    } catch (error) {
      // Not left RUNNING at this epoch, where no leader would ever pick it up again.
      if (!signal.aborted) await finishJob(pool, job.id, 'FAILED', (error as Error).message);
      throw error;
    }
    await runBackfill(job, installations, { ...this.options, signal });
  }
}
