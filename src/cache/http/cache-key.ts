import type { CachedReadMeta } from './cached-read.decorator';

export interface KeyParts {
  /** Fastify's route pattern, e.g. `/v1/chargers/:id/state`. */
  readonly route: string;
  /** The checked, lowercased id of the route's object (`resource` scope). */
  readonly targetId: string | undefined;
  readonly principalId: string;
  /** The raw query string, if any. */
  readonly query: string;
}

/**
 * The entry a request reads. One function for the hot path and the handler path, so both find
 * the same entry. The query's parameters are sorted: `?a=1&b=2` and `?b=2&a=1` share an entry.
 */
export function cacheKeyOf(meta: CachedReadMeta, parts: KeyParts): string | undefined {
  const owner =
    meta.scope === 'resource'
      ? parts.targetId && `r:${parts.targetId}`
      : meta.scope === 'principal'
        ? `p:${parts.principalId}`
        : 'all';
  if (!owner) return undefined;
  // Most reads have no query: no parsing then (this runs on every cache hit).
  const sorted = parts.query
    ? new URLSearchParams([...new URLSearchParams(parts.query)].sort()).toString()
    : '';
  const query = sorted ? `?${sorted}` : '';
  return keyOf(owner, `${parts.route}${query}`);
}

/** The query string of a URL, without the `?`. */
export function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/**
 * The entry of a `resource`-scoped read without a query, e.g. a charger's state: what code
 * outside a request (ingestion's poller) reads and fills, so one upstream call serves both.
 */
export function resourceKey(route: string, resourceId: string): string {
  return keyOf(`r:${resourceId}`, route);
}

function keyOf(owner: string, routeAndQuery: string): string {
  return `http|${owner}|${routeAndQuery}`;
}
