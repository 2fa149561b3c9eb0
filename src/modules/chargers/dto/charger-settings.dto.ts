import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { BodyRule, NotAbove } from '../../../core/errors/validation-rules';

/** A charger's settings as its state observations report them (Zaptec's `/settings` is internal). */
export class ChargerSettingsDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  chargerId!: string;

  /** Observation 510 ChargerMaxCurrent, A. */
  @ApiPropertyOptional({ example: 16 })
  maxChargeCurrent?: number;

  /** Observation 511 ChargerMinCurrent, A. */
  @ApiPropertyOptional({ example: 6 })
  minChargeCurrent?: number;

  /** Observation 520 MaxPhases. */
  @ApiPropertyOptional({ type: 'integer', example: 3 })
  maxChargePhases?: number;

  /** Observation 522 ChargerOfflinePhase (0 = automatic). */
  @ApiPropertyOptional({ type: 'integer', example: 0 })
  offlineChargePhase?: number;

  /** Observation 523 ChargerOfflineCurrent, A (-1 = automatic). */
  @ApiPropertyOptional({ example: -1 })
  offlineChargeCurrent?: number;

  /** Observation 555 SignedMeterValueInterval, seconds; absent on chargers that do not report it. */
  @ApiPropertyOptional({ type: 'integer', example: 900 })
  meterValueInterval?: number;
}

/**
 * A change of settings, written through Zaptec's documented `chargers/{id}/update` (§5.10).
 * Send only the fields to change; at least one.
 */
// Zaptec ignores nulls (§5.10), so a null is no change either.
@BodyRule(
  'body',
  (body) => Object.values(body).some((value) => value !== undefined && value !== null),
  'send at least one setting to change',
)
export class UpdateChargerSettingsDto {
  /** Maximum charging current, A (0–32). */
  @ApiPropertyOptional({ minimum: 0, maximum: 32, example: 16 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(32)
  maxChargeCurrent?: number;

  /** Minimum charging current, A (0–32, at most `maxChargeCurrent`). */
  @ApiPropertyOptional({ minimum: 0, maximum: 32, example: 6 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(32)
  @NotAbove('maxChargeCurrent')
  minChargeCurrent?: number;

  /** Phases to charge on: 1 or 3. */
  @ApiPropertyOptional({ type: 'integer', enum: [1, 3], enumName: 'ChargePhaseCount', example: 3 })
  @IsOptional()
  @IsIn([1, 3])
  maxChargePhases?: number;

  /** Current when offline, A (-1 = automatic, else 0–32). */
  @ApiPropertyOptional({ minimum: -1, maximum: 32, example: -1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(32)
  offlineChargeCurrent?: number;

  /** Phase when offline: 0 = automatic, else a `PhaseIdMap` id (1–4). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 4, example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4)
  offlineChargePhase?: number;

  /** Seconds between signed meter values (Zaptec's default: 900 Pro, 3600 Go). */
  @ApiPropertyOptional({ type: 'integer', minimum: 60, maximum: 86400, example: 900 })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  meterValueInterval?: number;
}

export class ChargerSettingsUpdateResultDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  chargerId!: string;

  /** The fields sent to Zaptec. */
  @ApiProperty({ type: UpdateChargerSettingsDto })
  requested!: UpdateChargerSettingsDto;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' })
  acceptedAt!: string;
}
