import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthenticatedRequest } from '../../core/auth/principal';
import { CacheService } from '../cache.service';
import { CACHED_READ, type CachedReadMeta } from './cached-read.decorator';
import { cacheKeyOf, queryOf } from './cache-key';
import { cachedReply, type HttpBody, httpBodyOf } from './http-entry';

/**
 * The handler path of a cached GET (a miss, a stale entry, or a request the hot path left to
 * Nest): after the guard has decided access, the answer comes through the cache, so concurrent
 * misses share one handler run and the bytes are stored as sent.
 */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  private readonly enabled: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.enabled = config.cache.enabled;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<CachedReadMeta | undefined>(CACHED_READ, context.getHandler());
    if (!this.enabled || !meta || this.config.cache.ttlMs[meta.domain] === 0) {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = cacheKeyOf(meta, {
      route: request.routeOptions.url ?? '',
      targetId: request.targetId,
      principalId: request.principal?.id ?? '',
      query: queryOf(request.url),
    });
    if (!key) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const policy = {
      domain: meta.domain,
      ttlMs: this.config.cache.ttlMs[meta.domain],
      resource: request.targetId,
    };
    return from(
      this.cache
        .read<HttpBody>(
          key,
          policy,
          async () => httpBodyOf(await lastValueFrom(next.handle())),
          (value) => value.body.length,
        )
        // Nest sends what this returns with the route's status; a 304 is set by the onSend hook.
        .then(({ entry, result }) => cachedReply(reply, entry, result)),
    );
  }
}
