import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponse } from './api-problem-response.decorator';

/** The answers a route that reads or writes through Zaptec can give when Zaptec fails. */
export function ApiUpstreamProblems(): MethodDecorator {
  return applyDecorators(
    ApiProblemResponse(403, 'Zaptec itself refused this for your account (`UPSTREAM_FORBIDDEN`).', [
      'UPSTREAM_FORBIDDEN',
    ]),
    ApiProblemResponse(
      502,
      'Zaptec failed (`UPSTREAM_ERROR`), could not be reached (`UPSTREAM_UNREACHABLE`) or answered something unreadable (`UPSTREAM_BAD_RESPONSE`).',
      ['UPSTREAM_ERROR', 'UPSTREAM_UNREACHABLE', 'UPSTREAM_BAD_RESPONSE'],
    ),
    ApiProblemResponse(
      503,
      'Zaptec is failing, overloaded or asked us to slow down, or your requests wait too long for their turn under its rate limit (`UPSTREAM_UNAVAILABLE`, `UPSTREAM_BUSY`, `UPSTREAM_RATE_LIMITED`); see Retry-After.',
      ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_BUSY', 'UPSTREAM_RATE_LIMITED'],
    ),
    ApiProblemResponse(504, 'Zaptec did not answer in time (`UPSTREAM_TIMEOUT`).', [
      'UPSTREAM_TIMEOUT',
    ]),
  );
}
