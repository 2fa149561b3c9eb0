import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  type IPolicy,
  noop,
  retry,
} from 'cockatiel';
import { AccountLimiter, type LimiterOptions, Priority } from './account-limiter';
import { HttpTransport } from './http-transport';
import { LoginQueue } from './login-queue';
import { parseLosslessJson } from './lossless-json';
import {
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from './upstream-errors';
import { type OAuthToken, oauthTokenSchema } from './types/oauth-token';
import type { BreakerState, ZaptecObserver } from './zaptec-observer';

/** Who a call is made for: an upstream account (its rate bucket) and how to get its token. */
export interface UpstreamSession {
  /** The upstream account, e.g. the token's `sub`; one rate-limit bucket each. */
  readonly account: string;
  accessToken(): Promise<string>;
  /** After an upstream 401: true when a fresh token was obtained and one more try makes sense. */
  renew(): Promise<boolean>;
}

export interface ZaptecCall {
  method: 'GET' | 'POST' | 'PUT';
  /** e.g. `/api/chargers/{id}/state`; PascalCase query names as Zaptec documents them. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  priority?: number;
}

export interface ZaptecClientOptions {
  baseUrl: string;
  /** `zaptec-gateway/<version>`: Zaptec's fair-use policy asks for a descriptive agent (§1). */
  userAgent: string;
  timeoutMs: number;
  limiter: LimiterOptions;
  /** Attempts for a GET (1 = no retry); writes are never retried. */
  getAttempts: number;
  /** Consecutive upstream failures that open the breaker, and how long it stays open. */
  breaker: { failures: number; openMs: number };
  /** Told of every exchange, limiter wait and breaker change (GET /metrics); none by default. */
  observer?: ZaptecObserver;
}

const MAX_BACKOFF_MS = 5_000;

const BREAKER_STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  // Held open by hand (the client never isolates): calls are refused as when open.
  [CircuitState.Isolated]: 'open',
};

/**
 * The only code that calls Zaptec: every request goes through the account's limiter, the
 * breaker of the upstream host and, for reads, retries with backoff that honours Retry-After.
 */
export class ZaptecClient {
  private readonly transport: HttpTransport;
  private readonly limiter: AccountLimiter;
  private readonly logins = new LoginQueue();
  private readonly breaker;
  private readonly readRetry: IPolicy;

  constructor(private readonly options: ZaptecClientOptions) {
    const { observer } = options;
    this.transport = new HttpTransport(observer);
    this.limiter = new AccountLimiter(options.limiter, observer);
    // Business errors (500 with a Zaptec Code) and 4xx are answers, not signs of an outage.
    this.breaker = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: options.breaker.openMs,
      breaker: new ConsecutiveBreaker(options.breaker.failures),
    });
    if (observer) {
      this.breaker.onStateChange((state) => observer.breakerChanged(BREAKER_STATES[state]));
      observer.watchQueueDepth(() => this.limiter.queued);
    }
    this.readRetry =
      options.getAttempts > 1
        ? retry(handleWhen(isRetryableRead), {
            maxAttempts: options.getAttempts - 1,
            backoff: new DelegateBackoff((context) => backoffFor(context.attempt, context.result)),
          })
        : noop;
  }

  /** Calls Zaptec for `session`; resolves with the parsed JSON body (undefined when empty). */
  async request<T>(session: UpstreamSession, call: ZaptecCall): Promise<T | undefined> {
    const attempt = () => this.once<T>(session, call);
    try {
      return await (call.method === 'GET' ? this.readRetry.execute(attempt) : attempt());
    } catch (error) {
      if (!(error instanceof UpstreamHttpError) || error.status !== 401) throw error;
      if (!(await session.renew())) throw error;
      return await this.once<T>(session, call);
    }
  }

  /** Calls of `account` waiting in its limiter queue (see AccountLimiter.queuedFor). */
  waitingFor(account: string): number {
    return this.limiter.queuedFor(account);
  }

  /** The password grant (§2), one login per second for the whole gateway. */
  login(username: string, password: string): Promise<OAuthToken> {
    return this.logins.run(username, password, async () => {
      const response = await this.breaker.execute(() =>
        this.transport.send({
          method: 'POST',
          url: `${this.options.baseUrl}/oauth/token`,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'user-agent': this.options.userAgent,
            accept: 'application/json',
          },
          body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
          timeoutMs: this.options.timeoutMs,
        }),
      );
      const token = oauthTokenSchema.safeParse(parseBody(response.body, '/oauth/token'));
      if (!token.success) {
        throw new UpstreamProtocolError('Zaptec answered the sign-in without a usable token');
      }
      return token.data;
    });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private once<T>(session: UpstreamSession, call: ZaptecCall): Promise<T | undefined> {
    return this.limiter.schedule(session.account, call.priority ?? Priority.read, async () => {
      const token = await session.accessToken();
      try {
        const response = await this.breaker.execute(() =>
          this.transport.send({
            method: call.method,
            url: this.urlOf(call),
            headers: {
              authorization: `Bearer ${token}`,
              'user-agent': this.options.userAgent,
              accept: 'application/json',
              ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: call.json === undefined ? undefined : JSON.stringify(call.json),
            timeoutMs: this.options.timeoutMs,
          }),
        );
        return response.body ? (parseBody(response.body, call.path) as T) : undefined;
      } catch (error) {
        // Another client on the same account spent its budget: hold this account's queue.
        if (error instanceof UpstreamHttpError && error.status === 429) {
          this.limiter.pause(session.account, error.retryAfterMs ?? 1000);
        }
        throw error;
      }
    });
  }

  private urlOf(call: ZaptecCall): string {
    const url = new URL(call.path, this.options.baseUrl);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }
}

/** Host-level trouble: unreachable, timeouts, gateway errors and 500s without a Zaptec code. */
function isOutage(error: unknown): boolean {
  if (error instanceof UpstreamUnreachableError || error instanceof UpstreamTimeoutError)
    return true;
  if (!(error instanceof UpstreamHttpError) || error.status < 500) return false;
  // DeauthorizeAndStop executes yet answers an empty 500 (§6): a write's empty 500 is an answer.
  if (error.status === 500 && error.method !== 'GET' && error.body === '') return false;
  return error.zaptecCode === undefined;
}

/** Worth another try for a read (as Home Assistant's client does, §8). */
function isRetryableRead(error: unknown): boolean {
  if (error instanceof UpstreamHttpError) {
    return error.status === 429 || (error.status >= 500 && error.zaptecCode === undefined);
  }
  return error instanceof UpstreamUnreachableError || error instanceof UpstreamTimeoutError;
}

/** Retry-After when upstream sent one, else exponential from 200 ms with ±20 % jitter. */
function backoffFor(attempt: number, result: { error: unknown } | { value: unknown }): number {
  const error = 'error' in result ? result.error : undefined;
  if (error instanceof UpstreamHttpError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, MAX_BACKOFF_MS);
  }
  const base = Math.min(200 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** A 2xx body as JSON (64-bit integers kept exact); anything else is a protocol error (502). */
function parseBody(body: string, path: string): unknown {
  try {
    return parseLosslessJson(body);
  } catch (error) {
    throw new UpstreamProtocolError(`Zaptec answered ${path} with a body that is not JSON`, {
      cause: error,
    });
  }
}
