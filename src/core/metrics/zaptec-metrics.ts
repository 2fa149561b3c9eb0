import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState, ZaptecObserver } from '../../upstream/zaptec/zaptec-observer';

/** The breaker gauge's values, a contract (README "Metrics"): 0 closed, 1 half-open, 2 open. */
const BREAKER_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The Zaptec client's metrics: what it asked upstream, how long calls queued, the breaker. */
export class ZaptecMetrics implements ZaptecObserver {
  private readonly requests: Counter<'route' | 'status'>;
  private readonly rateLimited: Counter;
  private readonly wait: Histogram;
  private readonly breaker: Gauge;
  private queueDepth: () => number = () => 0;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'zaptec_upstream_requests_total',
      help: 'HTTP requests the gateway sent to Zaptec, by path pattern and status (error: no answer)',
      labelNames: ['route', 'status'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'zaptec_upstream_429_total',
      help: 'Answers 429 Too Many Requests received from Zaptec',
      registers,
    });
    this.wait = new Histogram({
      name: 'zaptec_limiter_wait_seconds',
      help: "Time a call waited in its Zaptec account's queue before it was sent",
      // The limiter sends 10 calls a second per account and gives up after 20 s (503).
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers,
    });
    this.breaker = new Gauge({
      name: 'zaptec_breaker_state',
      help: 'The Zaptec circuit breaker: 0 closed, 1 half-open, 2 open (calls refused)',
      registers,
    });
    const depth = () => this.queueDepth();
    new Gauge({
      name: 'zaptec_limiter_queue_depth',
      help: 'Calls waiting for their turn in all Zaptec account queues',
      registers,
      collect() {
        this.set(depth());
      },
    });
  }

  answered(route: string, status: number | 'error'): void {
    this.requests.inc({ route, status: String(status) });
    if (status === 429) this.rateLimited.inc();
  }

  waited(ms: number): void {
    this.wait.observe(ms / 1000);
  }

  breakerChanged(state: BreakerState): void {
    this.breaker.set(BREAKER_VALUES[state]);
  }

  watchQueueDepth(read: () => number): void {
    this.queueDepth = read;
  }
}
