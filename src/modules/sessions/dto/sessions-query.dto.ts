import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { ObjectIdFilter } from '../../../core/auth/object-id';
import { callerTimeProblem } from '../../../core/time/caller-time';
import { decodeCursor } from '../session-cursor';

export const MAX_SESSION_PAGE = 500;
export const DEFAULT_SESSION_PAGE = 100;

/** Registers a check whose message says what is wrong, or undefined when the value is fine. */
function Check(name: string, problemOf: (args: ValidationArguments) => string | undefined) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problemOf(args) === undefined,
        defaultMessage: (args: ValidationArguments) => problemOf(args) ?? '',
      },
    });
}

/** A time JavaScript can read (not an ISO week or ordinal date) and, with `after`, later than it. */
function CallerTime(after?: 'from'): PropertyDecorator {
  return Check('callerTime', (args) => callerTimeProblem(args, after));
}

export class SessionsQueryDto {
  /** Only sessions of this installation; you need a role on it (404 otherwise). */
  @ObjectIdFilter()
  installationId?: string;

  /** Only sessions on this charger; you need a role on its installation (404 otherwise). */
  @ObjectIdFilter()
  chargerId?: string;

  /**
   * Only sessions of this Zaptec user. It narrows what you may see, never widens it: with the
   * User role only, another user's id gives an empty list (not a 403), as your own sessions
   * are all you see anyway.
   */
  @ObjectIdFilter()
  userId?: string;

  /** Sessions that ended at or after this time (ISO 8601; without a zone it is UTC). */
  // No example for a filter: Swagger UI would prefill it.
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @CallerTime()
  from?: string;

  /** Sessions that ended before this time, later than `from` (ISO 8601; without a zone it is UTC). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @CallerTime('from')
  to?: string;

  /** The `nextCursor` of the previous page, as it was given (with the same filters). */
  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @IsString()
  @Check('sessionCursor', ({ value }) =>
    typeof value === 'string' && decodeCursor(value) === undefined
      ? "cursor must be a previous page's nextCursor"
      : undefined,
  )
  cursor?: string;

  /** Sessions per page. A CSV answer is not cut to it: it holds every page. */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_SESSION_PAGE,
    default: DEFAULT_SESSION_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SESSION_PAGE)
  limit: number = DEFAULT_SESSION_PAGE;

  /** Also count the sessions matching the filters on all pages (`total`); costs a count query. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  includeTotal: boolean = false;
}
