import type { BackfillArgs } from './backfill-args';
import type { BackfillJobRow } from './backfill-jobs.repository';

const utc = (date: Date) => date.toISOString().replace(/\.000Z$/, 'Z');

/**
 * The CLI's last line, e.g. `backfill: 2026-01-01T00:00:00Z → 2026-02-01T00:00:00Z,
 * 2 installation(s): 412 sessions (new 412, updated 0), 6 pages, 3.2 s`; sessions counts every
 * session listed in the range, new and updated only what changed rows.
 */
export function formatSummary(
  args: BackfillArgs,
  job: Pick<
    BackfillJobRow,
    'status' | 'installations' | 'pagesDone' | 'sessionsSeen' | 'sessionsNew' | 'sessionsUpdated'
  >,
  elapsedMs: number,
): string {
  const stopped = job.status === 'CANCELLED' ? ' (interrupted)' : '';
  return (
    `backfill${stopped}: ${utc(args.from)} → ${utc(args.to)}, ${job.installations ?? 0} installation(s): ` +
    `${job.sessionsSeen} sessions (new ${job.sessionsNew}, updated ${job.sessionsUpdated}), ` +
    `${job.pagesDone} pages, ${(elapsedMs / 1000).toFixed(1)} s`
  );
}
