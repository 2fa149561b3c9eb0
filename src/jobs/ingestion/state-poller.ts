import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IngestionMetrics } from '../../core/metrics/ingestion-metrics';
import { MetricsService } from '../../core/metrics/metrics.service';
import { ChargerStatePoll } from '../../modules/chargers/charger-state-poll';
import { ConstantsService } from '../../modules/constants/constants.service';
import { completedSessionRecord } from './completed-session';
import type { KnownCharger } from './discovery';
import { withFence, type Fence } from './fenced-transaction';
import { advanceCursors } from './mirror.repository';
import { insertObservations, latestValues } from './observation.repository';
import { effectivePeriodSeconds, isActive, nextDue, type PlannedCharger } from './poll-plan';
import { upsertSessions } from './session.repository';
import { afterCommit, stateChanges } from './state-changes';
import type { UpstreamBudget } from './upstream-budget';

interface Tracked extends PlannedCharger {
  readonly charger: KnownCharger;
  /** The last stored raw value per observation id; seeded from the database on the first poll. */
  last: Map<number, string> | undefined;
  lastPolledAt: number | undefined;
  active: boolean;
}

/** What one leadership's polling needs: where to write, under which fence, in whose budget. */
export interface PollContext {
  readonly pool: Pool;
  readonly fence: Fence;
  readonly budget: UpstreamBudget;
  readonly signal: AbortSignal;
  readonly intervalMs: number;
  readonly maxPerSecond: number;
  /** Told of a failed poll (counted, logged, and a fenced-out one ends leadership). */
  readonly onError: (error: unknown) => void;
}

/**
 * Polls each charger's state on its due time (poll-plan.ts) and stores what changed: the
 * observation rows, the CompletedSession (723) they carry and the charger's state cursor, in one
 * fenced transaction per poll, so a crash or a deposed leader leaves either all of it or none.
 * The in-memory "last values" move only after the commit; they are seeded per charger from the
 * database, so "only changes" holds across restarts and leader changes.
 */
@Injectable()
export class StatePoller {
  private readonly tracked = new Map<string, Tracked>();
  /** Accounts with a poll in flight: one at a time per account (the budget's rule too). */
  private readonly polling = new Map<string, Promise<void>>();
  private readonly metrics: IngestionMetrics;

  constructor(
    private readonly statePoll: ChargerStatePoll,
    private readonly constants: ConstantsService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.ingestion;
    this.metrics.watchLag('state', () => this.lagSeconds());
  }

  /** The chargers discovery found; new ones are due at once, gone ones are dropped. */
  track(chargers: readonly KnownCharger[]): void {
    const seen = new Set<string>();
    for (const charger of chargers) {
      seen.add(charger.id);
      const known = this.tracked.get(charger.id);
      if (known) Object.assign(known, { charger });
      else {
        this.tracked.set(charger.id, {
          id: charger.id,
          charger,
          last: undefined,
          lastPolledAt: undefined,
          active: false,
        });
      }
    }
    for (const id of this.tracked.keys()) if (!seen.has(id)) this.tracked.delete(id);
  }

  /** Leadership ended: the next leader's rows may differ, so the last values are re-read. */
  forget(): void {
    for (const entry of this.tracked.values()) entry.last = undefined;
  }

  /** One tick: per account without a poll in flight, start the most overdue charger's poll. */
  tick(context: PollContext): void {
    const now = Date.now();
    const byAccount = new Map<string, Tracked[]>();
    for (const entry of this.tracked.values()) {
      const account = entry.charger.session.account;
      byAccount.set(account, [...(byAccount.get(account) ?? []), entry]);
    }
    for (const [account, entries] of byAccount) {
      if (this.polling.has(account)) continue;
      const due = nextDue(entries, now, context.intervalMs) as Tracked | undefined;
      if (!due) continue;
      const running = this.pollOne(due, context)
        .catch(context.onError)
        .finally(() => this.polling.delete(account));
      this.polling.set(account, running);
    }
    this.reportPeriod(context);
  }

  /** Resolves once every poll in flight has ended (shutdown, leadership lost). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.polling.values()]);
  }

  private async pollOne(entry: Tracked, context: PollContext): Promise<void> {
    const { charger } = entry;
    try {
      const poll = await context.budget.run(
        charger.session.account,
        'poll',
        () => this.statePoll.poll(charger.session, charger),
        context.signal,
      );
      entry.lastPolledAt = Date.now();
      entry.active = isActive(poll.items);
      this.metrics.polled(poll.fetched ? 'fetched' : 'cached');
      const last = entry.last ?? (await latestValues(context.pool, charger.id));
      const fetchedAt = new Date(poll.fetchedAt);
      const changes = stateChanges(charger.id, poll.items, last, fetchedAt);
      const session = changes.completedSession
        ? completedSessionRecord(
            changes.completedSession,
            {
              chargerId: charger.id,
              installationId: charger.installationId,
              deviceId: charger.deviceId,
            },
            (await this.constants.current(charger.session)).enum('SessionCommitMetadata'),
          )
        : undefined;
      const written = await withFence(context.pool, context.fence, async (client) => {
        const observations = await insertObservations(client, changes.rows);
        const sessions = session
          ? await upsertSessions(client, [session], 'completedSession')
          : { inserted: 0, updated: 0 };
        const epoch = context.fence.current()?.epoch ?? 0;
        await advanceCursors(
          client,
          'CHARGER_STATE',
          [{ scopeId: charger.id, position: fetchedAt }],
          epoch,
        );
        return { observations, sessions: sessions.inserted + sessions.updated };
      });
      entry.last = afterCommit(last, changes.rows);
      this.metrics.written('observation', written.observations);
      this.metrics.written('session', written.sessions);
    } catch (error) {
      if (context.signal.aborted) return;
      // Due again on the next tick after its interval: a failed poll is retried, not lost.
      entry.lastPolledAt = Date.now();
      this.metrics.polled('error');
      throw error;
    }
  }

  private reportPeriod(context: PollContext): void {
    let active = 0;
    for (const entry of this.tracked.values()) if (entry.active) active++;
    const idle = this.tracked.size - active;
    this.metrics.statePeriodIs(
      effectivePeriodSeconds(active, idle, context.intervalMs, context.maxPerSecond),
    );
  }

  /** Seconds since the charger polled longest ago was polled; undefined before any poll. */
  private lagSeconds(): number | undefined {
    let oldest: number | undefined;
    for (const { lastPolledAt } of this.tracked.values()) {
      if (lastPolledAt === undefined) continue;
      oldest = oldest === undefined ? lastPolledAt : Math.min(oldest, lastPolledAt);
    }
    return oldest === undefined ? undefined : (Date.now() - oldest) / 1000;
  }
}
