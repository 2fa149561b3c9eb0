import { HttpStatus } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiProblem } from '../../core/errors/problem';

/** Failed sign-ins per username before a pause (guessing passwords is what this stops). */
const FAILURES_PER_USERNAME = 5;
const USERNAME_WINDOW_S = 15 * 60;
/** Attempts per client address per minute, failed or not (spraying many usernames). */
const ATTEMPTS_PER_ADDRESS = 30;

/**
 * Login brute-force protection with rate-limiter-flexible: consecutive failures per username and
 * a budget per client address. A success clears the username's failures.
 */
export class LoginThrottle {
  private readonly failures = new RateLimiterMemory({
    keyPrefix: 'login-fail',
    points: FAILURES_PER_USERNAME,
    duration: USERNAME_WINDOW_S,
  });
  private readonly attempts = new RateLimiterMemory({
    keyPrefix: 'login-ip',
    points: ATTEMPTS_PER_ADDRESS,
    duration: 60,
  });

  /** Throws 429 when this username or address must wait; counts the attempt for the address. */
  async admit(username: string, address: string): Promise<void> {
    const failed = await this.failures.get(key(username));
    if (failed && failed.remainingPoints <= 0) throw throttled(failed);
    try {
      await this.attempts.consume(address);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw throttled(rejection);
      throw rejection;
    }
  }

  async failed(username: string): Promise<void> {
    await this.failures.penalty(key(username));
  }

  async succeeded(username: string): Promise<void> {
    await this.failures.delete(key(username));
  }
}

const key = (username: string) => username.trim().toLowerCase();

function throttled(result: RateLimiterRes): ApiProblem {
  const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return new ApiProblem(
    HttpStatus.TOO_MANY_REQUESTS,
    'TOO_MANY_LOGIN_ATTEMPTS',
    `Too many sign-in attempts; try again in ${seconds} s.`,
    {},
    { 'retry-after': String(seconds) },
  );
}
