import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';

/** Who is calling: an end user signed in through `/v1/auth/login`. */
export interface Principal {
  readonly kind: 'user';
  /** Zaptec's user id (the upstream token's `sub`). */
  readonly id: string;
  readonly username: string;
  /** The sign-in this access token belongs to (the refresh-token family). */
  readonly sessionId: string;
  /** When Zaptec's own token for this sign-in expires. */
  readonly upstreamExpiresAt: Date;
  /** Calls upstream as this user (their token, their rate bucket). */
  readonly upstream: UpstreamSession;
}

/** What the access guard proved about the object a route acts on. */
export interface ResolvedAccess {
  readonly installationId: string;
  /** The caller's UserRoles flags on that installation. */
  readonly roles: number;
}

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
  access?: ResolvedAccess;
  /** The id of the route's object, checked and lowercased by the guard. */
  targetId?: string;
}

/** Turns a bearer token into a principal, or throws a 401 ApiProblem. */
export interface PrincipalResolver {
  fromBearer(token: string): Promise<Principal>;
  /**
   * The principal of a valid token whose sign-in is in memory and alive, else undefined (never
   * reads the database or throws): the cache's hot path answers only what this vouches for.
   */
  peekBearer(token: string): Principal | undefined;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

/** The signed-in caller; only on routes that are not `@Public()`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);

/** The installation and roles the guard resolved for the route's object. */
export const CurrentAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ResolvedAccess => {
    const access = context.switchToHttp().getRequest<AuthenticatedRequest>().access;
    if (!access) throw new Error('CurrentAccess used on a route without a role target');
    return access;
  },
);
