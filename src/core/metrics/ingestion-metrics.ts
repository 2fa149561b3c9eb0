import { Counter, Gauge, type Registry } from 'prom-client';

export type IngestionSource = 'state' | 'history';
export type IngestionTable = 'observation' | 'session' | 'installation' | 'charger';
export type PollResult = 'fetched' | 'cached' | 'error';
export type IngestionErrorSource = 'state' | 'history' | 'discovery' | 'backfill' | 'leader';

/**
 * Ingestion's metrics (src/jobs), names a contract (README "Metrics"): who leads, how far behind
 * each source is, what was written, how polls went, what failed and what the fence refused.
 */
export class IngestionMetrics {
  private readonly leader: Gauge;
  private readonly epoch: Gauge;
  private readonly rows: Counter<'table'>;
  private readonly polls: Counter<'result'>;
  private readonly errors: Counter<'source'>;
  private readonly fenced: Counter;
  private readonly statePeriod: Gauge;
  private readonly lagReaders = new Map<IngestionSource, () => number | undefined>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.leader = new Gauge({
      name: 'gateway_ingestion_leader',
      help: 'Whether this instance is the ingestion leader (1) or a standby (0)',
      registers,
    });
    this.leader.set(0);
    this.epoch = new Gauge({
      name: 'gateway_ingestion_leader_epoch',
      help: 'Fencing epoch of the leadership this instance holds or last held (0: never led)',
      registers,
    });
    this.epoch.set(0);
    this.rows = new Counter({
      name: 'gateway_ingestion_rows_written_total',
      help: 'Rows ingestion inserted or changed, by table',
      labelNames: ['table'],
      registers,
    });
    this.polls = new Counter({
      name: 'gateway_ingestion_polls_total',
      help: 'State polls by result (cached: answered by the response cache, no upstream call)',
      labelNames: ['result'],
      registers,
    });
    this.errors = new Counter({
      name: 'gateway_ingestion_errors_total',
      help: 'Failed ingestion steps by source; each is retried on a later tick',
      labelNames: ['source'],
      registers,
    });
    this.fenced = new Counter({
      name: 'gateway_ingestion_fenced_writes_total',
      help: "Write transactions refused because this instance's leadership epoch was outdated",
      registers,
    });
    this.statePeriod = new Gauge({
      name: 'gateway_ingestion_state_period_seconds',
      help: 'Effective time between two polls of an active charger (longer than the interval when the budget is short)',
      registers,
    });
    const readers = this.lagReaders;
    new Gauge({
      name: 'gateway_ingestion_lag_seconds',
      help: 'Age of the oldest scope of each source (a charger last polled, an installation last synced)',
      labelNames: ['source'],
      registers,
      collect() {
        this.reset();
        for (const [source, read] of readers) {
          const seconds = read();
          if (seconds !== undefined) this.set({ source }, seconds);
        }
      },
    });
  }

  leaderChanged(leading: boolean, epoch?: number): void {
    this.leader.set(leading ? 1 : 0);
    if (epoch !== undefined) this.epoch.set(epoch);
  }

  written(table: IngestionTable, rows: number): void {
    if (rows > 0) this.rows.inc({ table }, rows);
  }

  polled(result: PollResult): void {
    this.polls.inc({ result });
  }

  failed(source: IngestionErrorSource): void {
    this.errors.inc({ source });
  }

  fencedOut(): void {
    this.fenced.inc();
  }

  statePeriodIs(seconds: number): void {
    this.statePeriod.set(seconds);
  }

  /** `read` tells the source's lag in seconds when collected (undefined: nothing to tell yet). */
  watchLag(source: IngestionSource, read: () => number | undefined): void {
    this.lagReaders.set(source, read);
  }
}
