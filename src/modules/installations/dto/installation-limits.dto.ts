import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, Max, Min, ValidateIf } from 'class-validator';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/** Absent is fine; `null` is not (it would be ignored upstream and look like it worked). */
const Given = () => ValidateIf((_object, value) => value !== undefined);

/**
 * New limits for an installation (Zaptec's `installation/update`, zaptec-api.md §5.10). Give the
 * available current either as `availableCurrent` (all three phases) or as all three
 * `availableCurrentPhase1..3`, each between 0 and the installation's `maxCurrent`. One of the two
 * is required: Zaptec resets an omitted available current to `maxCurrent`.
 */
export class UpdateInstallationLimitsDto {
  /** The same available current on all three phases, in amperes. */
  @ApiPropertyOptional({ minimum: 0, example: 25 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  availableCurrent?: number;

  /** Available current on phase 1 in amperes; with phases 2 and 3. */
  @ApiPropertyOptional({ minimum: 0, example: 25 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  availableCurrentPhase1?: number;

  @ApiPropertyOptional({ minimum: 0, example: 25 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  availableCurrentPhase2?: number;

  @ApiPropertyOptional({ minimum: 0, example: 25 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  availableCurrentPhase3?: number;

  /** The installation's main fuse in amperes. Maintainer or Administrator only (403 otherwise). */
  @ApiPropertyOptional({ minimum: 0, example: 63 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  maxCurrent?: number;

  /** 0 forces 3-phase charging, 32 forces 1-phase, 1–31 is the switch threshold in amperes (Pro, Go 2). */
  @ApiPropertyOptional({ minimum: 0, maximum: 32, example: 16 })
  @Given()
  @IsNumber(FINITE)
  @Min(0)
  @Max(32)
  threeToOnePhaseSwitchCurrent?: number;
}

/** The limits as sent to Zaptec: the available current per phase, whichever form was given. */
export class InstallationLimitsDto {
  @ApiProperty({ format: 'uuid', example: 'aaa13ff9-e69c-4469-bc4b-d64feb50e603' })
  installationId!: string;

  /** The installation's main fuse the currents were checked against, in amperes. */
  @ApiPropertyOptional({ example: 32 })
  maxCurrent?: number;

  @ApiProperty({ example: 25 })
  availableCurrentPhase1!: number;

  @ApiProperty({ example: 25 })
  availableCurrentPhase2!: number;

  @ApiProperty({ example: 25 })
  availableCurrentPhase3!: number;

  /** Present when it was part of the change. */
  @ApiPropertyOptional({ example: 16 })
  threeToOnePhaseSwitchCurrent?: number;
}
