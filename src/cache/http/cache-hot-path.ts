import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { decideAccess } from '../../core/auth/access-decision';
import { bearerTokenOf, rawTargetOf } from '../../core/auth/access.guard';
import {
  ACCESS_RULE,
  type AccessRule,
  ROLE_TARGET,
  type RoleTarget,
} from '../../core/auth/access.decorators';
import {
  type AuthenticatedRequest,
  PRINCIPAL_RESOLVER,
  type PrincipalResolver,
} from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import { CacheService } from '../cache.service';
import type { CachedReadMeta } from './cached-read.decorator';
import { cacheKeyOf, queryOf } from './cache-key';
import { cachedReply, type HttpBody } from './http-entry';

interface RouteAccess {
  readonly rule: AccessRule | undefined;
  readonly target: RoleTarget | undefined;
}

/**
 * Answers a cached GET before Nest's pipeline when everything it needs is in memory: a valid
 * token of a live sign-in, the caller's roles on the object, and a fresh entry. It decides
 * access with the guard's own `decideAccess`, and only ever says yes: anything it cannot vouch
 * for (no token, roles not cached, a refusal, a miss) goes on to the guard and the handler,
 * which answer it as they always do, problems included.
 */
@Injectable()
export class CacheHotPath {
  private readonly access = new WeakMap<CachedReadMeta, RouteAccess>();

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: CacheService,
    private readonly roles: RoleResolver,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
  ) {}

  /** True when it answered the request. */
  async answer(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    meta: CachedReadMeta,
  ): Promise<boolean> {
    const token = bearerTokenOf(request.headers.authorization);
    const principal = token === undefined ? undefined : this.principals.peekBearer(token);
    const { rule, target } = this.accessOf(meta);
    if (!principal || !rule || rule.kind === 'public') return false;

    let targetId: string | undefined;
    const raw = target && rawTargetOf(request, target);
    if (rule.kind === 'roles' && target && !(raw === undefined && target.optional)) {
      if (typeof raw !== 'string' || !isUUID(raw)) return false;
      targetId = raw.toLowerCase();
      const access = await this.roles.peek(principal, target.kind, targetId);
      if (!access || decideAccess(rule.roles, access) !== 'allow') return false;
      request.access = access;
    }

    const key = cacheKeyOf(meta, {
      route: request.routeOptions.url ?? '',
      targetId,
      principalId: principal.id,
      query: queryOf(request.url),
    });
    const entry = key === undefined ? undefined : await this.cache.peek<HttpBody>(key, meta.domain);
    if (!entry) return false;
    request.principal = principal;
    if (target?.source === 'params') request.targetId = targetId;
    await reply.send(cachedReply(reply, entry, 'HIT'));
    return true;
  }

  private accessOf(meta: CachedReadMeta): RouteAccess {
    let known = this.access.get(meta);
    if (!known) {
      const targets = [meta.handler, meta.controller] as never[];
      known = {
        rule: this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets),
        target: this.reflector.getAllAndOverride<RoleTarget | undefined>(ROLE_TARGET, targets),
      };
      this.access.set(meta, known);
    }
    return known;
  }
}
