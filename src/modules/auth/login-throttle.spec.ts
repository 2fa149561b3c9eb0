import { ApiProblem } from '../../core/errors/problem';
import { LoginThrottle } from './login-throttle';

const ADDRESS = '203.0.113.7';

async function refusal(attempt: Promise<unknown>): Promise<ApiProblem> {
  const error: unknown = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiProblem)) throw new Error('the attempt was not refused');
  return error;
}

describe('LoginThrottle', () => {
  it('refuses a username with 429 and Retry-After once its attempts are used up', async () => {
    const throttle = new LoginThrottle({
      attemptsPerUsernameAndAddress: 3,
      usernameWindowSeconds: 600,
    });
    for (let attempt = 0; attempt < 3; attempt++) await throttle.admit('owner@x', ADDRESS);
    const problem = await refusal(throttle.admit('Owner@X ', ADDRESS));
    expect([problem.getStatus(), problem.code]).toEqual([429, 'TOO_MANY_LOGIN_ATTEMPTS']);
    expect(Number(problem.headers['retry-after'])).toBeGreaterThan(590);
    await expect(throttle.admit('driver@x', ADDRESS)).resolves.toBeUndefined();
  });

  it('counts concurrent attempts before any of them has finished', async () => {
    const throttle = new LoginThrottle({ attemptsPerUsernameAndAddress: 5 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => throttle.admit('owner@x', ADDRESS)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
  });

  it('admits the username again once the window has passed', async () => {
    const throttle = new LoginThrottle({
      attemptsPerUsernameAndAddress: 2,
      usernameWindowSeconds: 1,
    });
    await throttle.admit('owner@x', ADDRESS);
    await throttle.admit('owner@x', ADDRESS);
    await refusal(throttle.admit('owner@x', ADDRESS));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(throttle.admit('owner@x', ADDRESS)).resolves.toBeUndefined();
  });

  it('forgets the attempts of a username that signed in successfully', async () => {
    const throttle = new LoginThrottle({ attemptsPerUsernameAndAddress: 2 });
    await throttle.admit('owner@x', ADDRESS);
    await throttle.admit('owner@x', ADDRESS);
    await throttle.succeeded('owner@x', ADDRESS);
    await expect(throttle.admit('owner@x', ADDRESS)).resolves.toBeUndefined();
  });

  it('does not count an attempt that ended without a verdict (Zaptec unreachable)', async () => {
    const throttle = new LoginThrottle({ attemptsPerUsernameAndAddress: 1 });
    await throttle.admit('owner@x', ADDRESS);
    await throttle.inconclusive('owner@x', ADDRESS);
    await expect(throttle.admit('owner@x', ADDRESS)).resolves.toBeUndefined();
  });

  it('limits the attempts of one client address across usernames', async () => {
    const throttle = new LoginThrottle({ attemptsPerAddress: 3 });
    for (const user of ['a', 'b', 'c']) await throttle.admit(user, ADDRESS);
    const problem = await refusal(throttle.admit('d', ADDRESS));
    expect(problem.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    await expect(throttle.admit('d', '198.51.100.1')).resolves.toBeUndefined();
  });

  it("does not lock the real user out over a stranger's wrong passwords from elsewhere", async () => {
    const throttle = new LoginThrottle({ attemptsPerUsernameAndAddress: 2 });
    await throttle.admit('owner@x', ADDRESS);
    await throttle.admit('owner@x', ADDRESS);
    await refusal(throttle.admit('owner@x', ADDRESS));
    await expect(throttle.admit('owner@x', '198.51.100.1')).resolves.toBeUndefined();
  });

  it('caps the attempts for one username spread over many addresses', async () => {
    const throttle = new LoginThrottle({ attemptsPerUsernamePerDay: 3 });
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      await throttle.admit('owner@x', address);
    }
    const problem = await refusal(throttle.admit('owner@x', '10.0.0.4'));
    expect(problem.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
  });
});
