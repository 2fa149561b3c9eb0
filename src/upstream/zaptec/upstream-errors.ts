/** Upstream answered with an HTTP error status. */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';

  constructor(
    readonly status: number,
    readonly body: string,
    /** From `Retry-After` (seconds), when upstream sent one. */
    readonly retryAfterMs: number | undefined,
    readonly method: string = 'GET',
  ) {
    super(`Zaptec answered ${status}`);
  }

  /** Zaptec's business error code: 500 `{Code, Details}` or the camelCase 404 `{errorCode}` (§8). */
  get zaptecCode(): number | undefined {
    const parsed = tryParse(this.body);
    const code = parsed?.Code ?? parsed?.errorCode;
    return typeof code === 'number' ? code : undefined;
  }

  get zaptecDetails(): string | undefined {
    const parsed = tryParse(this.body);
    const details = parsed?.Details ?? parsed?.message;
    return typeof details === 'string' ? details : undefined;
  }
}

/** No answer within the timeout. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
}

/** Upstream could not be reached (refused, reset, DNS). */
export class UpstreamUnreachableError extends Error {
  override readonly name = 'UpstreamUnreachableError';
}

/** Zaptec answered with a body we cannot read (HTML from a proxy, a token without a token). */
export class UpstreamProtocolError extends Error {
  override readonly name = 'UpstreamProtocolError';
}

/** Our own limiter could not start the request in time (queue full or deadline passed). */
export class UpstreamBusyError extends Error {
  override readonly name = 'UpstreamBusyError';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

function tryParse(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // nginx HTML pages and empty 500s carry no code
  }
}

/** Retry-After in seconds (Zaptec's nginx always sends 1, §8), or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
