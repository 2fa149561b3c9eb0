import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';

/** The errors any route that calls Zaptec can give (mapped by upstream-problem.ts). */
export function ApiUpstreamProblems(): MethodDecorator {
  return applyDecorators(
    ApiProblemResponse(
      502,
      'Zaptec failed or could not be reached (`UPSTREAM_ERROR`, `UPSTREAM_UNREACHABLE`).',
    ),
    ApiProblemResponse(
      503,
      'Zaptec is busy or failing, or our per-account queue towards it is full (`UPSTREAM_BUSY`, `UPSTREAM_UNAVAILABLE`, `UPSTREAM_RATE_LIMITED`); see Retry-After.',
    ),
    ApiProblemResponse(504, 'Zaptec did not answer in time (`UPSTREAM_TIMEOUT`).'),
  );
}

/** The `:id` path parameter of the routes on one charger. */
export const CHARGER_ID_PARAM = {
  name: 'id',
  format: 'uuid',
  description: 'The charger id.',
} as const;
