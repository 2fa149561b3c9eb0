import { HttpStatus } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiProblem } from '../../core/errors/problem';

export interface LoginThrottleOptions {
  /** Sign-in attempts per username without a success before a pause (stops password guessing). */
  attemptsPerUsername: number;
  usernameWindowSeconds: number;
  /** Attempts per client address per minute, failed or not (stops spraying many usernames). */
  attemptsPerAddress: number;
}

const DEFAULTS: LoginThrottleOptions = {
  attemptsPerUsername: 5,
  usernameWindowSeconds: 15 * 60,
  attemptsPerAddress: 30,
};

/**
 * Login brute-force protection with rate-limiter-flexible: attempts per username that have not
 * (yet) succeeded, and a budget per client address. A success clears the username's count.
 *
 * An attempt is counted when it is admitted, not when Zaptec has refused it: sign-ins wait in the
 * login queue for seconds, and counting only finished failures let a burst of concurrent guesses
 * all pass the check before the first one was counted.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly pending;
  private readonly attempts;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.pending = new RateLimiterMemory({
      keyPrefix: 'login-user',
      points: this.options.attemptsPerUsername,
      duration: this.options.usernameWindowSeconds,
    });
    this.attempts = new RateLimiterMemory({
      keyPrefix: 'login-ip',
      points: this.options.attemptsPerAddress,
      duration: 60,
    });
  }

  /** Throws 429 when this username or address must wait; counts the attempt for both. */
  async admit(username: string, address: string): Promise<void> {
    await consumeOrThrottle(this.attempts, address);
    await consumeOrThrottle(this.pending, key(username));
  }

  /** The attempt ended without a verdict on the password (e.g. Zaptec unreachable): not a guess. */
  async inconclusive(username: string): Promise<void> {
    await this.pending.reward(key(username));
  }

  async succeeded(username: string): Promise<void> {
    await this.pending.delete(key(username));
  }
}

const key = (username: string) => username.trim().toLowerCase();

async function consumeOrThrottle(limiter: RateLimiterMemory, id: string): Promise<void> {
  try {
    await limiter.consume(id);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw throttled(rejection);
    throw rejection;
  }
}

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
