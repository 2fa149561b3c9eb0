import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiParam, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponse } from '../openapi/api-problem-response.decorator';
import { DEMO_ID_OF } from '../openapi/demo-examples';
import { API_KEY_SCHEME, BEARER_SCHEME } from '../openapi/openapi';
import { validationExample } from '../openapi/problem-examples';
import type { AuthenticatedRequest } from './principal';
import { roleName, type UserRole } from './user-roles';

export const ACCESS_RULE = 'zaptec-gateway:access-rule';
export const ROLE_TARGET = 'zaptec-gateway:role-target';

/** What a route requires; a route without one is denied by the guard. */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'roles'; readonly roles: readonly UserRole[] };

/** `session`: a charge session stored by ingestion, placed by our database, not by upstream. */
export type RoleTargetKind = 'installation' | 'circuit' | 'charger' | 'session';

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

const SIGN_IN_AGAIN = ApiProblemResponse(
  401,
  'Missing, invalid or expired access token or API key (`UNAUTHENTICATED`), or the Zaptec session behind a sign-in expired (`UPSTREAM_SESSION_EXPIRED`): sign in again.',
  ['UNAUTHENTICATED', 'UPSTREAM_SESSION_EXPIRED'],
);

const HELD_BACK = ApiProblemResponse(
  429,
  'You (per signed-in user) or your API key (per key) made more requests in the current window than the quota allows, cached answers included (`RATE_LIMITED`): wait `Retry-After` seconds. Every answer says what is left in `RateLimit`.',
  ['RATE_LIMITED'],
);

/** Either credential: a signed-in user's access token, or a partner's API key. */
const ANY_CREDENTIAL = applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME));

/**
 * Any signed-in caller, whatever their roles. `usersOnly` documents a route that refuses API keys
 * (its handler takes `@CurrentUser()`, which answers a key 403 `USER_REQUIRED`).
 */
export function Authenticated(
  options: { usersOnly?: boolean } = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule),
    options.usersOnly ? ApiBearerAuth(BEARER_SCHEME) : ANY_CREDENTIAL,
    ApiExtension('x-required-roles', []),
    SIGN_IN_AGAIN,
    HELD_BACK,
    ...(options.usersOnly
      ? [ApiProblemResponse(403, 'Called with an API key (`USER_REQUIRED`).', ['USER_REQUIRED'])]
      : []),
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
    ANY_CREDENTIAL,
    ApiExtension('x-required-roles', roles.map(roleName)),
    SIGN_IN_AGAIN,
    HELD_BACK,
  );
}

/** The 403 and 404 of a route checked against the caller's role on one object. */
function roleProblems(kind: RoleTargetKind): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiProblemResponse(
      403,
      "Your role on this object is too weak for this call (`FORBIDDEN`), or, for an API key, the gateway's service account holds no role on the installation (`SERVICE_ACCOUNT_NO_ROLE`) or none is configured (`SERVICE_ACCOUNT_NOT_CONFIGURED`).",
      [
        {
          code: 'FORBIDDEN',
          detail: `This needs one of the roles Owner, Maintainer, Administrator on the ${kind}'s installation.`,
          details: { requiredRoles: ['Owner', 'Maintainer', 'Administrator'] },
        },
        'SERVICE_ACCOUNT_NO_ROLE',
        'SERVICE_ACCOUNT_NOT_CONFIGURED',
      ],
    ),
    ApiProblemResponse(404, `No such ${kind}, or you have no role on it (\`NOT_FOUND\`).`, [
      {
        code: 'NOT_FOUND',
        detail: `No ${kind} ${DEMO_ID_OF[kind]} among the objects you have a role on.`,
      },
    ]),
  );
}

/**
 * The route acts on the object whose id is the path parameter `name`. The guard checks the id
 * (a UUID, else 400 before anything reaches Zaptec) and lowercases it; the handler takes it with
 * `@TargetId()`. Documents the parameter, with the demo's id of such an object as its example.
 */
export function RoleTargetOf(
  kind: RoleTargetKind,
  name = 'id',
  example: string = DEMO_ID_OF[kind],
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLE_TARGET, {
      kind,
      source: 'params',
      name,
      optional: false,
    } satisfies RoleTarget),
    ApiParam({
      name,
      description: `The ${kind} id (a UUID, in any case).`,
      // In the schema: @nestjs/swagger drops a parameter's own `example` beside a schema.
      schema: { type: 'string', format: 'uuid', example },
    }),
    ApiProblemResponse(
      400,
      `The ${kind} id is not a UUID (\`VALIDATION_FAILED\`, field \`${name}\`).`,
      [validationExample({ [name]: `${name} must be a UUID` })],
    ),
    roleProblems(kind),
  );
}

/** The route may be narrowed to one object by the query parameter `name`. */
export function RoleTargetQuery(kind: RoleTargetKind, name: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(ROLE_TARGET, { kind, source: 'query', name, optional: true } satisfies RoleTarget),
    roleProblems(kind),
  );
}

/** The id of the route's `@RoleTargetOf` object, as the guard checked it: a lowercase UUID. */
export const TargetId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const id = context.switchToHttp().getRequest<AuthenticatedRequest>().targetId;
    if (id === undefined) throw new Error('TargetId used on a route without @RoleTargetOf');
    return id;
  },
);
