import PQueue from 'p-queue';
import { UpstreamBusyError } from './upstream-errors';

/** User commands jump the queue; background reads (ingestion) wait behind everything. */
export const Priority = { command: 2, read: 1, background: 0 } as const;

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
 * one account's traffic. p-queue's strict (sliding-window) mode starts at most `perSecond`
 * requests in any second, which a token bucket of 10/s with burst 15 always accepts.
 */
export class AccountLimiter {
  private readonly queues = new Map<string, PQueue>();

  constructor(private readonly options: LimiterOptions) {}

  async schedule<T>(account: string, priority: number, task: () => Promise<T>): Promise<T> {
    const queue = this.queueFor(account);
    if (queue.size >= this.options.maxQueued) {
      throw new UpstreamBusyError(
        `More than ${this.options.maxQueued} requests wait for this Zaptec account`,
        1,
      );
    }
    // The deadline covers the wait only: once started, a request runs to its own timeout.
    const waiting = new AbortController();
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
          clearTimeout(deadline);
          return task();
        },
        { priority, signal: waiting.signal },
      );
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Upstream answered 429 anyway (another client on the same account): hold its queue. */
  pause(account: string, ms: number): void {
    const queue = this.queueFor(account);
    queue.pause();
    setTimeout(() => queue.start(), ms).unref();
  }

  private queueFor(account: string): PQueue {
    let queue = this.queues.get(account);
    if (!queue) {
      queue = new PQueue({ intervalCap: this.options.perSecond, interval: 1000, strict: true });
      this.queues.set(account, queue);
    }
    return queue;
  }
}
