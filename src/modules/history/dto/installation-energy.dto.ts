import { ApiProperty } from '@nestjs/swagger';
import { DEMO_EXAMPLES } from '../../../core/openapi/demo-examples';
import { ENERGY_INTERVALS, type EnergyInterval } from '../installation-energy.query';

export class ChargerEnergyDto {
  @ApiProperty({ format: 'uuid', example: DEMO_EXAMPLES.chargerId })
  chargerId!: string;

  @ApiProperty({ example: 3.2515 })
  kwh!: number;
}

/** One local bucket: an hour, a day (23, 24 or 25 hours), a week or a month. */
export class EnergyBucketDto {
  /** Local start, ISO 8601 with the zone's offset. */
  @ApiProperty({ example: '2026-03-29T00:00:00.000+01:00' })
  start!: string;

  /** Local end (the next bucket's start), ISO 8601 with the zone's offset. */
  @ApiProperty({ example: '2026-03-30T00:00:00.000+02:00' })
  end!: string;

  /** kWh delivered in the bucket, all chargers (0.0001 kWh). */
  @ApiProperty({ example: 3.2515 })
  kwh!: number;

  /** The chargers that delivered energy in the bucket. */
  @ApiProperty({ type: [ChargerEnergyDto] })
  chargers!: ChargerEnergyDto[];
}

export class InstallationEnergyDto {
  @ApiProperty({ format: 'uuid', example: DEMO_EXAMPLES.installationId })
  installationId!: string;

  /** The installation's IANA zone (Zaptec's TimeZoneIanaName), or UTC when it is not known. */
  @ApiProperty({ example: 'Europe/Oslo' })
  timeZone!: string;

  /** True when the installation's zone is not known (not yet mirrored, or none): UTC is used. */
  @ApiProperty({ example: false })
  timeZoneAssumed!: boolean;

  @ApiProperty({ enum: ENERGY_INTERVALS, enumName: 'EnergyInterval', example: 'day' })
  interval!: EnergyInterval;

  /** Every bucket of the range, oldest first, also those without energy. */
  @ApiProperty({ type: [EnergyBucketDto] })
  buckets!: EnergyBucketDto[];

  @ApiProperty({ example: 3.2515 })
  totalKwh!: number;

  /**
   * Sessions without EnergyDetails: their energy is spread evenly over [startedAt, endedAt), an
   * estimate.
   */
  @ApiProperty({ type: [String], example: [] })
  estimatedSessionIds!: string[];
}
