import { memoryCache } from '../../test/support/cache';
import { UpstreamTimeoutError } from '../upstream/zaptec/upstream-errors';
import { loadConfig } from '../config/app-config';
import type { CacheStore } from './cache-store';
import { type CacheResult, CacheService } from './cache.service';
import { MemoryCacheStore } from './memory-cache-store';

const policy = { domain: 'state', ttlMs: 1000, resource: 'charger-1' };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('CacheService', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('shares one load among concurrent misses, then answers hits without loading', async () => {
    const cache = memoryCache();
    const gate = deferred<string>();
    const load = jest.fn(() => gate.promise);
    const reads = Array.from({ length: 50 }, () => cache.read('k', policy, load));
    gate.resolve('v');
    const answers = await Promise.all(reads);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((answer) => answer.entry.value))).toEqual(new Set(['v']));
    expect((await cache.read('k', policy, load)).result).toBe('HIT');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fails every waiter of a failed load once, and stores nothing', async () => {
    const cache = memoryCache();
    const failure = new UpstreamTimeoutError('slow');
    const load = jest.fn(() => Promise.reject(failure));
    const reads = Array.from({ length: 5 }, () => cache.read('k', policy, load));
    const settled = await Promise.allSettled(reads);
    expect(settled.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
    expect(load).toHaveBeenCalledTimes(1);
    const next = await cache.read('k', policy, () => Promise.resolve('v'));
    expect(next.result).toBe('MISS');
  });

  it('serves a just-expired entry as STALE while one background refresh runs', async () => {
    const cache = memoryCache();
    await cache.read('k', policy, () => Promise.resolve('old'));
    jest.advanceTimersByTime(1500);
    const gate = deferred<string>();
    const refresh = jest.fn(() => gate.promise);
    const first = await cache.read('k', policy, refresh);
    const second = await cache.read('k', policy, refresh);
    expect([first.result, first.entry.value, second.result]).toEqual(['STALE', 'old', 'STALE']);
    expect(refresh).toHaveBeenCalledTimes(1);
    gate.resolve('new');
    await gate.promise;
    await Promise.resolve();
    const after = await cache.read('k', policy, refresh);
    expect([after.result, after.entry.value]).toEqual(['HIT', 'new']);
  });

  it('serves STALE when upstream fails, up to CACHE_STALE_MAX_S past the TTL, then the error', async () => {
    const cache = memoryCache({ CACHE_STALE_MAX_S: '10' });
    await cache.read('k', policy, () => Promise.resolve('old'));
    const outage = () => Promise.reject(new UpstreamTimeoutError('down'));
    jest.advanceTimersByTime(5000);
    const stale = await cache.read('k', policy, outage);
    expect([stale.result, stale.entry.value]).toEqual(['STALE', 'old']);
    jest.advanceTimersByTime(6500);
    await expect(cache.read('k', policy, outage)).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('does not hide our own bugs or a 4xx behind a stale entry', async () => {
    const cache = memoryCache({ CACHE_STALE_MAX_S: '10' });
    await cache.read('k', policy, () => Promise.resolve('old'));
    jest.advanceTimersByTime(5000);
    await expect(
      cache.read('k', policy, () => Promise.reject(new TypeError('bug'))),
    ).rejects.toThrow('bug');
  });

  it('outdates what a write changes, also a load that started before the write', async () => {
    const cache = memoryCache();
    await cache.read('k', policy, () => Promise.resolve('before'));
    const gate = deferred<string>();
    await cache.writing(['charger-1'], () => Promise.resolve());
    const inflight = cache.read('k', policy, () => gate.promise);
    expect(cache.peek('k', 'state')).toBeUndefined();
    jest.advanceTimersByTime(1); // the write lands after this load started
    cache.invalidate('charger-1');
    gate.resolve('during');
    expect((await inflight).result).toBe('MISS');
    const next = await cache.read('k', policy, () => Promise.resolve('after'));
    expect([next.result, next.entry.value]).toEqual(['MISS', 'after']);
  });

  it('peeks only at what the store holds in memory: a remote store without peekLocal is read through', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const memory = new MemoryCacheStore(config.cache.maxBytes);
    // A store as a remote one would be: every entry only behind a promise.
    const remote: CacheStore = {
      get: (key) => memory.get(key),
      set: (key, entry) => memory.set(key, entry),
      delete: (key) => memory.delete(key),
      bytes: () => memory.bytes(),
      clear: () => memory.clear(),
    };
    const cache = new CacheService(remote, config, { lookup: () => undefined });
    await cache.read('k', policy, () => Promise.resolve('v'));
    expect(cache.peek('k', 'state')).toBeUndefined();
    expect((await cache.read('k', policy, () => Promise.resolve('w'))).result).toBe('HIT');
    const local = memoryCache();
    await local.read('k', policy, () => Promise.resolve('v'));
    expect(local.peek('k', 'state')?.value).toBe('v');
  });

  it('counts every lookup by domain and result', async () => {
    const seen: [string, CacheResult][] = [];
    const cache = memoryCache({}, { lookup: (domain, result) => seen.push([domain, result]) });
    await cache.read('k', policy, () => Promise.resolve('v'));
    cache.peek('k', 'state');
    expect(seen).toEqual([
      ['state', 'MISS'],
      ['state', 'HIT'],
    ]);
  });
});

