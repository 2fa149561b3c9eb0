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
