import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiProblem, type FieldErrorDto } from './problem';

/**
 * whitelist + forbidNonWhitelisted: unknown fields are an error, not silently dropped, so a
 * client's typo never turns into a request that "worked" but ignored what it asked for.
 *
 * forbidUnknownValues is off so that a DTO without any field (e.g. a list that takes no query
 * parameters) accepts `{}` and rejects every unknown field by the whitelist; with it on,
 * class-validator refuses any value of a class without validation metadata, `{}` included.
 * Values that are no class instance never reach class-validator here: the pipe transforms
 * every input into its DTO class first.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    transform: true,
    exceptionFactory: (errors) => validationProblem(flatten(errors)),
  });
}

/**
 * The 400 `VALIDATION_FAILED` problem the pipe gives, for the checks that cannot run in it
 * (e.g. a current against the installation's main fuse, which only Zaptec knows).
 */
export function validationProblem(field: string, message: string): ApiProblem;
export function validationProblem(errors: readonly FieldErrorDto[]): ApiProblem;
export function validationProblem(
  fieldOrErrors: string | readonly FieldErrorDto[],
  message?: string,
): ApiProblem {
  const errors =
    typeof fieldOrErrors === 'string'
      ? [{ field: fieldOrErrors, messages: [message ?? `${fieldOrErrors} is invalid`] }]
      : [...fieldOrErrors];
  return new ApiProblem(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    errors.map((error) => error.messages.join(', ')).join('; '),
    { errors },
  );
}

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
