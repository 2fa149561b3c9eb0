import type { FastifyInstance, onRequestAsyncHookHandler, onSendHookHandler } from 'fastify';
import type { CacheHotPath } from './cache-hot-path';
import { CACHED_READ_CONFIG, type CachedReadMeta } from './cached-read.decorator';
import { notModified } from './http-entry';

/**
 * Adds the cache's hooks to the routes marked @CachedRead, and to no other route, as Fastify
 * registers them (so before Nest's init): hits answered in `onRequest`, and `If-None-Match`
 * turned into 304 in `onSend`. `hotPath` is looked up at the first request, once Nest built it.
 */
export function registerCacheHooks(
  fastify: FastifyInstance,
  enabled: boolean,
  hotPath: () => CacheHotPath,
): void {
  if (!enabled) return;
  let served: CacheHotPath | undefined;
  fastify.addHook('onRoute', (route) => {
    const meta = (route.config as Record<string, unknown> | undefined)?.[CACHED_READ_CONFIG] as
      CachedReadMeta | undefined;
    if (!meta) return;
    const answerHit: onRequestAsyncHookHandler = async (request, reply) => {
      served ??= hotPath();
      if (await served.answer(request, reply, meta)) return reply;
    };
    const send: onSendHookHandler = (request, reply, payload, done) => {
      done(null, notModified(request, reply, payload));
    };
    route.onRequest = [...asList(route.onRequest), answerHit];
    route.onSend = [...asList(route.onSend), send];
  });
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
