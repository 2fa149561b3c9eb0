import { MetricsService } from './metrics.service';

/** The sample lines of one metric, as /metrics would print them. */
async function linesOf(metrics: MetricsService, name: string): Promise<string[]> {
  const text = await metrics.registry.getSingleMetricAsString(name);
  return text.split('\n').filter((line) => !line.startsWith('#'));
}

describe('MetricsService', () => {
  it('counts cache lookups per domain and result', async () => {
    const metrics = new MetricsService();

    metrics.cacheLookup('state', 'hit');
    metrics.cacheLookup('state', 'hit');
    metrics.cacheLookup('state', 'miss');
    metrics.cacheLookup('charger', 'stale');

    expect(await linesOf(metrics, 'gateway_cache_requests_total')).toEqual([
      'gateway_cache_requests_total{domain="state",result="hit"} 2',
      'gateway_cache_requests_total{domain="state",result="miss"} 1',
      'gateway_cache_requests_total{domain="charger",result="stale"} 1',
    ]);
  });

  it("reads the cache's size when collected, 0 before the cache reports one", async () => {
    const metrics = new MetricsService();
    expect(await linesOf(metrics, 'gateway_cache_bytes')).toEqual(['gateway_cache_bytes 0']);

    let bytes = 1_024;
    metrics.observeCacheBytes(() => bytes);
    expect(await linesOf(metrics, 'gateway_cache_bytes')).toEqual(['gateway_cache_bytes 1024']);
    bytes = 2_048;
    expect(await linesOf(metrics, 'gateway_cache_bytes')).toEqual(['gateway_cache_bytes 2048']);
  });

  it('counts 429s both as such and among the upstream requests by status', async () => {
    const metrics = new MetricsService();

    metrics.zaptec.answered('/api/chargers/{id}/state', 429);
    metrics.zaptec.answered('/api/chargers/{id}/state', 200);
    metrics.zaptec.answered('/api/chargers', 'error');

    expect(await linesOf(metrics, 'zaptec_upstream_429_total')).toEqual([
      'zaptec_upstream_429_total 1',
    ]);
    expect(await linesOf(metrics, 'zaptec_upstream_requests_total')).toEqual([
      'zaptec_upstream_requests_total{route="/api/chargers/{id}/state",status="429"} 1',
      'zaptec_upstream_requests_total{route="/api/chargers/{id}/state",status="200"} 1',
      'zaptec_upstream_requests_total{route="/api/chargers",status="error"} 1',
    ]);
  });

  it.each([
    ['closed', 0],
    ['half-open', 1],
    ['open', 2],
  ] as const)('shows the breaker %s as %i', async (state, value) => {
    const metrics = new MetricsService();
    metrics.zaptec.breakerChanged('open');
    metrics.zaptec.breakerChanged(state);
    expect(await linesOf(metrics, 'zaptec_breaker_state')).toEqual([
      `zaptec_breaker_state ${value}`,
    ]);
  });

  it('keeps apps in one process apart: each has its own registry', async () => {
    const first = new MetricsService();
    const second = new MetricsService();
    first.cacheLookup('state', 'hit');
    expect(await linesOf(second, 'gateway_cache_requests_total')).toEqual([]);
  });
});
