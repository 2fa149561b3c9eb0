import { AccountLimiter } from './account-limiter';
import { UpstreamBusyError } from './upstream-errors';

const options = { perSecond: 10, maxQueued: 100, maxWaitMs: 5_000 };

describe('AccountLimiter', () => {
  it('starts at most perSecond requests of one account in any second', async () => {
    const limiter = new AccountLimiter(options);
    const starts: number[] = [];
    const begin = Date.now();
    await Promise.all(
      Array.from({ length: 15 }, () =>
        limiter.schedule('a', 1, () => Promise.resolve(starts.push(Date.now() - begin))),
      ),
    );
    expect(starts.filter((at) => at < 900)).toHaveLength(10);
    expect(Math.min(...starts.slice(10))).toBeGreaterThanOrEqual(990);
  });

  it('spreads a burst over half seconds, so requests bunched up on the way still fit the burst of 15', async () => {
    const limiter = new AccountLimiter(options);
    const starts: number[] = [];
    const begin = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.schedule('a', 1, () => Promise.resolve(starts.push(Date.now() - begin))),
      ),
    );
    expect(starts.filter((at) => at < 400)).toHaveLength(5);
    expect(Math.min(...starts.slice(5))).toBeGreaterThanOrEqual(490);
  });

  it('lets a long request run past the wait deadline once it has started', async () => {
    const limiter = new AccountLimiter({ ...options, maxWaitMs: 50 });
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 200));
    await expect(limiter.schedule('a', 1, slow)).resolves.toBe('done');
  });

  it('refuses a request that cannot start before its deadline', async () => {
    const limiter = new AccountLimiter({ ...options, perSecond: 1, maxWaitMs: 100 });
    await limiter.schedule('a', 1, () => Promise.resolve());
    await expect(limiter.schedule('a', 1, () => Promise.resolve())).rejects.toBeInstanceOf(
      UpstreamBusyError,
    );
  });

  it('keeps limiting an account whose queue went idle within the last second', async () => {
    const limiter = new AccountLimiter({ ...options, perSecond: 2 });
    const begin = Date.now();
    await limiter.schedule('a', 1, () => Promise.resolve());
    await limiter.schedule('a', 1, () => Promise.resolve());
    const third = await limiter.schedule('a', 1, () => Promise.resolve(Date.now() - begin));
    expect(third).toBeGreaterThanOrEqual(990);
  });

  it('holds a paused account until the longest Retry-After has passed, and no other account', async () => {
    const limiter = new AccountLimiter(options);
    limiter.pause('a', 400);
    limiter.pause('a', 50);
    const begin = Date.now();
    const [paused, other] = await Promise.all([
      limiter.schedule('a', 1, () => Promise.resolve(Date.now() - begin)),
      limiter.schedule('b', 1, () => Promise.resolve(Date.now() - begin)),
    ]);
    expect(paused).toBeGreaterThanOrEqual(390);
    expect(other).toBeLessThan(100);
  });

  it('tells how many calls of one account wait for their turn, not counting running ones or other accounts', async () => {
    const limiter = new AccountLimiter({ ...options, perSecond: 2 });
    expect(limiter.queuedFor('a')).toBe(0);
    const calls = Array.from({ length: 4 }, () =>
      limiter.schedule('a', 1, () => Promise.resolve()),
    );
    void limiter.schedule('b', 1, () => Promise.resolve());
    // A window of one start per half second: one runs, three wait.
    expect(limiter.queuedFor('a')).toBe(3);
    expect(limiter.queuedFor('b')).toBe(0);
    await Promise.all(calls);
    expect(limiter.queuedFor('a')).toBe(0);
  });

  it('starts a higher priority (a user command) before waiting reads', async () => {
    const limiter = new AccountLimiter({ ...options, perSecond: 1 });
    const order: string[] = [];
    const reads = Array.from({ length: 3 }, (_, index) =>
      limiter.schedule('a', 1, () => Promise.resolve(order.push(`read${index}`))),
    );
    const command = limiter.schedule('a', 2, () => Promise.resolve(order.push('command')));
    await Promise.all([...reads, command]);
    expect(order).toEqual(['read0', 'command', 'read1', 'read2']);
  }, 10_000);
});

describe('AccountLimiter pauses (429 Retry-After)', () => {
  afterEach(() => jest.useRealTimers());

  /** True when a request of `account` starts within `withinMs` (its queue is not held). */
  const servedWithin = (limiter: AccountLimiter, account: string, withinMs: number) =>
    Promise.race([
      limiter.schedule(account, 1, () => Promise.resolve(true)),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), withinMs)),
    ]);

  it('resumes a paused account even when its timer fires before the clock reaches Retry-After', async () => {
    // Node's timers count from the event loop's cached time, which lags Date.now() by however
    // long the current tick has run: a timer can fire some milliseconds early by Date.now().
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new AccountLimiter(options);
    limiter.pause('a', 1_000);
    jest.setSystemTime(Date.now() - 1); // timers keep their delay; the clock now reads 1 ms behind
    await jest.advanceTimersByTimeAsync(1_000);
    const served = servedWithin(limiter, 'a', 100);
    await jest.advanceTimersByTimeAsync(100);
    await expect(served).resolves.toBe(true);
  });

  it('leaves no account paused after the longest Retry-After of many overlapping pauses', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new AccountLimiter(options);
    const accounts = Array.from({ length: 30 }, (_, index) => `user${index}`);
    let longestEnd = 0;
    for (let index = 0; index < 300; index++) {
      const retryAfterMs = 1_000 + ((index * 337) % 2_000);
      limiter.pause(accounts[index % accounts.length], retryAfterMs);
      longestEnd = Math.max(longestEnd, Date.now() + retryAfterMs);
      // Date.now() and the timers' monotonic clock round to whole ms apart, so a timer may come
      // due by its clock while Date.now() still reads a millisecond short: every 7th pause here.
      if (index % 7 === 0) jest.setSystemTime(Date.now() - 1);
      await jest.advanceTimersByTimeAsync(3);
    }
    await jest.advanceTimersByTimeAsync(Math.max(0, longestEnd - Date.now()));
    const served = Promise.all(accounts.map((account) => servedWithin(limiter, account, 100)));
    await jest.advanceTimersByTimeAsync(100);
    const outcomes = await served;
    expect(accounts.filter((_, index) => !outcomes[index])).toEqual([]);
  });

  it('keeps the longer of two overlapping pauses, whatever their order', async () => {
    const limiter = new AccountLimiter(options);
    limiter.pause('a', 50);
    limiter.pause('a', 300);
    const begin = Date.now();
    const startedAfter = await limiter.schedule('a', 1, () => Promise.resolve(Date.now() - begin));
    expect(startedAfter).toBeGreaterThanOrEqual(290);
  });

  it('forgets an account that was paused and then stayed idle', async () => {
    jest.useFakeTimers();
    const limiter = new AccountLimiter(options);
    for (let index = 0; index < 100; index++) limiter.pause(`user${index}`, 1_000);
    expect(limiter.accountCount).toBe(100);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(limiter.accountCount).toBe(0);
  });
});
