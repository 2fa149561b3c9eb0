import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, Max, Min, type ValidationOptions } from 'class-validator';
import { NotAbove } from '../../../core/errors/validation-rules';
import { ApiSchemaKeywords } from '../../../core/openapi/api-schema-keywords.decorator';
import { AvailableCurrentForm } from '../installation-limits';

/**
 * The largest main fuse (and so available current) accepted, in amperes. Zaptec documents no
 * bound; homes have 16–63 A mains and large commercial sites a few hundred, so 1000 A leaves
 * room for any real site while catching typos such as 6300 for 63 before they reach Zaptec.
 */
export const MAX_INSTALLATION_CURRENT = 1000;

/** 0 forces 3-phase charging, 32 forces 1-phase, 1–31 is the switch threshold (§5.10). */
const MAX_PHASE_SWITCH_CURRENT = 32;

/**
 * Absent is fine; `null` is not (Zaptec ignores it, so it would look like it worked). Set per
 * check rather than with @ValidateIf, which would also skip the form rule on an absent field.
 */
const GIVEN: ValidationOptions = {
  validateIf: (_object: object, value: unknown) => value !== undefined,
};

/** A finite current in amperes between 0 and `max`. */
function Amperes(max: number): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, GIVEN),
    Min(0, GIVEN),
    Max(max, GIVEN),
  );
}

/** An available current: at most the main fuse, the body's `maxCurrent` when it sets one. */
function AvailableAmperes(): PropertyDecorator {
  return applyDecorators(
    Amperes(MAX_INSTALLATION_CURRENT),
    NotAbove('maxCurrent'),
    AvailableCurrentForm(),
  );
}

/**
 * New limits for an installation (Zaptec's `installation/update`, zaptec-api.md §5.10). Give the
 * available current either as `availableCurrent` (all three phases) or as all three
 * `availableCurrentPhase1..3`, each between 0 and the installation's `maxCurrent` (and at most
 * 1000 A). One of the two is required: Zaptec resets an omitted available current to `maxCurrent`.
 */
@ApiSchemaKeywords({
  // The two forms, exactly one of them (AvailableCurrentForm checks the same); `not: {}` is
  // OpenAPI 3.0's schema that nothing matches, so that field must be absent in that form.
  oneOf: [
    {
      title: 'availableCurrent on all phases',
      required: ['availableCurrent'],
      properties: {
        availableCurrentPhase1: { not: {} },
        availableCurrentPhase2: { not: {} },
        availableCurrentPhase3: { not: {} },
      },
    },
    {
      title: 'availableCurrent per phase',
      required: ['availableCurrentPhase1', 'availableCurrentPhase2', 'availableCurrentPhase3'],
      properties: { availableCurrent: { not: {} } },
    },
  ],
  // Fits the demo's Home (32 A main fuse) and needs no service role (no maxCurrent).
  example: { availableCurrent: 25 },
})
export class UpdateInstallationLimitsDto {
  /** The same available current on all three phases, in amperes. */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INSTALLATION_CURRENT, example: 25 })
  @AvailableAmperes()
  availableCurrent?: number;

  /** Available current on phase 1 in amperes; with phases 2 and 3. */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INSTALLATION_CURRENT, example: 25 })
  @AvailableAmperes()
  availableCurrentPhase1?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INSTALLATION_CURRENT, example: 25 })
  @AvailableAmperes()
  availableCurrentPhase2?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INSTALLATION_CURRENT, example: 25 })
  @AvailableAmperes()
  availableCurrentPhase3?: number;

  /**
   * The installation's main fuse in amperes (at most 1000). Maintainer or Administrator only
   * (403 otherwise).
   */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INSTALLATION_CURRENT, example: 63 })
  @Amperes(MAX_INSTALLATION_CURRENT)
  maxCurrent?: number;

  /** 0 forces 3-phase charging, 32 forces 1-phase, 1–31 is the switch threshold in amperes (Pro, Go 2). */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PHASE_SWITCH_CURRENT, example: 16 })
  @Amperes(MAX_PHASE_SWITCH_CURRENT)
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