describe('MemoryCacheStore', () => {
  it('evicts the least recently used entries past its byte bound', async () => {
    const store = new MemoryCacheStore(10_000);
    const entry = (size: number) => ({
      value: 'x',
      fetchedAt: Date.now(),
      freshUntil: Date.now() + 60_000,
      staleUntil: Date.now() + 120_000,
      size,
    });
    for (let index = 0; index < 10; index++) await store.set(`k${index}`, entry(2000));
    expect(store.bytes()).toBeLessThanOrEqual(10_000);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k9')).toBeDefined();
  });

  it('drops an entry once it could no longer answer even as stale', async () => {
    const store = new MemoryCacheStore(10_000);
    const now = Date.now();
    const entry = { value: 1, fetchedAt: now, freshUntil: now + 10, staleUntil: now + 30, size: 1 };
    await store.set('k', entry);
    expect(await store.get('k')).toBe(entry);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('CacheService.readFresh (a background poller)', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('answers a fresh entry without loading, and fills the entry that read() answers', async () => {
    const cache = memoryCache();
    const load = jest.fn(() => Promise.resolve('polled'));
    expect((await cache.readFresh('k', policy, load)).result).toBe('MISS');
    const user = jest.fn(() => Promise.resolve('user'));
    const read = await cache.read('k', policy, user);
    expect([read.result, read.entry.value]).toEqual(['HIT', 'polled']);
    expect(user).not.toHaveBeenCalled();
    expect((await cache.readFresh('k', policy, load)).result).toBe('HIT');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads instead of answering a stale entry, which read() would serve while refreshing', async () => {
    const cache = memoryCache();
    await cache.read('k', policy, () => Promise.resolve('old'));
    jest.advanceTimersByTime(1500); // past the TTL, within the stale-while-revalidate window
    const fresh = await cache.readFresh('k', policy, () => Promise.resolve('new'));
    expect([fresh.result, fresh.entry.value]).toEqual(['MISS', 'new']);
  });

  it('shares a load already running for the key (one upstream call for a user and a poll)', async () => {
    const cache = memoryCache();
    const gate = deferred<string>();
    const user = jest.fn(() => gate.promise);
    const poll = jest.fn(() => Promise.resolve('poll'));
    const reading = cache.read('k', policy, user);
    const polling = cache.readFresh('k', policy, poll);
    gate.resolve('user');
    expect((await polling).entry.value).toBe('user');
    expect((await reading).entry.value).toBe('user');
    expect(poll).not.toHaveBeenCalled();
  });

  it('fails with the load and answers nothing stale when upstream is down', async () => {
    const cache = memoryCache();
    await cache.read('k', policy, () => Promise.resolve('old'));
    jest.advanceTimersByTime(1500);
    const failure = new UpstreamTimeoutError('slow');
    await expect(cache.readFresh('k', policy, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('counts no lookup: the poller reports its own', async () => {
    const lookups: string[] = [];
    const cache = memoryCache(
      {},
      { lookup: (domain, result) => lookups.push(`${domain}:${result}`) },
    );
    await cache.readFresh('k', policy, () => Promise.resolve('v'));
    await cache.readFresh('k', policy, () => Promise.resolve('v'));
    expect(lookups).toEqual([]);
  });
});
