import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { IngestionErrorSource } from '../../core/metrics/ingestion-metrics';
import { MetricsService } from '../../core/metrics/metrics.service';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../database/database-connection';
import { PrismaService } from '../../database/prisma.service';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { ZaptecClient } from '../../upstream/zaptec/zaptec-client';
import { BackfillWorker } from '../backfill/backfill-worker';
import { Discovery, type KnownInstallation } from './discovery';
import { FencedOutError, withFence } from './fenced-transaction';
import { HistorySync } from './history-sync';
import { IngestionAccounts } from './ingestion-accounts';
import { LeaderElection } from './leader-election';
import { upsertChargers, upsertInstallations } from './mirror.repository';
import { StatePoller } from './state-poller';
import { UpstreamBudget } from './upstream-budget';

/** A shutdown waits this long for the running poll or page before releasing leadership anyway. */
const STOP_WAIT_MS = 2000;
/** How soon a queued `npm run backfill` job starts. */
const BACKFILL_TICK_MS = 1000;
const TICKS = ['ingestion:election', 'ingestion:state', 'ingestion:history', 'ingestion:backfill'];
/** A failed discovery (e.g. a sign-in Zaptec refused) is retried after 1 s, 2 s, 4 s … up to the history interval. */
const FIRST_RETRY_MS = 1000;

/**
 * Runs ingestion on the one leader among the instances on this database. Three intervals:
 * election (standbys try the lock; the first win starts a history run), state (a poll per
 * account when one is due, paced by the budget) and history (discovery, then charge history);
 * a fourth runs queued backfill jobs (`npm run backfill`) through the same budget.
 * Each tick returns at once if its previous run is still going, so runs never overlap. At
 * shutdown it stops its ticks, aborts what runs, waits for it and releases the lock, all in
 * beforeApplicationShutdown: before DatabaseModule closes the pool in onApplicationShutdown.
 */
