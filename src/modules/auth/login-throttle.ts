import { HttpStatus } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiProblem } from '../../core/errors/problem';

export interface LoginThrottleOptions {
  /** Attempts without a success for one username from one address before a pause (guessing). */
  attemptsPerUsernameAndAddress: number;
  usernameWindowSeconds: number;
  /** Attempts for one username from all addresses together per day (guessing spread out). */
  attemptsPerUsernamePerDay: number;
  /** Attempts per client address per minute, failed or not (spraying many usernames). */
  attemptsPerAddress: number;
}

const DEFAULTS: LoginThrottleOptions = {
  attemptsPerUsernameAndAddress: 5,
  usernameWindowSeconds: 15 * 60,
  attemptsPerUsernamePerDay: 100,
  // An app backend signs in all its users from one address, so this is generous: Zaptec's pace
  // of one login per second for the whole gateway (login-queue.ts) is the real bound.
  attemptsPerAddress: 60,
};

/**
 * Login brute-force protection with rate-limiter-flexible, after its "login endpoint" recipe:
 * attempts per username and address that have not (yet) succeeded, a daily budget per username
 * for guessing spread over many addresses, and a per-address budget. Keying the strict count on
 * username and address means a stranger's wrong passwords do not lock the real user out.
 *
 * An attempt is counted when it is admitted, not when Zaptec has refused it: sign-ins wait in the
 * login queue for seconds, and counting only finished failures let a burst of concurrent guesses
 * all pass the check before the first one was counted.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly pending;
  private readonly daily;
  private readonly attempts;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.pending = new RateLimiterMemory({
      keyPrefix: 'login-user-ip',
      points: this.options.attemptsPerUsernameAndAddress,
      duration: this.options.usernameWindowSeconds,
    });
    this.daily = new RateLimiterMemory({
      keyPrefix: 'login-user-day',
      points: this.options.attemptsPerUsernamePerDay,
      duration: 24 * 60 * 60,
    });
    this.attempts = new RateLimiterMemory({
      keyPrefix: 'login-ip',
      points: this.options.attemptsPerAddress,
      duration: 60,
    });
  }

  /** Throws 429 when this username or address must wait; counts the attempt for each. */
  async admit(username: string, address: string): Promise<void> {
    await consumeOrThrottle(this.attempts, address);
    await consumeOrThrottle(this.pending, key(username, address));
    await consumeOrThrottle(this.daily, key(username));
  }

  /** The attempt ended without a verdict on the password (e.g. Zaptec unreachable): not a guess. */
  async inconclusive(username: string, address: string): Promise<void> {
    await this.pending.reward(key(username, address));
    await this.daily.reward(key(username));
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.pending.delete(key(username, address));
    await this.daily.delete(key(username));
  }
}

const key = (username: string, address?: string) =>
  address === undefined
    ? username.trim().toLowerCase()
    : `${username.trim().toLowerCase()}|${address}`;

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
