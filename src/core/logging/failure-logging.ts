import type { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Problem } from '../errors/problem';
import { requestLog } from './request-logging';

/**
 * 502, 503 and 504 say Zaptec (or a dependency) is failing or busy: expected trouble we answer
 * for, not a bug of ours, and in an outage there is one per request. One warn line each, no
 * stack. Classified on the status we answer, so it holds wherever the error was mapped.
 */
const EXPECTED_TROUBLE = new Set([502, 503, 504]);

/**
 * Logs a server-side failure of a request, with its request id (so a 500 reported with its
 * `X-Request-Id` can be found). Client errors (4xx) are the caller's business: the request line
 * (request-logging.ts) records them.
 */
export function logFailure(
  error: unknown,
  problem: Problem,
  request: FastifyRequest,
  fallback: Logger,
): void {
  if (problem.status < 500) return;
  const route = request.routeOptions.url ?? problem.instance;
  const where = `${request.method} ${route}`;
  const log = requestLog(request);
  if (EXPECTED_TROUBLE.has(problem.status)) {
    const fields = { code: problem.code, status: problem.status, cause: describe(error) };
    const message = `${where} answered ${problem.status} ${problem.code}: ${problem.detail ?? ''}`;
    if (log) log.warn({ context: 'Errors', ...fields }, message);
    else fallback.warn({ reqId: request.id, ...fields }, message);
    return;
  }
  // Our own fault: the stack is what finds it.
  const fields = { code: problem.code, status: problem.status, err: error };
  if (log) log.error({ context: 'Errors', ...fields }, `${where} failed`);
  else fallback.error({ reqId: request.id, ...fields }, `${where} failed`);
}

/** `UpstreamTimeoutError: ...`: what went wrong, without the stack. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message}`;
}
