import { LoginQueue } from './login-queue';

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
});
