import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyServerFactory, RouteOptions } from 'fastify';
import FindMyWay from 'find-my-way';
import { generateRequestId, REQUEST_ID_HEADER } from '../../core/http/request-id';
import type { RequestLineWriter } from '../../core/logging/request-line-writer';
import type { PinoLogger } from '../../core/logging/root-logger';
import type { MetricsService } from '../../core/metrics/metrics.service';
import { rateLimitHeaders } from '../../core/rate-limit/rate-limiter';
import {
  RATE_DECISION,
  type RateCounted,
  type RateLimits,
} from '../../core/rate-limit/rate-limits';
import type { CacheHotPath, HotHit } from './cache-hot-path';
import { CACHED_READ_CONFIG, type CachedReadMeta } from './cached-read.decorator';
import { cacheHeaders, etagMatches, JSON_CONTENT_TYPE } from './http-entry';

/** A GET route as the front door's router holds it; `meta` only on cached routes. */
interface RouteStore {
  readonly pattern: string;
  readonly meta: CachedReadMeta | undefined;
}

interface Matched {
  readonly pattern: string;
  readonly meta: CachedReadMeta;
  readonly params: Record<string, string | undefined>;
  readonly query: Record<string, string>;
}

export interface FrontDoorOptions {
  /** An API answer's security headers (core/http/security-headers.ts), as Fastify sends them. */
  readonly securityHeaders: Readonly<Record<string, string>>;
  readonly log: PinoLogger;
  readonly lines: RequestLineWriter;
}

type FastifyHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The cache's hot path, in front of Fastify: the server's request listener answers a cached GET
 * whose answer is in memory (CacheHotPath decides, as the guard would) and hands every other
 * request to Fastify untouched. A hit so costs what Node costs plus a few map lookups: measured
 * under `npm run bench`, Fastify's hook chain (Nest's adapter hooks, middie, ours) before a hook
 * could answer was about half the cost of a hit. What Fastify's hooks would have done for it is
 * done here, with their own functions: the security headers, the request id, the request line,
 * the request metric, and the caller's rate limit (RateLimits, as the guard counts it).
 *
 * Its router holds every GET route with Fastify's defaults, so it matches a URL to the route
 * Fastify would (a static route still wins over a parameter). With CORS_ORIGINS set there is no
 * front door (bootstrap.ts): @fastify/cors adds headers to every answer, and hits are then
 * answered by the interceptor, after the guard.
 */
export class CacheFrontDoor {
  private readonly router = FindMyWay();
  private readonly staticHeaders: readonly string[];
  private serving:
    { hotPath: CacheHotPath; metrics: MetricsService; limits: RateLimits } | undefined;

  constructor(private readonly options: FrontDoorOptions) {
    this.staticHeaders = Object.entries(options.securityHeaders).flat();
  }

  /** Fastify's `onRoute`: each GET route, cached or not, so the router matches as Fastify's. */
  addRoute(route: RouteOptions): void {
    if (![route.method].flat().includes('GET') || this.router.hasRoute('GET', route.url)) return;
    const config = route.config as Record<string, unknown> | undefined;
    const meta = config?.[CACHED_READ_CONFIG] as CachedReadMeta | undefined;
    this.router.on('GET', route.url, noop, { pattern: route.url, meta } satisfies RouteStore);
  }

  /** Starts answering hits, once Nest has built what they need. */
  open(hotPath: CacheHotPath, metrics: MetricsService, limits: RateLimits): void {
    this.serving = { hotPath, metrics, limits };
  }

  /** At shutdown every request goes to Fastify again, which answers them as it closes. */
  close(): void {
    this.serving = undefined;
  }

  /** For FastifyAdapter's `serverFactory`: Fastify's handler and its resolved options. */
  readonly serverFactory: FastifyServerFactory<Server> = (handler, settings) => {
    const server = createServer((request, response) => this.listen(request, response, handler));
    // What Fastify sets on a server it creates itself (fastify/lib/server.js), from the same
    // options (their defaults filled in by then).
    const setting = (name: string) => {
      const value = settings[name];
      return typeof value === 'number' ? value : undefined;
    };
    server.keepAliveTimeout = setting('keepAliveTimeout') ?? server.keepAliveTimeout;
    server.requestTimeout = setting('requestTimeout') ?? server.requestTimeout;
    server.setTimeout(setting('connectionTimeout') ?? 0);
    const maxRequests = setting('maxRequestsPerSocket') ?? 0;
    if (maxRequests > 0) server.maxRequestsPerSocket = maxRequests;
    return server;
  };

  private listen(request: IncomingMessage, response: ServerResponse, next: FastifyHandler): void {
    const serving = this.serving;
    const matched = serving && this.match(request);
    if (!serving || !matched) return next(request, response);
    const started = performance.now();
    const { headers, url = '' } = request;
    let hit: HotHit | undefined;
    try {
      hit = serving.hotPath.lookup(
        { headers, url, route: matched.pattern, ...matched },
        matched.meta,
      );
    } catch (error) {
      // The cache could not tell: Nest answers, through the same cache (and its problems).
      this.options.log.warn({ err: error }, 'Cache front door lookup failed');
    }
    if (!hit) return next(request, response);
    // A hit spends the caller's quota too; past it, the guard answers the 429 (counted once: it
    // finds this decision on the request).
    const decision = serving.limits.take(hit.principal);
    if (decision && !decision.allowed) {
      (request as RateCounted)[RATE_DECISION] = decision;
      return next(request, response);
    }
    try {
      this.answer(request, response, matched, hit, started, decision && rateLimitHeaders(decision));
    } catch (error) {
      this.options.log.error({ err: error }, 'Cache front door failed');
      response.destroy();
    }
  }

  /** A GET without a body, on a cached route, that Fastify would give no special treatment. */
  private match(request: IncomingMessage): Matched | undefined {
    const { method, headers, url } = request;
    if (method !== 'GET' || url === undefined) return undefined;
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined)
      return undefined;
    const found = this.router.find('GET', url);
    const store = found?.store as RouteStore | undefined;
    if (!found || !store?.meta) return undefined;
    return {
      pattern: store.pattern,
      meta: store.meta,
      params: found.params,
      query: found.searchParams,
    };
  }

  private answer(
    request: IncomingMessage,
    response: ServerResponse,
    matched: Matched,
    { entry, principal }: HotHit,
    started: number,
    limitHeaders: readonly string[] = [],
  ): void {
    const id = generateRequestId(request);
    const headers = [
      ...this.staticHeaders,
      REQUEST_ID_HEADER,
      id,
      ...cacheHeaders(entry, 'HIT'),
      ...limitHeaders,
    ];
    // RFC 9110 §15.4.5: a 304 carries the validator and caching headers, not the body's.
    const status = etagMatches(request.headers['if-none-match'], entry.value.etag) ? 304 : 200;
    if (status === 200) {
      headers.push(
        'content-type',
        JSON_CONTENT_TYPE,
        'content-length',
        `${entry.value.body.length}`,
      );
      response.writeHead(200, headers).end(entry.value.body);
    } else {
      response.writeHead(304, headers).end();
    }
    const durationMs = performance.now() - started;
    this.serving?.metrics.observeRequest('GET', matched.pattern, status, durationMs / 1000);
    if (!this.options.lines.admitHit()) return;
    this.options.lines.write({
      reqId: id,
      method: 'GET',
      route: matched.pattern,
      status,
      durationMs,
      principalId: principal.id,
    });
  }
}

const noop = (): void => undefined;
