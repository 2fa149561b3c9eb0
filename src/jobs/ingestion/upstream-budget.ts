/** Ingestion's kinds of upstream calls, most urgent first: a late poll loses a value, a late page does not. */
export type BudgetClass = 'poll' | 'history' | 'backfill';
const RANK: Readonly<Record<BudgetClass, number>> = { poll: 0, history: 1, backfill: 2 };

/** How often a held-back account is looked at again (user calls waiting, spacing not over). */
const RECHECK_MS = 50;

interface Waiter {
  readonly rank: number;
  readonly grant: (release: () => void) => void;
  readonly refuse: (reason: Error) => void;
}

interface AccountState {
  busy: boolean;
  nextAt: number;
  timer: NodeJS.Timeout | undefined;
  readonly waiters: Waiter[];
}

/**
 * Ingestion's share of one account's upstream budget. Every ingestion call first takes a turn
 * here: one call at a time per account, starts at least 1000/maxPerSecond ms apart, and none
 * while any call of that account waits in the limiter (a user's read or command: they go first
 * even before the limiter's priority would sort them). So ingestion never has more than one
 * call queued per account and never sends more than maxPerSecond; the limiter's own 10/s and its
 * priorities still apply on top. Among ingestion's calls, polls go before history pages before
 * backfill pages.
 */
export class UpstreamBudget {
  private readonly accounts = new Map<string, AccountState>();
  private readonly spacingMs: number;

  constructor(
    maxPerSecond: number,
    private readonly usersWaiting: (account: string) => number,
    private readonly now: () => number = Date.now,
  ) {
    this.spacingMs = 1000 / maxPerSecond;
  }

  /** Resolves with `release` once it is this call's turn; call `release` when the call ended. */
  turn(account: string, kind: BudgetClass, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    const state = this.stateOf(account);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        rank: RANK[kind],
        grant: resolve,
        refuse: reject,
      };
      state.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const at = state.waiters.indexOf(waiter);
          if (at >= 0) {
            state.waiters.splice(at, 1);
            reject(reasonOf(signal));
          }
        },
        { once: true },
      );
      this.pump(account, state);
    });
  }

  /** Runs `call` in its turn and releases the turn when it settles. */
  async run<T>(
    account: string,
    kind: BudgetClass,
    call: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const release = await this.turn(account, kind, signal);
    try {
      return await call();
    } finally {
      release();
    }
  }

  /** Refuses every waiting turn (shutdown). */
  close(reason: Error = new Error('ingestion stopped')): void {
    for (const state of this.accounts.values()) {
      clearTimeout(state.timer);
      state.timer = undefined;
      for (const waiter of state.waiters.splice(0)) waiter.refuse(reason);
    }
  }

  private stateOf(account: string): AccountState {
    let state = this.accounts.get(account);
    if (!state) {
      state = { busy: false, nextAt: 0, timer: undefined, waiters: [] };
      this.accounts.set(account, state);
    }
    return state;
  }

  private pump(account: string, state: AccountState): void {
    if (state.busy || state.timer || state.waiters.length === 0) return;
    const now = this.now();
    if (now < state.nextAt || this.usersWaiting(account) > 0) {
      const delay = now < state.nextAt ? Math.ceil(state.nextAt - now) : RECHECK_MS;
      state.timer = setTimeout(() => {
        state.timer = undefined;
        this.pump(account, state);
      }, delay);
      state.timer.unref();
      return;
    }
    let best = 0;
    for (let at = 1; at < state.waiters.length; at++) {
      if (state.waiters[at].rank < state.waiters[best].rank) best = at;
    }
    const [waiter] = state.waiters.splice(best, 1);
    state.busy = true;
    state.nextAt = now + this.spacingMs;
    let released = false;
    waiter.grant(() => {
      if (released) return;
      released = true;
      state.busy = false;
      this.pump(account, state);
    });
  }
}

function reasonOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
