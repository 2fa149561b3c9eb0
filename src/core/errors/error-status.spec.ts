import { BadRequestException, HttpStatus } from '@nestjs/common';
import {
  UpstreamBusyError,
  UpstreamHttpError,
  UpstreamTimeoutError,
} from '../../upstream/zaptec/upstream-errors';
import { problemHeaders, statusOf } from './error-status';
import { ApiProblem } from './problem';

describe('statusOf', () => {
  it.each([
    ['a problem of ours', new ApiProblem(HttpStatus.CONFLICT, 'X', 'x'), 409],
    ["a Nest exception (the validation pipe's)", new BadRequestException('bad'), 400],
    [
      "Zaptec's business refusal (528 DeviceCommandRejected)",
      new UpstreamHttpError(500, JSON.stringify({ Code: 528, Details: 'no' }), undefined, 'POST'),
      409,
    ],
    ['an empty Zaptec 500', new UpstreamHttpError(500, '', undefined), 502],
    ['an expired Zaptec token', new UpstreamHttpError(401, '', undefined), 401],
    ['our limiter out of slots', new UpstreamBusyError('busy', 2), 503],
    ['a Zaptec timeout', new UpstreamTimeoutError('slow'), 504],
    [
      "a Fastify route schema's refusal",
      Object.assign(new Error('headers/x must match'), { statusCode: 400, validation: [] }),
      400,
    ],
    [
      "Fastify's own client error",
      Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }),
      415,
    ],
    ['a bug', new TypeError('x is undefined'), 500],
    ['a bug that claims a 5xx', Object.assign(new Error('x'), { statusCode: 503 }), 500],
    ['something that is no error', 'a string', 500],
  ])('answers %s with %i', (_case, error, status) => {
    expect(statusOf(error)).toBe(status);
  });

  it("carries the problem's own headers, e.g. Retry-After of a busy account", () => {
    expect(problemHeaders(new UpstreamBusyError('busy', 3))).toEqual({ 'retry-after': '3' });
    expect(problemHeaders(new TypeError('x'))).toEqual({});
  });
});
