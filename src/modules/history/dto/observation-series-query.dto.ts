import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BUCKET_MS, type BucketWidth } from '../observation-series.query';
import { HistoryTime } from './history-time';

export const BUCKET_WIDTHS = Object.keys(BUCKET_MS) as BucketWidth[];
export const MAX_CHANGES_PAGE = 5000;

export class ObservationSeriesQueryDto {
  /**
   * The observation, by its name in the constants Zaptec serves (e.g. `TotalChargePower`,
   * `ChargeCurrentSet`) or by its numeric id (513).
   */
  @ApiPropertyOptional({ default: 'TotalChargePower', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^(?:[A-Za-z][A-Za-z0-9_]*|-?\d+)$/, {
    message: 'observation must be an observation name such as TotalChargePower, or its id',
  })
  observation: string = 'TotalChargePower';

  @HistoryTime(
    'Changes at or after this time (ISO 8601; without a zone it is UTC). Default: a day before `to`.',
  )
  from?: string;

  @HistoryTime('Changes before this time, later than `from` (ISO 8601). Default: now.', 'from')
  to?: string;

  /**
   * Aggregate per bucket of this width instead of listing the changes: avg/min/max/last and
   * count per bucket, aligned to UTC (a `1d` bucket is a UTC day). At most 10,000 buckets.
   */
  @ApiPropertyOptional({ enum: BUCKET_WIDTHS, enumName: 'ObservationBucketWidth' })
  @IsOptional()
  @IsIn(BUCKET_WIDTHS)
  bucket?: BucketWidth;

  /** Changes per page (without `bucket`). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_CHANGES_PAGE, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CHANGES_PAGE)
  limit: number = 1000;

  /** The `nextCursor` of the previous page (without `bucket`). */
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;
}
