import { toProblem } from './problem-response';

const request = { url: '/v1/chargers/x/commands?y=1', requestId: 'r-1' };

describe('problem details', () => {
  it("answers a failed Fastify route schema with the validation pipe's 400", () => {
    // What Fastify throws when a route's `schema.headers` refuses a header (FST_ERR_VALIDATION).
    const error = Object.assign(new Error('headers/idempotency-key must match pattern'), {
      statusCode: 400,
      code: 'FST_ERR_VALIDATION',
      validationContext: 'headers',
      validation: [
        {
          instancePath: '/idempotency-key',
          keyword: 'maxLength',
          params: { limit: 200 },
          message: 'must NOT have more than 200 characters',
        },
      ],
    });
    expect(toProblem(error, request)).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      instance: '/v1/chargers/x/commands',
      requestId: 'r-1',
      errors: [
        {
          field: 'Idempotency-Key',
          messages: ['Idempotency-Key must NOT have more than 200 characters'],
        },
      ],
    });
  });

  it('keeps the status of the other Fastify client errors', () => {
    const error = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
    expect(toProblem(error, request)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
