import type { ExecutionContext, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../errors/validation';

const pipe = createValidationPipe();

/**
 * Validates the route's whole body and query DTOs (as the global ValidationPipe will) before the
 * guard asks upstream about the caller's roles: Nest runs guards before pipes, and bad input
 * must be refused with 400 before anything reaches Zaptec.
 */
export async function validateInputEarly(context: ExecutionContext): Promise<void> {
  const controller = context.getClass();
  const handler = context.getHandler();
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<
    string,
    { index: number; data?: string }
  >;
  const types = (Reflect.getMetadata(
    'design:paramtypes',
    controller.prototype as object,
    handler.name,
  ) ?? []) as Type<unknown>[];
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  for (const [key, { index, data }] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]) as RouteParamtypes;
    if (data !== undefined) continue; // a single named field is validated by its own pipes
    if (kind === RouteParamtypes.BODY) {
      await pipe.transform(request.body ?? {}, { type: 'body', metatype: types[index] });
    } else if (kind === RouteParamtypes.QUERY) {
      await pipe.transform(request.query ?? {}, { type: 'query', metatype: types[index] });
    }
  }
}
