import { HttpStatus } from '@nestjs/common';
import { ApiProblem } from './problem';

/** 401 for a missing or unusable gateway token, with the RFC 6750 challenge. */
export function unauthenticated(detail: string, tokenPresented = true): ApiProblem {
  return new ApiProblem(
    HttpStatus.UNAUTHORIZED,
    'UNAUTHENTICATED',
    detail,
    {},
    { 'www-authenticate': tokenPresented ? 'Bearer error="invalid_token"' : 'Bearer' },
  );
}

/** 401 when Zaptec's own token behind a sign-in is gone: only a new sign-in helps (§2). */
export function upstreamSessionExpired(): ApiProblem {
  return new ApiProblem(
    HttpStatus.UNAUTHORIZED,
    'UPSTREAM_SESSION_EXPIRED',
    'The Zaptec session has expired (Zaptec tokens last about a day): sign in again.',
  );
}

/**
 * 401 when the gateway can no longer read the Zaptec token it stored for a sign-in (sealed with
 * another TOKEN_ENCRYPTION_KEY, e.g. a key generated per process before a restart). The same code
 * as an expired Zaptec session: either way only a new sign-in helps.
 */
export function upstreamSessionUnusable(): ApiProblem {
  return new ApiProblem(
    HttpStatus.UNAUTHORIZED,
    'UPSTREAM_SESSION_EXPIRED',
    'The gateway can no longer use the Zaptec session of this sign-in (its encryption key changed): sign in again.',
  );
}

/** 403 for a caller whose role on the object is too weak; names the roles that would do. */
export function roleTooWeak(
  detail: string,
  requiredRoles: readonly string[],
  details: Record<string, unknown> = {},
): ApiProblem {
  return new ApiProblem(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail, {
    details: { requiredRoles: [...requiredRoles], ...details },
  });
}

/** 404 for an object the caller has no role on: whether it exists is not revealed. */
export function noRoleOn(kind: string, id: string): ApiProblem {
  return new ApiProblem(
    HttpStatus.NOT_FOUND,
    'NOT_FOUND',
    `No ${kind} ${id} among the objects you have a role on.`,
  );
}

/**
 * 403 for an API key on one of its own installations where the gateway's service account (which
 * a key calls Zaptec as) holds no role: only the installation's Administrator can fix it, by
 * giving that account a role there.
 */
export function serviceAccountNoRole(installationId: string): ApiProblem {
  return new ApiProblem(
    HttpStatus.FORBIDDEN,
    'SERVICE_ACCOUNT_NO_ROLE',
    `The gateway's service account holds no role on installation ${installationId}, so this API key cannot act there: give that account a role on the installation.`,
    { details: { installationId } },
  );
}

/** 403 for an API key on a route only a signed-in user may call (sign-out, minting keys). */
export function userRequired(): ApiProblem {
  return new ApiProblem(
    HttpStatus.FORBIDDEN,
    'USER_REQUIRED',
    'Only a signed-in user can do this, not an API key: sign in with POST /v1/auth/login and send that access token.',
  );
}
