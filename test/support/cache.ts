import { type CacheObserver, CacheService } from '../../src/cache/cache.service';
import { MemoryCacheStore } from '../../src/cache/memory-cache-store';
import { loadConfig } from '../../src/config/app-config';

/** A real CacheService on a memory store, for unit tests of services that read through it. */
export function memoryCache(
  env: Record<string, string> = {},
  observer: CacheObserver = { lookup: () => undefined },
): CacheService {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  return new CacheService(new MemoryCacheStore(config.cache.maxBytes), config, observer);
}
