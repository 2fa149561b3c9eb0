import type { CachedReadMeta } from './cached-read.decorator';
import { cacheKeyOf, resourceKey } from './cache-key';

const meta = { domain: 'state', scope: 'resource', handler: {}, controller: {} } as CachedReadMeta;

describe('cache keys', () => {
  it("gives a poller outside a request the same key as a user's read of the route's object", () => {
    const route = '/v1/chargers/:id/state';
    const parts = { route, targetId: 'c-1', principalId: 'u-1', query: '' };
    expect(resourceKey(route, 'c-1')).toBe(cacheKeyOf(meta, parts));
    expect(resourceKey(route, 'c-1')).not.toBe(cacheKeyOf(meta, { ...parts, query: 'a=1' }));
  });
});
