import { HttpStatus, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ApiProblem } from '../../core/errors/problem';
import { statusOf } from '../../core/errors/error-status';

/** How long a key is remembered (the common convention, e.g. Stripe: 24 h). */
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Keys remembered per user; past this many the user's own least recently used go first, so no
 * user can push out anyone else's keys. A retry comes within minutes of its request, so the
 * newest 1000 keys cover the retries of even a busy account.
 */
export const MAX_KEYS_PER_USER = 1000;
/** Users with keys remembered; the least recently active go first (bounds the memory). */
const MAX_USERS = 10_000;

interface Remembered {
  /** What the key was first used for; the same key for anything else is a client bug. */
  readonly fingerprint: string;
  readonly outcome: Promise<unknown>;
}

export interface IdempotentResult<T> {
  value: T;
  /** True when this is the outcome of an earlier (or concurrent) request with the same key. */
  replayed: boolean;
}

/**
 * `Idempotency-Key` for commands: the first request with a key runs; a retry with the same key
 * and the same request gets the first outcome (success or a definite 4xx) without running again, and a
 * concurrent duplicate waits for the same run. A 5xx, 401 or 429 outcome (upstream down, timeout,
 * busy, sign-in expired) is forgotten, so the client's retry really retries. Keys are the
 * caller's own: two users may pick the same key without meeting.
 *
 * In memory, per instance (lru-cache): with several instances behind a load balancer a retry
 * reaching another instance runs again; a shared store (Redis) belongs with the cache layer.
 */
@Injectable()
export class CommandIdempotency {
  private readonly users = new LRUCache<string, LRUCache<string, Remembered>>({
    max: MAX_USERS,
    ttl: KEY_TTL_MS,
  });

  async run<T>(
    owner: string,
    key: string,
    fingerprint: string,
    work: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    const entries = this.keysOf(owner);
    const known = entries.get(key);
    if (known) {
      if (known.fingerprint !== fingerprint) {
        throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request; use a new key for a new command.',
        );
      }
      return { value: (await known.outcome) as T, replayed: true };
    }
    const outcome = work();
    entries.set(key, { fingerprint, outcome });
    outcome.catch((error: unknown) => {
      if (!isClientError(error) && entries.get(key)?.outcome === outcome) entries.delete(key);
    });
    return { value: await outcome, replayed: false };
  }

  private keysOf(owner: string): LRUCache<string, Remembered> {
    let entries = this.users.get(owner);
    if (!entries) {
      entries = new LRUCache<string, Remembered>({ max: MAX_KEYS_PER_USER, ttl: KEY_TTL_MS });
    }
    // Set on every use: the user's keys live as long as their newest one.
    this.users.set(owner, entries);
    return entries;
  }
}

/** Statuses that a retry may well change: an expired sign-in, a timeout, a rate limit. */
const TRANSIENT_CLIENT_ERRORS = new Set([401, 408, 429]);

/** A definite answer about this request, worth replaying (a 409 refusal, a 404...). */
function isClientError(error: unknown): boolean {
  const status = statusOf(error);
  return status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(status);
}
