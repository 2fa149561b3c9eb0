import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config/app-config';
import { applyMigrations } from '../database/migrations/migration-runner';
import { createPool } from '../database/pool';
import { BackfillUsageError, parseBackfillArgs } from '../jobs/backfill/backfill-args';
import {
  type BackfillJobRow,
  finishJob,
  insertJob,
  readJob,
  touchJob,
} from '../jobs/backfill/backfill-jobs.repository';
import { formatSummary } from '../jobs/backfill/backfill-summary';
import {
  type InProcessBackfill,
  startInProcessBackfill,
} from '../jobs/backfill/in-process-backfill';
import { LeaderElection } from '../jobs/ingestion/leader-election';
import { openCliDatabase, runCli } from './database-url';

const POLL_MS = 250;
/** How often a CLI whose job nobody has claimed tries to lead ingestion itself. */
const LEAD_RETRY_MS = 1000;
const INTERRUPTED = 130;

/**
 * `npm run backfill -- --from 2026-01-01 [--to …] [--installation <uuid>]`: imports the charge
 * history of [from, to). The account's budget has one owner, the ingestion leader, so the CLI
 * queues a BackfillJob and the leader runs it: a running gateway's leader through its own limiter
 * and budget (no upstream call leaves this process), or, when nobody leads, this process, which
 * then takes leadership itself. Either way the CLI shows the job row's progress. Ctrl-C cancels
 * the job at a page boundary and prints the summary so far (exit 130).
 */
runCli(async () => {
  const args = parseBackfillArgs(process.argv.slice(2));
  const startedAt = performance.now();
  const database = await openCliDatabase();
  const config = loadConfig();
  const pool = createPool({ connectionString: database.url, max: 4 });
  const leader = new LeaderElection({ connectionString: database.url, pingMs: 1000 });
  let inProcess: InProcessBackfill | undefined;
  let interrupted = false;
  const cycle = new AbortController();
  try {
    if (config.database.migrateOnStart) await applyMigrations(database.url);
    if (args.installationId) {
      const { rowCount } = await pool.query('SELECT 1 FROM "Installation" WHERE id = $1', [
        args.installationId,
      ]);
      if (!rowCount)
        throw new BackfillUsageError(
          `unknown installation ${args.installationId}; is ingestion running?`,
        );
    }
    const jobId = await insertJob(pool, args);
    process.once('SIGINT', () => (interrupted = true));
    process.once('SIGTERM', () => (interrupted = true));
    const bar = new SingleBar(
      {
        format: 'backfill [{bar}] {value}/{total} pages | new {new} | updated {updated}',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(1, 0, { new: 0, updated: 0 });
    let job: BackfillJobRow | undefined;
    let triedLeadAt = 0;
    for (;;) {
      if (interrupted) {
        await finishJob(pool, jobId, 'CANCELLED');
        cycle.abort(new Error('backfill interrupted'));
      } else await touchJob(pool, jobId);
      job = await readJob(pool, jobId);
      if (!job) throw new Error('the backfill job row is gone');
      bar.setTotal(Math.max(1, job.pagesTotal ?? 1));
      bar.update(job.pagesDone, { new: job.sessionsNew, updated: job.sessionsUpdated });
      if (job.status !== 'PENDING' && job.status !== 'RUNNING') break;
      // Nobody has claimed it: if nobody leads, lead (and run it) here.
      if (!inProcess && job.status === 'PENDING' && Date.now() - triedLeadAt >= LEAD_RETRY_MS) {
        triedLeadAt = Date.now();
        if (await leader.acquire()) {
          inProcess = await startInProcessBackfill(config, pool, leader, () => undefined);
        }
      }
      inProcess?.worker.tick(cycle.signal);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    bar.stop();
    await inProcess?.worker.settled();
    job = (await readJob(pool, jobId)) ?? job;
    process.stdout.write(`${formatSummary(args, job, performance.now() - startedAt)}\n`);
    if (job.status === 'FAILED')
      throw new Error(`backfill failed: ${job.error ?? 'unknown error'}`);
    if (interrupted || job.status === 'CANCELLED') process.exitCode = INTERRUPTED;
  } finally {
    cycle.abort(new Error('backfill ended'));
    await inProcess?.close();
    await leader.release();
    await pool.end();
    await database.close();
  }
});
