import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CACHE_STORE } from './cache-store';
import { CACHE_OBSERVER, type CacheObserver, CacheService } from './cache.service';
import { MemoryCacheStore } from './memory-cache-store';

const NO_OBSERVER: CacheObserver = { lookup: () => undefined };

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
    { provide: CACHE_OBSERVER, useValue: NO_OBSERVER },
    CacheService,
  ],
  exports: [CacheService],
})
export class CacheModule {}
