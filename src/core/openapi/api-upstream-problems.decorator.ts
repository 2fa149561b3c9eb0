import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponse } from './api-problem-response.decorator';

/** The answers a route that reads or writes through Zaptec can give when Zaptec fails. */
export function ApiUpstreamProblems(): MethodDecorator {
  return applyDecorators(
    ApiProblemResponse(
      502,
      'Zaptec failed (`UPSTREAM_ERROR`) or could not be reached (`UPSTREAM_UNREACHABLE`).',
    ),
    ApiProblemResponse(
      503,
      'Zaptec is failing, overloaded or asked us to slow down, or your requests wait too long for their turn under its rate limit (`UPSTREAM_UNAVAILABLE`, `UPSTREAM_BUSY`, `UPSTREAM_RATE_LIMITED`); see Retry-After.',
    ),
    ApiProblemResponse(504, 'Zaptec did not answer in time (`UPSTREAM_TIMEOUT`).'),
  );
}
