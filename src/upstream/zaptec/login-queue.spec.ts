import { LoginQueue } from './login-queue';
import { UpstreamHttpError } from './upstream-errors';

const nginx503 = () =>
  new UpstreamHttpError(
    503,
    '<title>503 Service Temporarily Unavailable</title>',
    undefined,
    'POST',
  );

describe('LoginQueue', () => {
  it('shares one login between concurrent callers with the same credentials', async () => {
    const queue = new LoginQueue();
    let logins = 0;
    const login = () => Promise.resolve(`token${++logins}`);
    const tokens = await Promise.all([
      queue.run('Owner@x', 'secret', login),
      queue.run('owner@x', 'secret', login),
    ]);
    expect(tokens).toEqual(['token1', 'token1']);
  });

  it('never hands the token of a right password to a caller with a wrong one', async () => {
    const queue = new LoginQueue();
    const [right, wrong] = await Promise.allSettled([
      queue.run('owner@x', 'secret', () => Promise.resolve('token')),
      queue.run('owner@x', 'guess', () => Promise.reject(new Error('invalid_grant'))),
    ]);
    expect(right).toEqual({ status: 'fulfilled', value: 'token' });
    expect(wrong).toMatchObject({ status: 'rejected', reason: new Error('invalid_grant') });
  });

  it('signs in one account per second across the gateway', async () => {
    const queue = new LoginQueue();
    const begin = Date.now();
    const at = await Promise.all(
      ['a', 'b', 'c'].map((user) =>
        queue.run(user, 'p', () => Promise.resolve(Date.now() - begin)),
      ),
    );
    expect(at[2] - at[0]).toBeGreaterThanOrEqual(1_900);
  }, 10_000);

  it('tries a login once more, a slot later, when Zaptec throttles it with nginx 503', async () => {
    const queue = new LoginQueue();
    const tries: number[] = [];
    const begin = Date.now();
    const token = await queue.run('owner@x', 'secret', () => {
      tries.push(Date.now() - begin);
      return tries.length === 1 ? Promise.reject(nginx503()) : Promise.resolve('token');
    });
    expect(token).toBe('token');
    expect(tries).toHaveLength(2);
    expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(1_000);
  }, 10_000);

  it('gives up after the second throttled try and does not retry other failures', async () => {
    const queue = new LoginQueue();
    let throttled = 0;
    await expect(
      queue.run('owner@x', 'secret', () => (throttled++, Promise.reject(nginx503()))),
    ).rejects.toMatchObject({ status: 503 });
    expect(throttled).toBe(2);
    let refused = 0;
    await expect(
      queue.run('owner@x', 'guess', () => {
        refused++;
        return Promise.reject(new UpstreamHttpError(400, '{"error":"invalid_grant"}', undefined));
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(refused).toBe(1);
  }, 10_000);
});
