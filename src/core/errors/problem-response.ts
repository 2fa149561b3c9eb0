import { HttpException } from '@nestjs/common';
import { asHttpError, statusOf } from './error-status';
import { ApiProblem, codeForStatus, type Problem, problemType, titleForStatus } from './problem';

interface RequestContext {
  url: string;
  requestId: string | undefined;
}

/** Turns anything thrown while serving a request into problem details. */
export function toProblem(thrown: unknown, request: RequestContext): Problem {
  const error = asHttpError(thrown);
  const status = statusOf(error);
  const base = (code: string, detail: string | undefined): Problem => ({
    type: problemType(code),
    title: titleForStatus(status),
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    ...(request.requestId ? { requestId: request.requestId } : {}),
  });

  if (error instanceof ApiProblem) {
    return { ...base(error.code, error.message), ...error.extensions };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const problem = base(codeForStatus(status), messageOf(response) ?? error.message);
    // e.g. terminus' 503 body: { status, info, error, details } goes into `details` untouched.
    if (typeof response === 'object' && !('message' in response)) {
      problem.details = response as Record<string, unknown>;
    }
    return problem;
  }
  // Fastify's own client errors keep their status and message; anything else is our fault.
  if (status < 500) {
    return base(codeForStatus(status), (error as Error).message);
  }
  return base('INTERNAL_ERROR', 'An unexpected error occurred.');
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}
