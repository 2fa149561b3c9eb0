import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheStore } from './cache-store';

/** What an entry costs beyond its value: key, timestamps, the LRU's own bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * The in-process store: an LRU bounded by bytes (lru-cache's maxSize), so a flood of large
 * entries evicts the least recently used rather than growing the heap. An entry leaves at its
 * `staleUntil`, when it could no longer answer even as stale.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, CacheEntry>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, CacheEntry>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entry.size + key.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return Promise.resolve(this.peekLocal<T>(key));
  }

  peekLocal<T>(key: string): CacheEntry<T> | undefined {
    return this.entries.get(key) as CacheEntry<T> | undefined;
  }

  set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    const ttl = entry.staleUntil - Date.now();
    if (ttl > 0) this.entries.set(key, entry, { ttl });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  bytes(): number {
    return this.entries.calculatedSize;
  }

  clear(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}
