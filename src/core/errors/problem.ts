import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One rejected input field of a 400 VALIDATION_FAILED problem. */
export class FieldErrorDto {
  /** Dotted path of the field in the body or query, e.g. `username` or `limits.maxCurrent`. */
  @ApiProperty({ example: 'username' })
  field!: string;

  @ApiProperty({ type: [String], example: ['username must be an email'] })
  messages!: string[];
}

/** RFC 9457 problem details: every error response of the gateway has this shape. */
export class ProblemDto {
  @ApiProperty({
    description: 'URI that identifies the problem type; one per `code`.',
    example: 'urn:zaptec-gateway:problem:not-found',
  })
  type!: string;

  @ApiProperty({ description: 'Short summary of the problem type.', example: 'Not Found' })
  title!: string;

  @ApiProperty({ description: 'HTTP status code.', type: 'integer', example: 404 })
  status!: number;

  @ApiProperty({
    description: 'Stable machine-readable code; clients branch on this, never on `detail`.',
    example: 'NOT_FOUND',
  })
  code!: string;

  @ApiPropertyOptional({
    description: 'What went wrong in this occurrence, for humans.',
    example: 'Cannot GET /v1/nothing-here',
  })
  detail?: string;

  @ApiPropertyOptional({ description: 'The request path.', example: '/v1/nothing-here' })
  instance?: string;

  @ApiPropertyOptional({
    description: 'Request id, also sent as the `X-Request-Id` header; quote it when reporting.',
    example: '5b4c2a5e-5d0e-4a53-a1f5-5cc3c6c0f1d2',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on VALIDATION_FAILED.' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    description: 'Further machine-readable context (e.g. the failing health checks).',
    type: 'object',
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

export type Problem = ProblemDto;

/** An error with a stable `code`, rendered as problem+json by the exception filter. */
export class ApiProblem extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    detail: string,
    readonly extensions: Pick<Problem, 'errors' | 'details'> = {},
    /** Response headers that belong to the problem, e.g. Retry-After on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

/** `NOT_FOUND` for 404, `SERVICE_UNAVAILABLE` for 503, ...: the default code of a status. */
export function codeForStatus(status: number): string {
  if (status === 500) return 'INTERNAL_ERROR';
  const name = HttpStatus[status] as string | undefined;
  return name ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

export function titleForStatus(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return status >= 500 ? 'Server Error' : 'Client Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function problemType(code: string): string {
  return `urn:zaptec-gateway:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
