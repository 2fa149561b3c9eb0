import { UpstreamBudget } from './upstream-budget';

describe('UpstreamBudget', () => {
  afterEach(() => jest.useRealTimers());

  it('starts at most maxPerSecond calls per account, one at a time', async () => {
    const budget = new UpstreamBudget(5, () => 0);
    const begin = Date.now();
    const starts: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        budget.run('a', 'poll', async () => {
          starts.push(Date.now() - begin);
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
    // 200 ms apart: the sixth start comes a second after the first.
    expect(starts[5]).toBeGreaterThanOrEqual(990);
    for (let at = 1; at < starts.length; at++) {
      expect(starts[at] - starts[at - 1]).toBeGreaterThanOrEqual(195);
    }
  });

  it('steps aside while user calls of the account wait in the limiter, and not for other accounts', async () => {
    jest.useFakeTimers();
    let usersWaiting = 1;
    const budget = new UpstreamBudget(10, (account) => (account === 'a' ? usersWaiting : 0));
    let aStarted = false;
    void budget.turn('a', 'poll').then(() => (aStarted = true));
    let bStarted = false;
    void budget.turn('b', 'poll').then(() => (bStarted = true));
    await jest.advanceTimersByTimeAsync(500);
    expect([aStarted, bStarted]).toEqual([false, true]);
    usersWaiting = 0;
    await jest.advanceTimersByTimeAsync(100);
    expect(aStarted).toBe(true);
  });

  it('gives polls their turn before history pages, and history before backfill', async () => {
    const budget = new UpstreamBudget(100, () => 0);
    const order: string[] = [];
    const first = await budget.turn('a', 'history'); // holds the account
    const waiting = [
      budget.run('a', 'backfill', () => Promise.resolve(order.push('backfill'))),
      budget.run('a', 'history', () => Promise.resolve(order.push('history'))),
      budget.run('a', 'poll', () => Promise.resolve(order.push('poll'))),
    ];
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['poll', 'history', 'backfill']);
  });

  it('refuses an aborted turn and every waiting turn when closed', async () => {
    const budget = new UpstreamBudget(1, () => 0);
    const held = await budget.turn('a', 'poll');
    const abort = new AbortController();
    const aborted = budget.turn('a', 'poll', abort.signal);
    abort.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    const closed = budget.turn('a', 'history');
    budget.close(new Error('closed'));
    await expect(closed).rejects.toThrow('closed');
    held();
  });
});
