import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../core/metrics/metrics.service';
import { CACHE_STORE, type CacheStore } from './cache-store';
import { CACHE_OBSERVER, type CacheObserver, CacheService } from './cache.service';
import { MemoryCacheStore } from './memory-cache-store';

/** The cache every domain reads through (design.md "Caching and protection"). */
@Global()
@Module({
  providers: [
    {
      provide: CACHE_STORE,
      inject: [APP_CONFIG],
      // Memory today; a Redis store implementing CacheStore drops in here.
      useFactory: (config: AppConfig) => new MemoryCacheStore(config.cache.maxBytes),
    },
    {
      // gateway_cache_requests_total{domain,result} and gateway_cache_bytes (README "Metrics").
      provide: CACHE_OBSERVER,
      inject: [MetricsService, CACHE_STORE],
      useFactory: (metrics: MetricsService, store: CacheStore): CacheObserver => {
        metrics.observeCacheBytes(() => store.bytes());
        return {
          lookup: (domain, result) =>
            metrics.cacheLookup(
              domain,
              result === 'HIT' ? 'hit' : result === 'MISS' ? 'miss' : 'stale',
            ),
        };
      },
    },
    CacheService,
  ],
  exports: [CacheService],
})
export class CacheModule {}
