import { ApiProperty } from '@nestjs/swagger';
import { DEMO_EXAMPLES } from '../../../core/openapi/demo-examples';

class ObservationSeriesBaseDto {
  @ApiProperty({ format: 'uuid', example: DEMO_EXAMPLES.chargerId })
  chargerId!: string;

  /** The observation's name in the constants Zaptec serves. */
  @ApiProperty({ example: 'TotalChargePower' })
  observation!: string;

  /** Its id (the state id Zaptec reports it under). */
  @ApiProperty({ type: 'integer', example: 513 })
  observationId!: number;

  /** Start of the range covered (inclusive), UTC. */
  @ApiProperty({ format: 'date-time', example: '2026-11-20T00:00:00.000Z' })
  from!: string;

  /** End of the range covered (exclusive), UTC. */
  @ApiProperty({ format: 'date-time', example: '2026-11-21T00:00:00.000Z' })
  to!: string;
}

/** One stored change: a row exists only where the value changed. */
export class ObservationChangeDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-20T08:15:30.000Z' })
  observedAt!: string;

  /** The value exactly as Zaptec sent it (ValueAsString). */
  @ApiProperty({ example: '7360.5' })
  rawValue!: string;

  /** The value as a number, when it is one. */
  @ApiProperty({ type: Number, nullable: true, example: 7360.5 })
  numericValue!: number | null;
}

/** The change log of one observation, oldest first, a page at a time. */
export class ObservationChangesDto extends ObservationSeriesBaseDto {
  @ApiProperty({ type: [ObservationChangeDto] })
  items!: ObservationChangeDto[];

  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor!: string | null;
}

/** Aggregates of the changes stored in one bucket. */
export class ObservationBucketDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-20T08:15:00.000Z' })
  start!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T08:20:00.000Z' })
  end!: string;

  /** Changes stored in the bucket. */
  @ApiProperty({ type: 'integer', example: 4 })
  count!: number;

  /** Mean of the numeric values of the changes (not time-weighted). */
  @ApiProperty({ type: Number, nullable: true, example: 7012.25 })
  avg!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 6890 })
  min!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 7360.5 })
  max!: number | null;

  /** The bucket's latest value. */
  @ApiProperty({ type: Number, nullable: true, example: 7100 })
  last!: number | null;
}

/**
 * Buckets of one observation, oldest first. Changes are stored only when the value changed, so
 * a bucket without a change has no entry: the value then was the previous bucket's `last`.
 */
export class ObservationBucketsDto extends ObservationSeriesBaseDto {
  @ApiProperty({ example: '5m' })
  bucket!: string;

  @ApiProperty({ type: [ObservationBucketDto] })
  buckets!: ObservationBucketDto[];
}
