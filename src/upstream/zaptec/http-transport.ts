import { Agent, errors, request } from 'undici';
import {
  parseRetryAfter,
  UpstreamHttpError,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from './upstream-errors';
import { upstreamRoute, type ZaptecObserver } from './zaptec-observer';

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface UpstreamResponse {
  status: number;
  body: string;
}

/**
 * The one HTTP connection pool to Zaptec: keep-alive sockets, a timeout on every call, and
 * failures turned into typed errors (HTTP status, timeout, unreachable). Every exchange is
 * reported to the observer, if any: here is the one place every call to Zaptec passes.
 */
export class HttpTransport {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

  constructor(private readonly observer?: Pick<ZaptecObserver, 'answered'>) {}

  async send(call: UpstreamRequest): Promise<UpstreamResponse> {
    let status: number | 'error' = 'error';
    try {
      const response = await this.exchange(call);
      status = response.status;
      return response;
    } catch (error) {
      if (error instanceof UpstreamHttpError) status = error.status;
      throw error;
    } finally {
      this.observer?.answered(upstreamRoute(new URL(call.url).pathname), status);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async exchange(call: UpstreamRequest): Promise<UpstreamResponse> {
    let response;
    try {
      response = await request(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        dispatcher: this.agent,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
        signal: AbortSignal.timeout(call.timeoutMs),
      });
    } catch (error) {
      throw failure(error, call);
    }
    let body: string;
    try {
      body = await response.body.text();
    } catch (error) {
      throw failure(error, call);
    }
    if (response.statusCode >= 400) {
      throw new UpstreamHttpError(
        response.statusCode,
        body,
        parseRetryAfter(response.headers['retry-after']),
        call.method,
      );
    }
    return { status: response.statusCode, body };
  }
}

function failure(error: unknown, call: UpstreamRequest): Error {
  const timedOut =
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    (error instanceof DOMException && error.name === 'TimeoutError');
  const target = `${call.method} ${new URL(call.url).pathname}`;
  return timedOut
    ? new UpstreamTimeoutError(`${target}: no answer within ${call.timeoutMs} ms`, { cause: error })
    : new UpstreamUnreachableError(`${target}: ${(error as Error).message}`, { cause: error });
}
