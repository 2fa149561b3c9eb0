import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal';
import type { RequestLineWriter } from './request-line-writer';
import type { PinoLogger } from './root-logger';

interface RequestScope {
  readonly log: PinoLogger;
}

const scopes = new WeakMap<FastifyRequest, RequestScope>();
const context = new AsyncLocalStorage<PinoLogger>();

/**
 * One line per request when it is answered (every route, 404s and errors included): method,
 * route pattern, status, duration, request id and the signed-in user's id; never headers or
 * bodies. Every line logged while serving the request carries its `reqId`.
 *
 * This is a Fastify hook rather than pino-http's Nest middleware: Nest mounts middleware through
 * @fastify/middie on path patterns, and that one matched `GET /` only, so no `/v1` request (and
 * no 404) was ever logged, and lines logged inside a request had no request id.
 */
export function logRequests(
  fastify: FastifyInstance,
  root: PinoLogger,
  lines: RequestLineWriter,
): void {
  // The request's logger and context start once its body is parsed (a body arrives on socket
  // events, outside any context entered earlier, as @fastify/request-context documents): guards,
  // handlers and filters run after this hook. A cache hit is answered in front of Fastify
  // (cache/http/front-door.ts), and so costs no child logger and no async context.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const log = root.child({ reqId: request.id });
    scopes.set(request, { log });
    context.run(log, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logCompleted(lines, request, reply);
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    lines.close();
    done();
  });
}

function logCompleted(
  lines: RequestLineWriter,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  // A hit answered after the guard (with CORS on, there is no front door) is logged alike.
  if (reply.getHeader('x-cache') === 'HIT' && !lines.admitHit()) return;
  const route = request.routeOptions.url;
  lines.write({
    reqId: request.id,
    method: request.method,
    route,
    // A 404 has no route pattern: its path says what was asked (the query string may hold secrets).
    path: route ? undefined : request.url.split('?')[0],
    status: reply.statusCode,
    durationMs: reply.elapsedTime,
    principalId: (request as AuthenticatedRequest).principal?.id,
  });
}

/** The logger of a request (bound to its `reqId`), whichever context the caller runs in. */
export function requestLog(request: FastifyRequest): PinoLogger | undefined {
  return scopes.get(request)?.log;
}

/** The logger of the request being served, if any. */
export function currentRequestLog(): PinoLogger | undefined {
  return context.getStore();
}
