import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsOptional,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { callerTimeProblem, parseCallerTime } from '../../../core/time/caller-time';

/**
 * An optional ISO 8601 time of a history filter (without a zone it is UTC, as everywhere in the
 * gateway). With `after`, it must also be later than that field's time. No example: Swagger UI
 * would prefill it, and an optional filter should start empty.
 */
export function HistoryTime(description: string, after?: 'from'): PropertyDecorator {
  const problemOf = (args: ValidationArguments): string | undefined =>
    callerTimeProblem(args, after);
  const readable: PropertyDecorator = (target, propertyName) =>
    registerDecorator({
      name: 'historyTime',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problemOf(args) === undefined,
        defaultMessage: (args: ValidationArguments) => problemOf(args) ?? '',
      },
    });
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description }),
    IsOptional(),
    IsISO8601({ strict: true }),
    readable,
  );
}

/** The caller's `from`/`to`, defaulting to the `defaultSpanMs` before `to` (default now). */
export function timeRange(
  query: { readonly from?: string; readonly to?: string },
  defaultSpanMs: number,
  now = new Date(),
): { from: Date; to: Date } {
  // The DTO has checked that both read as times and that `to` is later than `from`.
  const to = (query.to === undefined ? undefined : parseCallerTime(query.to)) ?? now;
  const from =
    (query.from === undefined ? undefined : parseCallerTime(query.from)) ??
    new Date(to.getTime() - defaultSpanMs);
  return { from, to };
}
