import PQueue from 'p-queue';
import { UpstreamBusyError } from './upstream-errors';
import type { ZaptecObserver } from './zaptec-observer';

/** User commands jump the queue; background reads (ingestion) wait behind everything. */
export const Priority = { command: 2, read: 1, background: 0 } as const;

const WINDOW_MS = 1_000;

interface Slot {
  queue: PQueue;
  /** Until when a 429's Retry-After holds the queue (ms since epoch). */
  pausedUntil: number;
  /** Ends the current pause; set while the queue is paused. */
  resumeTimer?: NodeJS.Timeout;
  /** Last start: the sliding window remembers a second of starts, so must the map. */
  lastStartAt: number;
}

export interface LimiterOptions {
  /** Requests per second per account; Zaptec allows 10 with a burst of 15 (§8). */
  perSecond: number;
  /** Waiting requests per account before new ones are refused. */
  maxQueued: number;
  /** How long a request may wait for its turn. */
  maxWaitMs: number;
}

/**
 * Keeps each upstream account under Zaptec's limit so that upstream never has to answer 429 for
 * one account's traffic. p-queue's strict (sliding-window) mode starts at most `perSecond / 2`
 * requests in any half second. Zaptec counts arrivals, not our starts, and arrivals bunch up
 * (new TLS connections, a busy event loop): one window's requests delayed into the next must
 * still fit the burst of 15. With windows of 10 per second that holds for up to 0.5 s of
 * delay; with 5 per half second for up to 1 s, and a burst of 5 still starts at once.
 */
export class AccountLimiter {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly options: LimiterOptions,
    private readonly observer?: Pick<ZaptecObserver, 'waited'>,
  ) {}

  /** Accounts with a queue in memory. */
  get accountCount(): number {
    return this.slots.size;
  }

  /** Calls waiting for their turn, all accounts together (running ones not counted). */
  get queued(): number {
    let waiting = 0;
    for (const { queue } of this.slots.values()) waiting += queue.size;
    return waiting;
  }

  /**
   * Calls of one account waiting for their turn (running ones not counted): ingestion steps
   * aside while any wait, so users' calls never queue behind it.
   */
  queuedFor(account: string): number {
    return this.slots.get(account)?.queue.size ?? 0;
  }

  async schedule<T>(account: string, priority: number, task: () => Promise<T>): Promise<T> {
    const slot = this.slotFor(account);
    const { queue } = slot;
    if (queue.size >= this.options.maxQueued) {
      throw new UpstreamBusyError(
        `More than ${this.options.maxQueued} requests wait for this Zaptec account`,
        1,
      );
    }
    // The deadline covers the wait only: once started, a request runs to its own timeout.
    const waiting = new AbortController();
    const queuedAt = performance.now();
    let started = false;
    const deadline = setTimeout(() => {
      if (started) return;
      const retryAfter = Math.max(1, Math.ceil(queue.size / this.options.perSecond));
      waiting.abort(
        new UpstreamBusyError(
          `No slot for this Zaptec account within ${this.options.maxWaitMs} ms`,
          retryAfter,
        ),
      );
    }, this.options.maxWaitMs);
    try {
      return await queue.add(
        () => {
          started = true;
          slot.lastStartAt = Date.now();
          clearTimeout(deadline);
          this.observer?.waited(performance.now() - queuedAt);
          return task();
        },
        { priority, signal: waiting.signal },
      );
    } finally {
      clearTimeout(deadline);
      setTimeout(() => this.forgetIfIdle(account, slot), WINDOW_MS).unref();
    }
  }

  /**
   * Upstream answered 429 anyway (another client on the same account): hold this account's queue
   * until Retry-After has passed; overlapping pauses end with the longest. One timer per account
   * ends the pause and always resumes: a later, longer pause replaces it. (Comparing Date.now()
   * with the pause's end when the timer fires would strand the queue for good whenever the timer
   * came due a millisecond early by that clock, which Node's timers do: they run on the
   * monotonic clock, rounded to whole milliseconds apart from Date.now().)
   */
  pause(account: string, ms: number): void {
    const slot = this.slotFor(account);
    const until = Date.now() + ms;
    if (slot.resumeTimer && until <= slot.pausedUntil) return;
    slot.pausedUntil = until;
    slot.queue.pause();
    clearTimeout(slot.resumeTimer);
    slot.resumeTimer = setTimeout(() => this.resume(account, slot), ms);
    slot.resumeTimer.unref();
  }

  private resume(account: string, slot: Slot): void {
    slot.resumeTimer = undefined;
    slot.pausedUntil = 0;
    slot.queue.start();
    // A paused account nobody called again must not stay in memory.
    setTimeout(() => this.forgetIfIdle(account, slot), WINDOW_MS).unref();
  }

  private slotFor(account: string): Slot {
    let slot = this.slots.get(account);
    if (!slot) {
      slot = {
        queue: new PQueue({ ...halfSecondWindows(this.options.perSecond), strict: true }),
        pausedUntil: 0,
        lastStartAt: 0,
      };
      this.slots.set(account, slot);
    }
    return slot;
  }

  /**
   * Accounts come and go (every signed-in user is one): forget a queue once it is idle and its
   * window is empty. Forgetting it earlier would let the next request skip the limit.
   */
  private forgetIfIdle(account: string, slot: Slot): void {
    const { queue } = slot;
    const windowEmpty = Date.now() - slot.lastStartAt >= WINDOW_MS;
    if (
      queue.size === 0 &&
      queue.pending === 0 &&
      !slot.resumeTimer &&
      windowEmpty &&
      this.slots.get(account) === slot
    ) {
      this.slots.delete(account);
    }
  }
}

/** The same rate in windows of about half a second (whole requests per window). */
function halfSecondWindows(perSecond: number): { intervalCap: number; interval: number } {
  const intervalCap = Math.max(1, Math.floor(perSecond / 2));
  return { intervalCap, interval: Math.round((intervalCap / perSecond) * WINDOW_MS) };
}
