import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import { BodyRule, NotAbove } from '../../../core/errors/validation-rules';
import { ApiSchemaKeywords } from '../../../core/openapi/api-schema-keywords.decorator';

/**
 * An optional field: absent is no change, `null` is refused like any other value of the wrong
 * type (IsOptional would let it through, while the schema says number), so the document and the
 * behaviour agree.
 */
const Given = () => ValidateIf((_body: object, value: unknown) => value !== undefined);

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
 * A change of settings, written through Zaptec's documented `chargers/{id}/update`.
 * Send only the fields to change; at least one.
 */
// A null is refused by its field's own check; it is no setting to change either.
@BodyRule(
  'body',
  (body) => Object.values(body).some((value) => value !== undefined && value !== null),
  'send at least one setting to change',
)
@ApiSchemaKeywords({ minProperties: 1 })
export class UpdateChargerSettingsDto {
  /** Maximum charging current, A (0–32). */
  @ApiPropertyOptional({ minimum: 0, maximum: 32, example: 16 })
  @Given()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(32)
  maxChargeCurrent?: number;

  /** Minimum charging current, A (0–32, at most `maxChargeCurrent`). */
  @ApiPropertyOptional({ minimum: 0, maximum: 32, example: 6 })
  @Given()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(32)
  @NotAbove('maxChargeCurrent')
  minChargeCurrent?: number;

  /** Phases to charge on: 1 or 3. */
  @ApiPropertyOptional({ type: 'integer', enum: [1, 3], enumName: 'ChargePhaseCount', example: 3 })
  @Given()
  @IsIn([1, 3])
  maxChargePhases?: number;

  /** Current when offline, A (-1 = automatic, else 0–32). */
  @ApiPropertyOptional({ minimum: -1, maximum: 32, example: -1 })
  @Given()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(32)
  offlineChargeCurrent?: number;

  /** Phase when offline: 0 = automatic, else a `PhaseIdMap` id (1–4). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 4, example: 0 })
  @Given()
  @IsInt()
  @Min(0)
  @Max(4)
  offlineChargePhase?: number;

  /** Seconds between signed meter values (Zaptec's default: 900 Pro, 3600 Go). */
  @ApiPropertyOptional({ type: 'integer', minimum: 60, maximum: 86400, example: 900 })
  @Given()
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
