import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { CSV_CONTENT_TYPE } from '../../core/http/csv';

/**
 * A 200 answered as JSON (one of `models`) or, with `Accept: text/csv`, as a streamed CSV file
 * with a header row (RFC 4180; times ISO 8601 with their offset).
 */
export function ApiJsonOrCsvResponse(
  description: string,
  models: Type<unknown>[],
  csvExample: string,
): MethodDecorator {
  const refs = models.map((model) => ({ $ref: getSchemaPath(model) }));
  return applyDecorators(
    ApiExtraModels(...models),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: refs.length === 1 ? refs[0] : { oneOf: refs } },
        [CSV_CONTENT_TYPE.split(';')[0]]: {
          schema: { type: 'string' },
          example: csvExample,
        },
      },
    }),
  );
}
