import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtension, ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { CacheDomain } from '../../config/app-config';

/**
 * Whose answer an entry is. `resource`: the route's object (`:id`), one entry whoever asked once
 * the access check let them (design.md: authorize per principal, cache per resource).
 * `principal`: the answer depends on who asks (their lists, a User's reduced installation).
 * `everyone`: the same for every signed-in caller (the constants).
 */
export type CacheScope = 'resource' | 'principal' | 'everyone';

export interface CachedReadMeta {
  readonly domain: CacheDomain;
  readonly scope: CacheScope;
  /** The handler and its controller, where the hot path reads the route's access rule. */
  readonly handler: object;
  readonly controller: object;
}

export const CACHED_READ = 'zaptec-gateway:cached-read';

/** Each domain's TTL variable and its default (design.md), for the OpenAPI text. */
const TTL_OF: Record<CacheDomain, [variable: string, defaultSeconds: number]> = {
  state: ['CACHE_TTL_STATE_S', 15],
  charger: ['CACHE_TTL_CHARGER_S', 60],
  installation: ['CACHE_TTL_INSTALLATION_S', 300],
  settings: ['CACHE_TTL_SETTINGS_S', 60],
  chargeHistory: ['CACHE_TTL_CHARGE_HISTORY_S', 60],
  constants: ['CACHE_TTL_CONSTANTS_S', 86_400],
};

/** What `x-cache` says of an operation (core/openapi turns it into headers and words). */
export interface CachedReadExtension {
  readonly scope: CacheScope;
  readonly ttlVariable: string;
  readonly defaultTtlSeconds: number;
}
/** The Fastify route config key: the hot path finds cacheable routes by it. */
export const CACHED_READ_CONFIG = 'cachedRead';

/**
 * Marks a GET as answered from the response cache: hits are served before Nest's pipeline
 * (cache/http/front-door.ts), misses through the handler (cache.interceptor.ts).
 */
export function CachedRead(domain: CacheDomain, scope: CacheScope): MethodDecorator {
  return (target, key, descriptor) => {
    const meta: CachedReadMeta = {
      domain,
      scope,
      handler: descriptor.value as object,
      controller: target.constructor,
    };
    applyDecorators(
      SetMetadata(CACHED_READ, meta),
      RouteConfig({ [CACHED_READ_CONFIG]: meta }),
      ApiExtension('x-cache', {
        scope,
        ttlVariable: TTL_OF[domain][0],
        defaultTtlSeconds: TTL_OF[domain][1],
      } satisfies CachedReadExtension),
      ApiHeader({
        name: 'If-None-Match',
        required: false,
        description: 'The `ETag` of an earlier answer: 304 without a body while it still holds.',
        schema: { type: 'string' },
      }),
      ApiResponse({
        status: 304,
        description: 'Not modified: the `ETag` sent in `If-None-Match` still holds.',
      }),
    )(target, key, descriptor);
  };
}
