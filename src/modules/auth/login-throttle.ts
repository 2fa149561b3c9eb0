import { HttpStatus } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiProblem } from '../../core/errors/problem';

export interface LoginThrottleOptions {
  /** Attempts without a success for one username from one address before a pause (guessing). */
  attemptsPerUsernameAndAddress: number;
  usernameWindowSeconds: number;
  /**
   * Failed attempts for one username from all addresses together per day, past which the
   * username counts as under attack (guessing spread over many addresses).
   */
  failuresPerUsernamePerDay: number;
  /** While a username is under attack: attempts for it per address per `underAttackWindowSeconds`. */
  attemptsPerAddressUnderAttack: number;
  underAttackWindowSeconds: number;
  /** Attempts per client address per minute, failed or not (spraying many usernames). */
  attemptsPerAddress: number;
  /** Failed attempts per client address per hour across usernames (credential stuffing). */
  failuresPerAddressPerHour: number;
}

const DEFAULTS: LoginThrottleOptions = {
  attemptsPerUsernameAndAddress: 5,
  usernameWindowSeconds: 15 * 60,
  failuresPerUsernamePerDay: 100,
  attemptsPerAddressUnderAttack: 1,
  underAttackWindowSeconds: 60 * 60,
  // An app backend signs in all its users from one address, so these are generous: Zaptec's pace
  // of one login per second for the whole gateway (login-queue.ts) is the real bound, and a
  // backend whose users mostly sign in successfully never comes near 300 net failures an hour.
  attemptsPerAddress: 60,
  failuresPerAddressPerHour: 300,
};

/**
 * Login brute-force protection with rate-limiter-flexible, after its "login endpoint" recipe and
 * OWASP's authentication cheat sheet: throttle the guesser, never lock the account.
 *
 * - per username and address: attempts that have not (yet) succeeded; a success clears them;
 * - per address: attempts per minute, and failures per hour across usernames;
 * - per username: failures per day from all addresses. Past that budget the username is under
 *   attack and is not refused, only slowed down: each address gets one attempt an hour for it.
 *   A stranger's failures elsewhere cannot keep the owner's right password out (a hard daily
 *   lock let 100 wrong tries from 22 addresses block the real user for 24 h), while an attacker
 *   with many addresses is cut from 5 tries per address per 15 minutes to 1 an hour.
 *
 * An attempt is counted as a failure when it is admitted and taken back when it succeeds or ends
 * without a verdict: sign-ins wait in the login queue for seconds, and counting only finished
 * failures let a burst of concurrent guesses all pass the check before the first was counted.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly pending;
  private readonly usernameFailures;
  private readonly underAttack;
  private readonly attempts;
  private readonly addressFailures;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    const settings = { ...DEFAULTS, ...options };
    this.options = settings;
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterMemory({ keyPrefix, points, duration });
    this.pending = limiter(
      'login-user-ip',
      settings.attemptsPerUsernameAndAddress,
      settings.usernameWindowSeconds,
    );
    this.usernameFailures = limiter('login-user-day', settings.failuresPerUsernamePerDay, 86_400);
    this.underAttack = limiter(
      'login-user-ip-attacked',
      settings.attemptsPerAddressUnderAttack,
      settings.underAttackWindowSeconds,
    );
    this.attempts = limiter('login-ip', settings.attemptsPerAddress, 60);
    this.addressFailures = limiter('login-ip-fail', settings.failuresPerAddressPerHour, 3_600);
  }

  /** Throws 429 when this guesser must wait; counts the attempt, as a failure until it succeeds. */
  async admit(username: string, address: string): Promise<void> {
    await consumeOrThrottle(this.attempts, address);
    await consumeOrThrottle(this.addressFailures, address);
    try {
      await consumeOrThrottle(this.pending, key(username, address));
      await this.admitWhileUnderAttack(username, address);
    } catch (refused) {
      // A refused attempt never reaches Zaptec: it is no failure of this address.
      await takeBack(this.addressFailures, address);
      throw refused;
    }
  }

  /** The attempt ended without a verdict on the password (e.g. Zaptec unreachable): not a guess. */
  async inconclusive(username: string, address: string): Promise<void> {
    await takeBack(this.addressFailures, address);
    await takeBack(this.pending, key(username, address));
    await takeBack(this.usernameFailures, key(username));
    await takeBack(this.underAttack, key(username, address));
  }

  /** The right password: this address may sign in as this username again at once. */
  async succeeded(username: string, address: string): Promise<void> {
    await takeBack(this.addressFailures, address);
    await takeBack(this.usernameFailures, key(username));
    await this.pending.delete(key(username, address));
    await this.underAttack.delete(key(username, address));
  }

  private async admitWhileUnderAttack(username: string, address: string): Promise<void> {
    const failures = await this.usernameFailures.penalty(key(username));
    if (failures.consumedPoints <= this.options.failuresPerUsernamePerDay) return;
    try {
      await consumeOrThrottle(this.underAttack, key(username, address));
    } catch (refused) {
      await takeBack(this.usernameFailures, key(username));
      throw refused;
    }
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

/**
 * Un-counts one attempt. Only a count still held is lowered: rewarding a key whose window has
 * ended would store a negative count, an attempt granted for free.
 */
async function takeBack(limiter: RateLimiterMemory, id: string): Promise<void> {
  const counted = await limiter.get(id);
  if (counted && counted.consumedPoints > 0) await limiter.reward(id);
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
