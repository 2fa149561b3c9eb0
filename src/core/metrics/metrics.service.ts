import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { IngestionMetrics } from './ingestion-metrics';
import { ZaptecMetrics } from './zaptec-metrics';

export type CacheResult = 'hit' | 'miss' | 'stale';

/**
 * The gateway's one Prometheus registry (per app instance, so apps in one process, as in the
 * tests, never share counters): Node's process metrics, the Zaptec client's, the HTTP edge's and
 * the response cache's. The metric names are a contract, listed in the README ("Metrics").
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** Handed to the Zaptec client (upstream.module.ts) through ZAPTEC_OBSERVER. */
  readonly zaptec = new ZaptecMetrics(this.registry);
  /** Ingestion's (src/jobs); present whether or not ingestion runs, so a standby reports 0. */
  readonly ingestion = new IngestionMetrics(this.registry);
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly cacheRequests: Counter<'domain' | 'result'>;
  private readonly rateLimitedRequests: Counter<'policy'>;
  private cacheBytes: () => number = () => 0;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requestDuration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern (unmatched: no route) and status',
      labelNames: ['method', 'route', 'status'],
      // From a cache hit (well under a millisecond) to a call queued behind Zaptec's limit.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'gateway_cache_requests_total',
      help: 'Response cache lookups by domain and result (hit, miss, stale)',
      labelNames: ['domain', 'result'],
      registers,
    });
    this.rateLimitedRequests = new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused with 429 RATE_LIMITED, by policy (per-key, per-user)',
      labelNames: ['policy'],
      registers,
    });
    const bytes = () => this.cacheBytes();
    new Gauge({
      name: 'gateway_cache_bytes',
      help: 'Bytes held by the response cache',
      registers,
      collect() {
        this.set(bytes());
      },
    });
  }

  /** One answered HTTP request; `route` is the route pattern, never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** The response cache looked up an entry of `domain` (e.g. `state`). */
  cacheLookup(domain: string, result: CacheResult): void {
    this.cacheRequests.inc({ domain, result });
  }

  /** A caller past its quota was answered 429 (`policy`: per-key or per-user). */
  rateLimited(policy: string): void {
    this.rateLimitedRequests.inc({ policy });
  }

  /** `read` tells the cache's size in bytes whenever metrics are collected (the last one counts). */
  observeCacheBytes(read: () => number): void {
    this.cacheBytes = read;
  }

  /** Every metric in Prometheus' text format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
