import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The Accept header, for content negotiation. Not `@Headers('accept')`: that would document
 * Accept as a parameter, which OpenAPI forbids (the 200's media types say it).
 */
export const AcceptHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().headers.accept,
);
