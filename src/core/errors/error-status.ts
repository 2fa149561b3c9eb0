import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProblem, type FieldErrorDto } from './problem';
import { upstreamProblem } from './upstream-problem';
import { validationProblem } from './validation';

/**
 * What a thrown error is as an HTTP error: upstream's typed errors and Fastify's schema errors
 * become the problems they mean; anything else stays as it was thrown.
 */
export function asHttpError(thrown: unknown): unknown {
  const schemaErrors = fastifySchemaErrors(thrown);
  if (schemaErrors) return validationProblem(schemaErrors);
  return upstreamProblem(thrown) ?? thrown;
}

/**
 * The HTTP status an error is answered with. The one place that decides it: the exception
 * filter answers with it, audit records a 4xx as REJECTED, idempotency replays a definite 4xx.
 */
export function statusOf(thrown: unknown): number {
  const error = asHttpError(thrown);
  if (error instanceof HttpException) return error.getStatus();
  return fastifyClientStatusOf(error) ?? HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Response headers that belong to the error's problem, e.g. Retry-After on a 503. */
export function problemHeaders(thrown: unknown): Record<string, string> {
  const error = asHttpError(thrown);
  return error instanceof ApiProblem ? error.headers : {};
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string };
}

/**
 * A route's Fastify schema (used where Nest's pipes come too late, e.g. the Idempotency-Key
 * header, checked before the access guard asks upstream for the caller's roles) fails with
 * Fastify's FST_ERR_VALIDATION: answered as the same 400 VALIDATION_FAILED as the pipe's.
 */
function fastifySchemaErrors(error: unknown): FieldErrorDto[] | undefined {
  const { validation, validationContext } = (error ?? {}) as {
    validation?: unknown;
    validationContext?: string;
  };
  if (!Array.isArray(validation)) return undefined;
  return (validation as AjvError[]).map((item) => {
    const name =
      item.params?.missingProperty ?? item.instancePath?.slice(1).replaceAll('/', '.') ?? '';
    const field = validationContext === 'headers' ? headerName(name) : name;
    return { field, messages: [`${field} ${item.message ?? 'is invalid'}`] };
  });
}

/** `idempotency-key` → `Idempotency-Key` (Fastify lowercases header names). */
function headerName(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-');
}

/** Fastify's own client errors (bad JSON, body too large, unsupported media type) carry a 4xx. */
function fastifyClientStatusOf(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? statusCode
    : undefined;
}
