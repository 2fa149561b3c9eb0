import { createHash } from 'node:crypto';
import PQueue from 'p-queue';
import { UpstreamBusyError, UpstreamHttpError } from './upstream-errors';

const LOGINS_PER_SECOND = 1;
const MAX_WAITING_LOGINS = 20;

/**
 * Zaptec's token endpoint takes about one login per second (more gets an nginx 503, §2), so the
 * whole gateway signs in one account at a time, a second apart; a full queue answers 503.
 * Concurrent logins with the same credentials share one request. Requests started 1.1 s apart
 * can still arrive closer together on a busy host, so a login Zaptec refuses with that 503 is
 * tried once more, a slot later (evcc backs off on the same 503, zaptec-api.md §2).
 */
export class LoginQueue {
  private readonly queue = new PQueue({
    intervalCap: LOGINS_PER_SECOND,
    // A little over a second: requests started a second apart may still arrive closer together.
    interval: 1100,
    strict: true,
  });
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(username: string, password: string, login: () => Promise<T>): Promise<T> {
    // Shared only by callers with the same password: one with a wrong password must never
    // receive the token of the right one.
    const key = createHash('sha256')
      .update(`${username.toLowerCase()}\0${password}`)
      .digest('base64');
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    if (this.queue.size >= MAX_WAITING_LOGINS) {
      return Promise.reject(
        new UpstreamBusyError(
          'Too many sign-ins are waiting for Zaptec',
          Math.ceil(this.queue.size / LOGINS_PER_SECOND),
        ),
      );
    }
    const started = this.queue
      .add(login)
      .catch((error: unknown) => {
        if (!isLoginThrottled(error)) throw error;
        return this.queue.add(login);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}

/** nginx's 503 page in front of the token endpoint: too many logins, not an answer (§2). */
function isLoginThrottled(error: unknown): boolean {
  return (
    error instanceof UpstreamHttpError && error.status === 503 && error.zaptecCode === undefined
  );
}
