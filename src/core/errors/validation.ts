import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiProblem, type FieldErrorDto } from './problem';

/**
 * whitelist + forbidNonWhitelisted: unknown fields are an error, not silently dropped, so a
 * client's typo never turns into a request that "worked" but ignored what it asked for.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        fields.map((field) => field.messages.join(', ')).join('; '),
        { errors: fields },
      );
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
