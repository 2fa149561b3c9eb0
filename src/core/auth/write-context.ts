import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest, Principal, ResolvedAccess } from './principal';

/** Who writes, to which installation, in which request: what every write's audit line records. */
export interface WriteContext {
  readonly principal: Principal;
  readonly access: ResolvedAccess;
  readonly requestId: string;
}

/**
 * The context of a write (commands, settings, limits, authorization), for routes with
 * `@RequireRoles` and `@RoleTargetOf`: the guard has resolved the caller and their access.
 */
export const Write = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WriteContext => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, access } = request;
    if (!principal || !access) throw new Error('Write used on a route without a role target');
    return { principal, access, requestId: request.id };
  },
);

/** The request's id (X-Request-Id), for the audit line of a write without a role target. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<FastifyRequest>().id,
);
