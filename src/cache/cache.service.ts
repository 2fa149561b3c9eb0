import { Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { statusOf } from '../core/errors/error-status';
import { CACHE_STORE, type CacheEntry, type CacheStore } from './cache-store';

export type CacheResult = 'HIT' | 'MISS' | 'STALE';

export interface CachePolicy {
  /** For metrics and logs: `state`, `roles`, … */
  readonly domain: string;
  /** Fresh for this long after the fetch started. */
  readonly ttlMs: number;
  /** The object it is about (a charger id, …): `invalidate(resource)` outdates it. */
  readonly resource?: string;
}

export interface CacheRead<T> {
  readonly entry: CacheEntry<T>;
  readonly result: CacheResult;
}

/** Reports every lookup (metrics); the gateway wires prom-client counters to it. */
export interface CacheObserver {
  lookup(domain: string, result: CacheResult): void;
}
export const CACHE_OBSERVER = Symbol('CACHE_OBSERVER');

/**
 * Reads through the cache store: fresh entries answer at once (HIT); concurrent misses of one
 * key share one load (singleflight); a failed load fails its waiters once and stores nothing.
 * Past its TTL an entry still answers for one more TTL while a single background refresh runs
 * (stale-while-revalidate), and while upstream fails, times out, is busy or its breaker is open,
 * up to CACHE_STALE_MAX_S past its TTL (stale-if-error); past that the error is the answer.
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger(CacheService.name);
  /** One load per key at a time, whoever asks: kept per instance, as the store is today. */
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  /** resource → when it was last written through the gateway. */
  private readonly invalidatedAt: LRUCache<string, number>;
  private readonly staleMaxMs: number;

  constructor(
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CACHE_OBSERVER) private readonly observer: CacheObserver,
  ) {
    this.staleMaxMs = config.cache.staleMaxMs;
    // An invalidation must outlive every entry it outdates; entries live at most 2 TTLs plus
    // the stale maximum (see entryFor), and the longest TTL is the constants' day.
    const longest = Math.max(...Object.values(config.cache.ttlMs), 60_000);
    this.invalidatedAt = new LRUCache({ max: 100_000, ttl: 2 * longest + this.staleMaxMs });
  }

  /** The value under `key`, loaded with `load` when it is missing or outdated. */
  async read<T>(
    key: string,
    policy: CachePolicy,
    load: () => Promise<T>,
    sizeOf: (value: T) => number = jsonSize,
  ): Promise<CacheRead<T>> {
    const cached = await this.current<T>(key);
    const now = Date.now();
    if (cached && now < cached.freshUntil) return this.answer(policy, cached, 'HIT');
    if (cached && now < cached.freshUntil + policy.ttlMs) {
      this.refresh(key, policy, load, sizeOf).catch((error: unknown) =>
        this.logger.warn({ err: error, key }, 'background refresh failed; the entry stays stale'),
      );
      return this.answer(policy, cached, 'STALE');
    }
    try {
      return this.answer(policy, await this.refresh(key, policy, load, sizeOf), 'MISS');
    } catch (error) {
      if (cached && now < cached.staleUntil && isUpstreamTrouble(error)) {
        return this.answer(policy, cached, 'STALE');
      }
      throw error;
    }
  }

  /**
   * A fresh value only: a fresh entry answers (HIT, `load` not called); a stale or missing one
   * is loaded, shared with any load of the key already running (singleflight), and stored for
   * the readers of `read`. No stale answer ever: a background poller (ingestion) must not
   * record a value up to two TTLs old as current. Not counted in the lookup metrics, which
   * tell how the cache serves callers; the poller counts its own (cached or fetched).
   */
  async readFresh<T>(
    key: string,
    policy: CachePolicy,
    load: () => Promise<T>,
    sizeOf: (value: T) => number = jsonSize,
  ): Promise<CacheRead<T>> {
    const cached = await this.current<T>(key);
    if (cached && Date.now() < cached.freshUntil) return { entry: cached, result: 'HIT' };
    return { entry: await this.refresh(key, policy, load, sizeOf), result: 'MISS' };
  }

  /** Stores a value learnt on the way (e.g. from a list), as if `read` had loaded it now. */
  async remember<T>(
    key: string,
    policy: CachePolicy,
    value: T,
    size = jsonSize(value),
  ): Promise<void> {
    await this.store.set(key, this.entryFor(policy, value, Date.now(), size));
  }

  /**
   * A fresh, current entry this process holds in memory, or nothing; never loads, never waits.
   * The hot path answers hits with it, and a hit is counted here; what it finds wanting goes on
   * to `read`, which counts that.
   */
  peek<T>(key: string, domain: string): CacheEntry<T> | undefined {
    const cached = this.store.peekLocal?.<T>(key);
    if (!cached || Date.now() >= cached.freshUntil || this.outdated(cached)) return undefined;
    this.observer.lookup(domain, 'HIT');
    return cached;
  }

  /** Outdates every entry about `resource` fetched before now (after a write through us). */
  invalidate(...resources: string[]): void {
    const now = Date.now();
    for (const resource of resources) this.invalidatedAt.set(resource, now);
  }

  /**
   * Runs a write through the gateway, then outdates what it changes (whether or not it
   * succeeded: a failed write may still have reached the charger), so the next read asks upstream.
   */
  async writing<T>(resources: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.invalidate(...resources);
    }
  }

  /** Drops one entry (a value known to be wrong, e.g. a sign-in that ended). */
  async delete(key: string): Promise<void> {
    await this.store.delete(key);
  }

  bytes(): number {
    return this.store.bytes();
  }

  private async current<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const cached = await this.store.get<T>(key);
    return cached && !this.outdated(cached) ? cached : undefined;
  }

  /** Fetched before a write through the gateway changed what it is about. */
  private outdated(entry: CacheEntry): boolean {
    const outdatedAt =
      entry.resource === undefined ? undefined : this.invalidatedAt.get(entry.resource);
    return outdatedAt !== undefined && entry.fetchedAt <= outdatedAt;
  }

  private refresh<T>(
    key: string,
    policy: CachePolicy,
    load: () => Promise<T>,
    sizeOf: (value: T) => number,
  ): Promise<CacheEntry<T>> {
    const running = this.inflight.get(key) as Promise<CacheEntry<T>> | undefined;
    if (running) return running;
    const fetchedAt = Date.now();
    const loading = load()
      .then(async (value) => {
        const entry = this.entryFor(policy, value, fetchedAt, sizeOf(value));
        await this.store.set(key, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, loading);
    return loading;
  }

  private entryFor<T>(policy: CachePolicy, value: T, fetchedAt: number, size: number) {
    const freshUntil = fetchedAt + policy.ttlMs;
    const entry: CacheEntry<T> = {
      value,
      fetchedAt,
      freshUntil,
      staleUntil: freshUntil + Math.max(policy.ttlMs, this.staleMaxMs),
      size,
      resource: policy.resource,
    };
    return entry;
  }

  private answer<T>(policy: CachePolicy, entry: CacheEntry<T>, result: CacheResult) {
    this.observer.lookup(policy.domain, result);
    return { entry, result };
  }
}

/**
 * Failures a stale answer is better than: Zaptec down, slow, refusing for load (429, our
 * limiter's 503), or our breaker open. A 4xx says the request itself is wrong, a 500 is our own bug: no stale for those.
 */
const UPSTREAM_TROUBLE = new Set([429, 502, 503, 504]);

function isUpstreamTrouble(error: unknown): boolean {
  return UPSTREAM_TROUBLE.has(statusOf(error));
}

/** About what the value weighs as JSON (Zaptec's lossless numbers may be bigints). */
function jsonSize(value: unknown): number {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
  return Buffer.byteLength(text ?? '');
}
