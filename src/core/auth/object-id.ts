import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isUUID, IsOptional, IsUUID } from 'class-validator';
import { validationProblem } from '../errors/validation';

/**
 * Zaptec's ids are GUIDs, lowercase on its side; a client may send them in any case. Checked and
 * lowercased here, once, where a request enters: services and upstream calls see one spelling,
 * so a role lookup or a cache key never differs by case alone.
 */
export function parseObjectId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isUUID(value)) {
    throw validationProblem(field, `${field} must be a UUID`);
  }
  return value.toLowerCase();
}

/**
 * An optional query filter holding an object id, validated and lowercased like a path id. No
 * example: Swagger UI would prefill it, and an optional filter should start empty.
 */
export function ObjectIdFilter(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid' }),
    IsOptional(),
    IsUUID(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && isUUID(value) ? value.toLowerCase() : value,
    ),
  );
}
