import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { CACHED_READ_CONFIG } from './cached-read.decorator';
import type { CacheFrontDoor } from './front-door';
import { notModified } from './http-entry';

/**
 * The cache's Fastify hooks, as Fastify registers the routes (so before Nest's init): every GET
 * route goes into the front door's router, and on the routes marked @CachedRead `If-None-Match`
 * turns a handler's 200 into a 304 in `onSend`. At shutdown the front door closes first.
 */
export function registerCacheHooks(
  fastify: FastifyInstance,
  enabled: boolean,
  frontDoor: CacheFrontDoor | undefined,
): void {
  if (!enabled) return;
  const send: onSendHookHandler = (request, reply, payload, done) => {
    done(null, notModified(request, reply, payload));
  };
  fastify.addHook('onRoute', (route) => {
    frontDoor?.addRoute(route);
    const config = route.config as Record<string, unknown> | undefined;
    if (config?.[CACHED_READ_CONFIG]) route.onSend = [...asList(route.onSend), send];
  });
  fastify.addHook('preClose', (done) => {
    frontDoor?.close();
    done();
  });
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
