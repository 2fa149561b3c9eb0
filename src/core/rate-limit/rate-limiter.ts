import { LRUCache } from 'lru-cache';

/** What one request costs its caller's quota, and what is left (for the RateLimit headers). */
export interface RateDecision {
  readonly allowed: boolean;
  /** The policy's name in the headers, e.g. `per-user`. */
  readonly policy: string;
  /** Requests per window. */
  readonly quota: number;
  readonly windowS: number;
  /** Requests left in the current window (0 once refused). */
  readonly remaining: number;
  /** Seconds until the window ends and the quota is whole again. */
  readonly resetS: number;
}

interface Window {
  readonly startedAt: number;
  count: number;
}

/**
 * Fixed windows per caller (a key or a signed-in user): `quota` requests per `windowMs`, the
 * window starting at the caller's first request. Synchronous, so the cache's hot path counts a
 * hit without a promise; in memory, per process (each instance of a scaled-out gateway limits
 * on its own, as the response cache does until its Redis store exists). The windows sit in an
 * LRU bounded by callers, each forgotten once its window is over.
 */
export class RateLimiter {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly windowMs = 60_000,
    maxCallers = 100_000,
  ) {
    this.windows = new LRUCache({ max: maxCallers, ttl: windowMs, ttlAutopurge: false });
  }

  /** Counts one request of `caller` against `quota`; `quota` 0 means no limit. */
  take(policy: string, caller: string, quota: number, now = Date.now()): RateDecision | undefined {
    if (quota <= 0) return undefined;
    const key = `${policy}\u0000${caller}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window, { ttl: this.windowMs });
    }
    const allowed = window.count < quota;
    if (allowed) window.count += 1;
    return {
      allowed,
      policy,
      quota,
      windowS: Math.ceil(this.windowMs / 1000),
      remaining: quota - window.count,
      resetS: Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)),
    };
  }
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-11 §3, §4) and, when
 * refused, Retry-After (RFC 9110 §10.2.3), as name, value, … (the shape `writeHead` takes).
 */
export function rateLimitHeaders(decision: RateDecision): string[] {
  const name = `"${decision.policy}"`;
  const headers = [
    'ratelimit-policy',
    `${name};q=${decision.quota};w=${decision.windowS}`,
    'ratelimit',
    `${name};r=${decision.remaining};t=${decision.resetS}`,
  ];
  if (!decision.allowed) headers.push('retry-after', String(decision.resetS));
  return headers;
}
