import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ApiProblem,
  codeForStatus,
  type FieldErrorDto,
  type Problem,
  problemType,
  titleForStatus,
} from './problem';
import { validationProblem } from './validation';

interface RequestContext {
  url: string;
  requestId: string | undefined;
}

/** Turns anything thrown while serving a request into problem details. */
export function toProblem(thrown: unknown, request: RequestContext): Problem {
  const schemaErrors = fastifySchemaErrors(thrown);
  const error = schemaErrors ? validationProblem(schemaErrors) : thrown;
  const base = (status: number, code: string, detail: string | undefined): Problem => ({
    type: problemType(code),
    title: titleForStatus(status),
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    ...(request.requestId ? { requestId: request.requestId } : {}),
  });

  if (error instanceof ApiProblem) {
    return { ...base(error.getStatus(), error.code, error.message), ...error.extensions };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const problem = base(status, codeForStatus(status), messageOf(response) ?? error.message);
    // e.g. terminus' 503 body: { status, info, error, details } goes into `details` untouched.
    if (typeof response === 'object' && !('message' in response)) {
      problem.details = response as Record<string, unknown>;
    }
    return problem;
  }
  const statusCode = fastifyStatusOf(error);
  if (statusCode) {
    return base(statusCode, codeForStatus(statusCode), (error as Error).message);
  }
  return base(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'An unexpected error occurred.');
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
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
function fastifyStatusOf(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? statusCode
    : undefined;
}
