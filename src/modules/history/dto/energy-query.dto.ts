import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ENERGY_INTERVALS, type EnergyInterval } from '../installation-energy.query';
import { HistoryTime } from './history-time';

export class InstallationEnergyQueryDto {
  /** Bucket size, in the installation's local time (a week starts on Monday, ISO 8601). */
  @ApiPropertyOptional({ enum: ENERGY_INTERVALS, enumName: 'EnergyInterval', default: 'day' })
  @IsOptional()
  @IsIn(ENERGY_INTERVALS)
  interval: EnergyInterval = 'day';

  @HistoryTime(
    'Start of the range (ISO 8601; without a zone it is UTC), rounded down to its local bucket. Default: 30 days before `to`.',
  )
  from?: string;

  @HistoryTime(
    'End of the range, later than `from` (ISO 8601), rounded up to its local bucket. Default: now. At most 1,000 buckets.',
    'from',
  )
  to?: string;
}
