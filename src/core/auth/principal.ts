import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { userRequired } from '../errors/auth-problems';

/** An end user signed in through `/v1/auth/login`. */
export interface UserPrincipal {
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

/** A partner's API key, minted by an Administrator of its installations. */
export interface ApiKeyPrincipal {
  readonly kind: 'apiKey';
  /** `apikey:<keyId>`: never a Zaptec user id, so no user-scoped rule matches a key by accident. */
  readonly id: string;
  readonly keyId: string;
  readonly name: string;
  /** The only installations the key acts on (lowercase UUIDs). */
  readonly installationIds: readonly string[];
  /** UserRoles flags the key holds on each of them. */
  readonly roles: number;
  /** The Administrator who minted it. */
  readonly createdBy: string;
  readonly expiresAt: Date | undefined;
  /** The gateway's service account: keys have no Zaptec identity of their own. */
  readonly upstream: UpstreamSession;
}

/** Who is calling. Routes and the guard treat both alike; only sign-in specifics differ. */
export type Principal = UserPrincipal | ApiKeyPrincipal;

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

/** The request headers a principal is read from (Fastify's and Node's both fit). */
export type CredentialHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Turns a request's credential (`Authorization: Bearer`, `X-Api-Key`) into a principal. */
export interface PrincipalResolver {
  /** The caller, or a 401 ApiProblem when the credential is missing or not valid now. */
  fromHeaders(headers: CredentialHeaders): Promise<Principal>;
  /**
   * The principal of a valid credential that is in memory and alive, else undefined (never
   * reads the database or throws): the cache's hot path answers only what this vouches for.
   */
  peekHeaders(headers: CredentialHeaders): Principal | undefined;
}

/** One kind of credential: a gateway access token, or an API key secret. */
export interface CredentialResolver {
  resolve(credential: string): Promise<Principal>;
  peek(credential: string): Principal | undefined;
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

/** The signed-in end user; an API key gets a 403 (sign-in and key minting are a person's acts). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserPrincipal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentUser used on a route without authentication');
    if (principal.kind !== 'user') throw userRequired();
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
