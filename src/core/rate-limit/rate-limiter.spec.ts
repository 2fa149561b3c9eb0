import { RateLimiter, rateLimitHeaders } from './rate-limiter';

describe('RateLimiter', () => {
  const at = Date.UTC(2026, 11, 3, 12, 0, 0);

  it('admits the quota in a window, refuses the next, and admits again once it is over', () => {
    const limiter = new RateLimiter(60_000);
    const decisions = Array.from({ length: 4 }, (_, i) =>
      limiter.take('per-key', 'k1', 3, at + i * 1000),
    );
    expect(decisions.map((d) => d?.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d?.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]?.resetS).toBe(57);
    expect(limiter.take('per-key', 'k1', 3, at + 59_999)?.allowed).toBe(false);
    expect(limiter.take('per-key', 'k1', 3, at + 60_000)).toEqual({
      allowed: true,
      policy: 'per-key',
      quota: 3,
      windowS: 60,
      remaining: 2,
      resetS: 60,
    });
  });

  it('keeps callers and policies apart, and a quota of 0 is no limit', () => {
    const limiter = new RateLimiter(60_000);
    expect(limiter.take('per-key', 'a', 1, at)?.allowed).toBe(true);
    expect(limiter.take('per-key', 'a', 1, at)?.allowed).toBe(false);
    expect(limiter.take('per-key', 'b', 1, at)?.allowed).toBe(true);
    expect(limiter.take('per-user', 'a', 1, at)?.allowed).toBe(true);
    expect(limiter.take('per-user', 'c', 0, at)).toBeUndefined();
  });

  it('says the policy and what is left in the IETF header fields, with Retry-After when refused', () => {
    const limiter = new RateLimiter(60_000);
    expect(rateLimitHeaders(limiter.take('per-user', 'u', 2, at)!)).toEqual([
      'ratelimit-policy',
      '"per-user";q=2;w=60',
      'ratelimit',
      '"per-user";r=1;t=60',
    ]);
    limiter.take('per-user', 'u', 2, at + 10_000);
    expect(rateLimitHeaders(limiter.take('per-user', 'u', 2, at + 30_500)!)).toEqual([
      'ratelimit-policy',
      '"per-user";q=2;w=60',
      'ratelimit',
      '"per-user";r=0;t=30',
      'retry-after',
      '30',
    ]);
  });
});
