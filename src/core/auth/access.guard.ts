import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ApiProblem } from '../errors/problem';
import { ACCESS_RULE, type AccessRule, ROLE_TARGET, type RoleTarget } from './access.decorators';
import {
  type AuthenticatedRequest,
  type Principal,
  PRINCIPAL_RESOLVER,
  type PrincipalResolver,
} from './principal';
import { decideAccess } from './access-decision';
import { validateInputEarly } from './early-validation';
import { parseObjectId } from './object-id';
import { RoleResolver } from './role-resolver';
import { roleName } from './user-roles';
import { noRoleOn, roleTooWeak } from '../errors/auth-problems';
import {
  RATE_DECISION,
  type RateCounted,
  RateLimits,
  headerRecord,
  rateLimited,
} from '../rate-limit/rate-limits';

/**
 * The one gate of every route: deny what declares nothing, authenticate the caller (principals.ts),
 * count the request against the caller's rate limit (core/rate-limit), and check the caller's
 * UserRoles (a user's, or an API key's mask) on the installation of the route's object (design.md
 * table).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly roles: RoleResolver,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rule) {
      this.logger.error(`${request.method} ${request.routeOptions.url} declares no access rule`);
      throw new ApiProblem(HttpStatus.FORBIDDEN, 'ROUTE_NOT_DECLARED', 'This route is closed.');
    }
    if (rule.kind === 'public') return true;

    const principal = await this.principals.fromHeaders(request.headers);
    request.principal = principal;
    this.countRequest(context, request, principal);
    if (rule.kind === 'authenticated') return true;

    const target = this.reflector.getAllAndOverride<RoleTarget | undefined>(ROLE_TARGET, targets);
    const id = target ? idOf(request, target) : undefined;
    if (!target || id === undefined) return true; // a list: filtered to what the caller holds

    await validateInputEarly(context);
    const access = await this.roles.resolve(principal, target.kind, id);
    const decision = decideAccess(rule.roles, access);
    if (decision === 'no-role' || !access) throw noRoleOn(target.kind, id);
    if (decision === 'too-weak') {
      const required = rule.roles.map(roleName);
      throw roleTooWeak(
        `This needs one of the roles ${required.join(', ')} on the ${target.kind}'s installation.`,
        required,
      );
    }
    request.access = access;
    if (target.source === 'params') request.targetId = id;
    return true;
  }

  /**
   * One request of the caller against its rate limit, before anything else is spent on it: the
   * front door's decision when it counted this request already, else a fresh count.
   */
  private countRequest(
    context: ExecutionContext,
    request: AuthenticatedRequest,
    principal: Principal,
  ): void {
    const decision = (request.raw as RateCounted)[RATE_DECISION] ?? this.limits.take(principal);
    if (!decision) return;
    if (!decision.allowed) throw rateLimited(decision);
    void context.switchToHttp().getResponse<FastifyReply>().headers(headerRecord(decision));
  }
}

/** The target id, checked before anything reaches upstream (guards run before pipes). */
function idOf(request: AuthenticatedRequest, target: RoleTarget): string | undefined {
  const value = rawTargetOf(request, target);
  if (value === undefined && target.optional) return undefined;
  return parseObjectId(value, target.name);
}

/** The route object's id as sent, unchecked (the cache's hot path checks it its own way). */
export function rawTargetOf(
  request: { readonly params?: unknown; readonly query?: unknown },
  target: RoleTarget,
): unknown {
  const holder = (target.source === 'params' ? request.params : request.query) as
    Record<string, unknown> | undefined;
  return holder?.[target.name];
}
