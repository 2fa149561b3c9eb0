import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

/**
 * Times every request in Fastify's onResponse hook rather than in Nest: it also sees requests
 * answered before Nest's pipeline (404s without a route, the cache's hits from onRequest) and
 * Fastify's own client errors. Labels use the route pattern (`/v1/chargers/:id/state`), never
 * the raw path, so ids never multiply the series.
 */
export function measureRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
