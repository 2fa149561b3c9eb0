import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logFailure } from '../logging/failure-logging';
import { problemHeaders } from './error-status';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem-response';

/** The one exception filter: every error leaves as application/problem+json with a stable code. */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      error,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }
}

export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  // Upstream's typed errors are mapped here (core/errors), with their status from statusOf().
  const problem = toProblem(error, { url: request.url, requestId: request.id });
  void reply.headers(problemHeaders(error));
  logFailure(error, problem, request, logger);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
