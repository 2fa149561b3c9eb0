import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblemResponse } from '../openapi/api-problem-response.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { roleName, type UserRole } from './user-roles';

export const ACCESS_RULE = 'zaptec-gateway:access-rule';
export const ROLE_TARGET = 'zaptec-gateway:role-target';

/** What a route requires; a route without one is denied by the guard. */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'roles'; readonly roles: readonly UserRole[] };

export type RoleTargetKind = 'installation' | 'circuit' | 'charger';

/** The object whose installation the roles are checked on, and where its id is in the request. */
export interface RoleTarget {
  readonly kind: RoleTargetKind;
  readonly source: 'params' | 'query';
  readonly name: string;
  /** A query id may be omitted: the route then covers everything the caller may see. */
  readonly optional: boolean;
}

/** Anyone may call this route, signed in or not. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule),
    ApiExtension('x-required-roles', []),
  );
}

/** Any signed-in caller, whatever their roles. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-required-roles', []),
    ApiProblemResponse(
      401,
      'Missing, invalid or expired access token (`UNAUTHENTICATED`), or the Zaptec session behind it expired (`UPSTREAM_SESSION_EXPIRED`): sign in again.',
    ),
  );
}

/**
 * The caller needs any of `roles` (UserRoles flags) on the installation of the route's object,
 * named with `@RoleTargetOf`; without a target, the route lists only what the caller holds one
 * of these roles on. No role on the object answers 404, too weak a role 403.
 */
export function RequireRoles(...roles: UserRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-required-roles', roles.map(roleName)),
    ApiProblemResponse(
      401,
      'Missing, invalid or expired access token (`UNAUTHENTICATED`), or the Zaptec session behind it expired (`UPSTREAM_SESSION_EXPIRED`): sign in again.',
    ),
  );
}

/** The route acts on the object whose id is the path parameter `name`. */
export function RoleTargetOf(kind: RoleTargetKind, name = 'id'): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLE_TARGET, {
      kind,
      source: 'params',
      name,
      optional: false,
    } satisfies RoleTarget),
    ApiProblemResponse(403, 'Your role on this object is too weak for this call (`FORBIDDEN`).'),
    ApiProblemResponse(404, `No such ${kind}, or you have no role on it (\`NOT_FOUND\`).`),
  );
}

/** The route may be narrowed to one object by the query parameter `name`. */
export function RoleTargetQuery(kind: RoleTargetKind, name: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(ROLE_TARGET, { kind, source: 'query', name, optional: true } satisfies RoleTarget),
    ApiProblemResponse(403, 'Your role on this object is too weak for this call (`FORBIDDEN`).'),
    ApiProblemResponse(404, `No such ${kind}, or you have no role on it (\`NOT_FOUND\`).`),
  );
}
