/**
 * One stored value with its freshness. Times are epoch milliseconds of the gateway's clock.
 * `value` is what the store keeps: response bytes for HTTP reads, plain JSON-shaped data for the
 * domain caches, so a Redis store can serialize it without knowing the domains.
 */
export interface CacheEntry<T = unknown> {
  readonly value: T;
  /** When the fetch that produced it started: an invalidation after that outdates it. */
  readonly fetchedAt: number;
  /** Answered as fresh (HIT) until then. */
  readonly freshUntil: number;
  /** After that it is useless even as a stale answer; the store may drop it. */
  readonly staleUntil: number;
  /** Counted against CACHE_MAX_BYTES. */
  readonly size: number;
  /** The object it is about (a charger id, …), for invalidation by writes. */
  readonly resource?: string;
}

/**
 * The one seam between the gateway and where cached data lives: memory today, Redis later.
 * Every cache of upstream data goes through CacheService onto this; no domain sees it.
 */
export interface CacheStore {
  get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /**
   * The entry when this process holds it in memory, without waiting: the cache's hot path
   * answers hits from it in the request listener, where an await per lookup was measurable
   * (`npm run bench`). The memory store holds every entry; a remote store answers from its
   * near cache, or leaves this out, and then every request goes through Nest and `get`.
   */
  peekLocal?<T>(key: string): CacheEntry<T> | undefined;
  set<T>(key: string, entry: CacheEntry<T>): Promise<void>;
  delete(key: string): Promise<void>;
  /** Bytes held now (for `gateway_cache_bytes`). */
  bytes(): number;
  clear(): Promise<void>;
}

export const CACHE_STORE = Symbol('CACHE_STORE');