@Injectable()
export class IngestionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingestion');
  private readonly leader: LeaderElection;
  private readonly budget: UpstreamBudget;
  private readonly settings: AppConfig['ingestion'];
  private readonly backfill: BackfillWorker;
  private cycle = new AbortController();
  private historyRun: Promise<void> | undefined;
  private electing: Promise<void> | undefined;
  private installations: readonly KnownInstallation[] = [];
  private stopped = false;
  /** Set while discovery has failed: when to try again without waiting for the history interval. */
  private retry: { at: number; ms: number } | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_CONNECTION) connection: DatabaseConnection,
    private readonly prisma: PrismaService,
    private readonly registry: SchedulerRegistry,
    private readonly accounts: IngestionAccounts,
    private readonly discovery: Discovery,
    private readonly poller: StatePoller,
    private readonly history: HistorySync,
    private readonly metrics: MetricsService,
    client: ZaptecClient,
    zaptec: ZaptecApi,
  ) {
    this.settings = config.ingestion;
    const pingMs = Math.min(2000, Math.max(250, Math.round(this.settings.stateIntervalMs / 3)));
    this.leader = new LeaderElection({ connectionString: connection.url, pingMs });
    this.budget = new UpstreamBudget(this.settings.maxRequestsPerSecond, (account) =>
      client.waitingFor(account),
    );
    this.leader.onChange((leading, epoch) => this.leadershipChanged(leading, epoch));
    this.backfill = new BackfillWorker({
      pool: prisma.pool,
      fence: this.leader,
      budget: this.budget,
      zaptec,
      installations: (signal) => this.knownInstallations(signal),
      onError: (error) => this.failed('backfill', error),
    });
  }

  onApplicationBootstrap(): void {
    // A standby retries about twice per interval, so it takes over within one (at most 5 s apart).
    const electionMs = Math.min(5000, Math.max(250, this.settings.stateIntervalMs / 2));
    this.every('ingestion:election', electionMs, () => {
      this.elect();
      if (this.retry && Date.now() >= this.retry.at) this.historyTick();
    });
    this.every('ingestion:state', 1000 / this.settings.maxRequestsPerSecond, () => this.pollTick());
    this.every('ingestion:history', this.settings.historyIntervalMs, () => this.historyTick());
    this.every('ingestion:backfill', BACKFILL_TICK_MS, () => {
      if (!this.stopped) this.backfill.tick(this.cycle.signal);
    });
    this.elect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const name of TICKS) {
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    }
    this.cycle.abort(new Error('ingestion stopped'));
    this.budget.close();
    const running = Promise.allSettled([
      this.electing,
      this.historyRun,
      this.poller.settled(),
      this.backfill.settled(),
    ]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      running,
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    await this.leader.release();
  }

  private every(name: string, ms: number, tick: () => void): void {
    const timer = setInterval(tick, ms);
    this.registry.addInterval(name, timer);
  }

  private elect(): void {
    if (this.stopped || this.electing || this.leader.current()) return;
    this.electing = this.leader
      .acquire()
      .then((leading) => {
        if (leading) this.historyTick();
      })
      .catch((error: unknown) => this.failed('leader', error))
      .finally(() => (this.electing = undefined));
  }

  private leadershipChanged(leading: boolean, epoch?: number): void {
    this.metrics.ingestion.leaderChanged(leading, epoch);
    if (leading) {
      this.cycle = new AbortController();
      this.logger.log(`Leading ingestion (epoch ${epoch})`);
      return;
    }
    // At once, before anything else runs: no new call starts, running ones stop at their next step.
    this.cycle.abort(new Error('leadership lost'));
    this.poller.forget();
    if (!this.stopped) this.logger.warn('Ingestion leadership lost; standing by');
  }

  private pollTick(): void {
    if (this.stopped || !this.leader.current()) return;
    this.poller.tick({
      pool: this.prisma.pool,
      fence: this.leader,
      budget: this.budget,
      signal: this.cycle.signal,
      intervalMs: this.settings.stateIntervalMs,
      maxPerSecond: this.settings.maxRequestsPerSecond,
      onError: (error) => this.failed('state', error),
    });
  }

  private historyTick(): void {
    if (this.stopped || this.historyRun || !this.leader.current()) return;
    this.historyRun = this.historyCycle().finally(() => (this.historyRun = undefined));
  }

  /** Discovery, then every installation's history: one run, started at most once at a time. */
  private async historyCycle(): Promise<void> {
    const signal = this.cycle.signal;
    const context = { pool: this.prisma.pool, fence: this.leader, budget: this.budget, signal };
    try {
      const sessions = await this.accounts.signedIn();
      const found = await this.discovery.discover(sessions, this.budget, signal);
      const changed = await withFence(this.prisma.pool, this.leader, async (client) => ({
        installations: await upsertInstallations(client, found.installations),
        chargers: await upsertChargers(client, found.chargers),
      }));
      this.metrics.ingestion.written('installation', changed.installations);
      this.metrics.ingestion.written('charger', changed.chargers);
      this.installations = found.installations;
      this.history.keepOnly(found.installations);
      this.poller.track(found.chargers);
      this.retry = undefined;
    } catch (error) {
      // What was discovered before stays tracked; waiting a whole history interval (5 min by
      // default) would leave a first start that failed to sign in ingesting nothing that long.
      const ms = Math.min(
        this.settings.historyIntervalMs,
        2 * (this.retry?.ms ?? FIRST_RETRY_MS / 2),
      );
      this.retry = { at: Date.now() + ms, ms };
      this.failed('discovery', error);
      if (this.installations.length === 0) return;
    }
    try {
      await this.history.run(this.installations, context);
    } catch (error) {
      this.failed('history', error);
    }
  }

  /** What the last discovery found; before the first one, a discovery of its own. */
  private async knownInstallations(signal: AbortSignal): Promise<readonly KnownInstallation[]> {
    if (this.installations.length > 0) return this.installations;
    const sessions = await this.accounts.signedIn();
    return (await this.discovery.discover(sessions, this.budget, signal)).installations;
  }

  /** Counted and logged; a fenced-out write also ends this instance's leadership. */
  private failed(source: IngestionErrorSource, error: unknown): void {
    if (this.stopped || this.cycle.signal.aborted) return;
    if (error instanceof FencedOutError) {
      this.metrics.ingestion.fencedOut();
      this.logger.warn(`${error.message}; giving up leadership`);
      void this.leader.release();
      return;
    }
    this.metrics.ingestion.failed(source);
    this.logger.warn({ err: error }, `ingestion ${source} failed; retried on the next tick`);
  }
}
