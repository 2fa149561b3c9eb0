import { UpstreamHttpError, UpstreamProtocolError } from '../../upstream/zaptec/upstream-errors';
import { upstreamProblem } from './upstream-problem';

const zaptec500 = (code: number) =>
  new UpstreamHttpError(
    500,
    JSON.stringify({ Code: code, Details: 'why', StackTrace: null }),
    undefined,
  );

describe('upstreamProblem', () => {
  it.each([
    [zaptec500(528), 409, 'DEVICE_COMMAND_REJECTED'],
    [zaptec500(538), 409, 'OPERATION_FAILED_DUE_TO_CHARGER_STATE'],
    [zaptec500(505), 409, 'OPERATION_FAILED_FOR_UNKNOWN_REASONS'],
    [zaptec500(512), 404, 'UNKNOWN_OBJECT'],
    [zaptec500(526), 409, 'FEATURE_NOT_ENABLED'],
    [
      new UpstreamHttpError(404, '{"errorCode":512,"message":"Charger not found."}', undefined),
      404,
      'UNKNOWN_OBJECT',
    ],
    [new UpstreamHttpError(404, '', undefined), 404, 'NOT_FOUND'],
    [
      new UpstreamHttpError(400, '{"errors":{"x":["bad"]}}', undefined),
      422,
      'UPSTREAM_REJECTED_INPUT',
    ],
    [new UpstreamHttpError(500, '', undefined), 502, 'UPSTREAM_ERROR'],
    [new UpstreamHttpError(401, '', undefined), 401, 'UPSTREAM_SESSION_EXPIRED'],
    [new UpstreamProtocolError('html'), 502, 'UPSTREAM_BAD_RESPONSE'],
  ])('maps %s to %i %s', (error, status, code) => {
    const problem = upstreamProblem(error);
    expect([problem?.getStatus(), problem?.code]).toEqual([status, code]);
  });

  it('answers 503 with Retry-After for an overloaded Zaptec and a 429', () => {
    const overloaded = upstreamProblem(new UpstreamHttpError(503, '<html>', 2_000));
    expect([overloaded?.getStatus(), overloaded?.headers['retry-after']]).toEqual([503, '2']);
    const limited = upstreamProblem(new UpstreamHttpError(429, '', undefined));
    expect([limited?.code, limited?.headers['retry-after']]).toEqual([
      'UPSTREAM_RATE_LIMITED',
      '1',
    ]);
  });

  it('leaves errors that are not about Zaptec alone', () => {
    expect(upstreamProblem(new TypeError('bug'))).toBeUndefined();
  });
});
