import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { IncomingHttpHeaders } from 'node:http';
import { decideAccess } from '../../core/auth/access-decision';
import { rawTargetOf } from '../../core/auth/access.guard';
import {
  ACCESS_RULE,
  type AccessRule,
  ROLE_TARGET,
  type RoleTarget,
} from '../../core/auth/access.decorators';
import {
  PRINCIPAL_RESOLVER,
  type Principal,
  type PrincipalResolver,
} from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import type { CacheEntry } from '../cache-store';
import { CacheService } from '../cache.service';
import type { CachedReadMeta } from './cached-read.decorator';
import { cacheKeyOf, queryOf } from './cache-key';
import type { HttpBody } from './http-entry';

/** What the hot path reads of a request: as Node parsed it, and as the router matched it. */
export interface HotRequest {
  readonly headers: IncomingHttpHeaders;
  /** The raw target, query string included. */
  readonly url: string;
  /** The route pattern, e.g. `/v1/chargers/:id/state`. */
  readonly route: string;
  readonly params: Record<string, string | undefined>;
  readonly query: Record<string, unknown>;
}

export interface HotHit {
  readonly entry: CacheEntry<HttpBody>;
  readonly principal: Principal;
}

interface RouteAccess {
  readonly rule: AccessRule | undefined;
  readonly target: RoleTarget | undefined;
}

/**
 * Finds the answer to a cached GET before Nest's pipeline when everything it needs is in memory:
 * a valid token of a live sign-in or a live API key, the caller's roles on the object, and a fresh entry. It
 * decides access with the guard's own `decideAccess`, and only ever says yes: anything it cannot
 * vouch for (no token, roles not cached, a refusal, a miss) goes on to the guard and the
 * handler, which answer it as they always do, problems included.
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

  /**
   * The fresh entry this request may be answered with, and who asked; undefined when the
   * request must go through Nest instead. `request` holds what the router found.
   */
  lookup(request: HotRequest, meta: CachedReadMeta): HotHit | undefined {
    // A user's sign-in or an API key, checked on every request against memory kept in step with
    // the database (a revoked or expired key is never answered from here).
    const principal = this.principals.peekHeaders(request.headers);
    const { rule, target } = this.accessOf(meta);
    if (!principal || !rule || rule.kind === 'public') return undefined;

    let targetId: string | undefined;
    const raw = target && rawTargetOf(request, target);
    if (rule.kind === 'roles' && target && !(raw === undefined && target.optional)) {
      if (typeof raw !== 'string' || !isUUID(raw)) return undefined;
      targetId = raw.toLowerCase();
      const access = this.roles.peek(principal, target.kind, targetId);
      if (!access || decideAccess(rule.roles, access) !== 'allow') return undefined;
    }

    const key = cacheKeyOf(meta, {
      route: request.route,
      targetId,
      principalId: principal.id,
      query: queryOf(request.url),
    });
    const entry = key === undefined ? undefined : this.cache.peek<HttpBody>(key, meta.domain);
    return entry && { entry, principal };
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
