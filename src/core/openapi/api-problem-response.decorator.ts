import { DECORATORS, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDto, problemType, titleForStatus } from '../errors/problem';
import { EXAMPLE_REQUEST_ID } from './demo-examples';
import { PROBLEM_EXAMPLES, type ProblemCase, type ProblemCode } from './problem-examples';

/** Headers that come with some problems, so clients know to read them. */
const PROBLEM_HEADERS: Record<number, Record<string, { description: string; schema: object }>> = {
  401: {
    'WWW-Authenticate': {
      description: 'The bearer challenge (RFC 6750), e.g. `Bearer error="invalid_token"`.',
      schema: { type: 'string' },
    },
  },
  429: {
    'Retry-After': {
      description: 'Seconds to wait before trying again.',
      schema: { type: 'integer' },
    },
  },
  503: {
    'Retry-After': {
      description: 'Seconds to wait before trying again.',
      schema: { type: 'integer' },
    },
  },
};

const PROBLEMS = 'zaptec-gateway:problems';

interface Declared {
  readonly status: number;
  readonly description: string;
  readonly cases: readonly ProblemCase[];
}

/**
 * Documents an error response of a route: `status`, served as application/problem+json, with
 * `code` one of `codes` and an example body per code. Several declarations of one status (e.g.
 * the bad id of `@RoleTargetOf` and a route's own 400s) make one response: their descriptions in
 * order, their codes together.
 */
export function ApiProblemResponse(
  status: number,
  description: string,
  codes: readonly (ProblemCode | ProblemCase)[],
): MethodDecorator & ClassDecorator {
  const cases = codes.map((code) => (typeof code === 'string' ? PROBLEM_EXAMPLES[code] : code));
  const decorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const name = descriptor ? String(key) : (target as { name: string }).name;
    // Decorators apply bottom-up: prepending keeps the declarations in source order.
    const declared: Declared[] = [
      { status, description, cases },
      ...((Reflect.getMetadata(PROBLEMS, holder) as Declared[] | undefined) ?? []),
    ];
    Reflect.defineMetadata(PROBLEMS, declared, holder);
    const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) ?? {}) as object;
    const response = problemResponse(
      name,
      status,
      declared.filter((entry) => entry.status === status),
    );
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...responses, [status]: response }, holder);
  };
  return decorator;
}

function problemResponse(operation: string, status: number, declared: readonly Declared[]) {
  const cases = new Map<string, ProblemCase>();
  for (const entry of declared) for (const one of entry.cases) cases.set(one.code, one);
  return {
    description: declared.map((entry) => entry.description).join(' '),
    headers: PROBLEM_HEADERS[status],
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDto) },
            {
              type: 'object',
              properties: {
                status: { type: 'integer', minimum: status, maximum: status },
                // Named (a schema of its own) when the document is built: see namedCodeEnums.
                code: {
                  type: 'string',
                  title: `${pascal(operation)}${status}Code`,
                  description: `The codes of ${operation}'s ${status} answers.`,
                  enum: [...cases.keys()],
                },
              },
            },
          ],
        },
        examples: Object.fromEntries(
          [...cases.values()].map((one) => [
            one.code,
            { summary: one.code, value: exampleBody(status, one) },
          ]),
        ),
      },
    },
  };
}

/** The body of an example; its `instance` is filled in per path when the document is built. */
function exampleBody(status: number, one: ProblemCase): Record<string, unknown> {
  return {
    type: problemType(one.code),
    title: titleForStatus(status),
    status,
    code: one.code,
    detail: one.detail,
    requestId: EXAMPLE_REQUEST_ID,
    ...(one.errors ? { errors: one.errors } : {}),
    ...(one.details ? { details: one.details } : {}),
  };
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
