import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal';
import type { PinoLogger } from './root-logger';

interface RequestScope {
  readonly log: PinoLogger;
}

const scopes = new WeakMap<FastifyRequest, RequestScope>();
const context = new AsyncLocalStorage<PinoLogger>();

/**
 * Probes and the metrics scraper call these every few seconds: their lines are debug, so they
 * never drown the rest.
 */
const PROBE_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One line per request when it is answered (every route, 404s and errors included): method,
 * route pattern, status, duration, request id and the signed-in user's id; never headers or
 * bodies. Every line logged while serving the request carries its `reqId`.
 *
 * This is a Fastify hook rather than pino-http's Nest middleware: Nest mounts middleware through
 * @fastify/middie on path patterns, and that one matched `GET /` only, so no `/v1` request (and
 * no 404) was ever logged, and lines logged inside a request had no request id.
 */
export function logRequests(fastify: FastifyInstance, root: PinoLogger): void {
  // The request's logger and context start once its body is parsed (a body arrives on socket
  // events, outside any context entered earlier, as @fastify/request-context documents): guards,
  // handlers and filters run after this hook. A cache hit is answered in onRequest, before it,
  // and so costs no child logger and no async context: its one line is written below.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const log = root.child({ reqId: request.id });
    scopes.set(request, { log });
    context.run(log, done);
  });
  const lines = requestLineLogger(root);
  fastify.addHook('onResponse', (request, reply, done) => {
    logCompleted(requestLog(request) ?? lines, request, reply);
    done();
  });
}

function logCompleted(log: PinoLogger, request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions.url;
  writeRequestLine(log, {
    // A request's own logger carries its reqId already; the root one needs it on the line.
    reqId: log === requestLog(request) ? undefined : request.id,
    method: request.method,
    route,
    // A 404 has no route pattern: its path says what was asked (the query string may hold secrets).
    path: route ? undefined : request.url.split('?')[0],
    status: reply.statusCode,
    durationMs: reply.elapsedTime,
    principalId: (request as AuthenticatedRequest).principal?.id,
  });
}

/** What a request line says: never headers or bodies. */
export interface RequestLine {
  readonly reqId: string | undefined;
  readonly method: string;
  readonly route: string | undefined;
  readonly path?: string;
  readonly status: number;
  readonly durationMs: number;
  readonly principalId: string | undefined;
}

/**
 * The logger request lines go through. A line holds method, route, status, timing and ids by
 * construction, never a secret: it skips the root's redaction pass, the costliest part of
 * logging a cache hit.
 */
export function requestLineLogger(root: PinoLogger): PinoLogger {
  return root.child({}, { redact: { paths: [] } });
}

/** Writes the one line of an answered request (Fastify's hook and the cache's front door). */
export function writeRequestLine(log: PinoLogger, line: RequestLine): void {
  // Info whatever the status: a failure has its own line (failure-logging.ts) at its own level,
  // so an upstream outage is one warn line per request, not two.
  const level = line.route && PROBE_ROUTES.has(line.route) ? 'debug' : 'info';
  log[level](
    { ...line, durationMs: Math.round(line.durationMs * 10) / 10 },
    `${line.method} ${line.route ?? line.path} ${line.status}`,
  );
}

/** The logger of a request (bound to its `reqId`), whichever context the caller runs in. */
export function requestLog(request: FastifyRequest): PinoLogger | undefined {
  return scopes.get(request)?.log;
}

/** The logger of the request being served, if any. */
export function currentRequestLog(): PinoLogger | undefined {
  return context.getStore();
}
