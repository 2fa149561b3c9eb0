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

  it("lets the owner's right password in from a fresh address after 100 wrong tries from 22 others", async () => {
    const throttle = new LoginThrottle();
    const addresses = Array.from({ length: 22 }, (_, index) => `10.0.0.${index + 1}`);
    for (let attempt = 0; attempt < 100; attempt++) {
      await throttle.admit('owner@x', addresses[attempt % addresses.length]);
    }
    await expect(throttle.admit('owner@x', '198.51.100.1')).resolves.toBeUndefined();
  });

  it('slows a username under attack down to one attempt an hour per address, without locking it', async () => {
    const throttle = new LoginThrottle({ failuresPerUsernamePerDay: 3 });
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      await throttle.admit('owner@x', address);
    }
    await throttle.admit('owner@x', '10.0.0.4');
    const problem = await refusal(throttle.admit('owner@x', '10.0.0.4'));
    expect(problem.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(problem.headers['retry-after'])).toBeGreaterThan(3_500);
    // Every other address still gets its one try, and other usernames are not slowed.
    await expect(throttle.admit('owner@x', '10.0.0.5')).resolves.toBeUndefined();
    await expect(throttle.admit('driver@x', '10.0.0.4')).resolves.toBeUndefined();
  });

  it('gives an address its hourly try back when it signed in, and keeps counting the attack', async () => {
    const throttle = new LoginThrottle({ failuresPerUsernamePerDay: 2 });
    await throttle.admit('owner@x', '10.0.0.1');
    await throttle.admit('owner@x', '10.0.0.2');
    await throttle.admit('owner@x', '198.51.100.1');
    await throttle.succeeded('owner@x', '198.51.100.1');
    await expect(throttle.admit('owner@x', '198.51.100.1')).resolves.toBeUndefined();
    await throttle.admit('owner@x', '10.0.0.3');
    await refusal(throttle.admit('owner@x', '10.0.0.3'));
  });

  it('limits the failures of one address across usernames (credential stuffing), not its successes', async () => {
    const throttle = new LoginThrottle({ failuresPerAddressPerHour: 3 });
    for (const user of ['a', 'b', 'c']) {
      await throttle.admit(user, ADDRESS);
      await throttle.succeeded(user, ADDRESS);
    }
    for (const user of ['d', 'e', 'f']) await throttle.admit(user, ADDRESS);
    const problem = await refusal(throttle.admit('g', ADDRESS));
    expect(problem.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(problem.headers['retry-after'])).toBeGreaterThan(3_500);
    await expect(throttle.admit('g', '198.51.100.1')).resolves.toBeUndefined();
  });

  it('does not count a refused attempt as a failure of its address', async () => {
    const throttle = new LoginThrottle({
      attemptsPerUsernameAndAddress: 1,
      failuresPerAddressPerHour: 2,
    });
    await throttle.admit('owner@x', ADDRESS);
    for (let attempt = 0; attempt < 5; attempt++) await refusal(throttle.admit('owner@x', ADDRESS));
    await expect(throttle.admit('driver@x', ADDRESS)).resolves.toBeUndefined();
  });
});
