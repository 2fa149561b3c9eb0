import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { ObjectIdFilter } from '../../../core/auth/object-id';
import { callerTimeProblem } from '../../../core/time/caller-time';

/** Zaptec's page size limit since 2025-03-01 (zaptec-api.md §3): it refuses larger pages. */
export const MAX_PAGE_SIZE = 100;

/**
 * An ISO 8601 time Zaptec can be asked for: JavaScript cannot read ISO week or ordinal dates,
 * which @IsISO8601 accepts. With `after`, it must also be later than that field's time.
 */
function ZaptecTime(after?: 'from'): PropertyDecorator {
  const problemOf = (args: ValidationArguments): string | undefined =>
    callerTimeProblem(args, after);
  return (target, propertyName) =>
    registerDecorator({
      name: 'zaptecTime',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problemOf(args) === undefined,
        defaultMessage: (args: ValidationArguments) => problemOf(args) ?? '',
      },
    });
}

export class ChargeHistoryQueryDto {
  /** Only sessions of this installation; you need a role on it (404 otherwise). */
  @ObjectIdFilter()
  installationId?: string;

  /** Only sessions on this charger; you need a role on its installation (404 otherwise). */
  @ObjectIdFilter()
  chargerId?: string;

  /** Sessions that started at or after this time (ISO 8601; without a zone it is UTC). */
  // No example for a filter: Swagger UI would prefill it.
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @ZaptecTime()
  from?: string;

  /** Sessions that started before this time, later than `from` (ISO 8601; without a zone it is UTC). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @ZaptecTime('from')
  to?: string;

  /** 0-based page number. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100_000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  pageIndex: number = 0;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 50;
}
