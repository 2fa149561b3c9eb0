/** The upstream breaker's state, as an operator reads it. */
export type BreakerState = 'closed' | 'half-open' | 'open';

/**
 * What the Zaptec client reports about its own work (GET /metrics counts it). A plain interface,
 * so upstream/ knows nothing of who listens; every method must be cheap and must not throw.
 */
export interface ZaptecObserver {
  /** One HTTP exchange with Zaptec ended: its status, or `error` when no answer came. */
  answered(route: string, status: number | 'error'): void;
  /** A call got its turn in its account's queue after waiting `ms`. */
  waited(ms: number): void;
  breakerChanged(state: BreakerState): void;
  /** `read` tells how many calls wait in all account queues, whenever someone asks. */
  watchQueueDepth(read: () => number): void;
}

/** Provides the observer in Nest (core/metrics does); the client works without one. */
export const ZAPTEC_OBSERVER = Symbol('ZAPTEC_OBSERVER');

/**
 * The path pattern of an upstream call, for labels: every segment that is not a plain word
 * (ids are UUIDs or numbers, e.g. a command id) becomes `{id}`, so the number of distinct
 * labels stays that of Zaptec's endpoints. `/api/chargers/6f0c…/state` → `/api/chargers/{id}/state`.
 */
export function upstreamRoute(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (segment === '' || /^[A-Za-z]+$/.test(segment) ? segment : '{id}'))
    .join('/');
}
