import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';

/** A typed observation value: number, yes/no flag, decoded enum name or text; null when empty. */
export type ObservationValue = number | boolean | string | null;

// OpenAPI 3.0 has no null type: `nullable` needs a `type` beside it, so it sits on one branch.
const TYPED_VALUE_BRANCHES: SchemaObject[] = [
  { type: 'number' },
  { type: 'boolean' },
  { type: 'string', nullable: true },
];
const TYPED_VALUE: SchemaObject = { oneOf: TYPED_VALUE_BRANCHES };

export class ChargerObservationDto {
  /** Zaptec's observation (state) id. */
  @ApiProperty({ type: 'integer', example: 710 })
  stateId!: number;

  /**
   * The observation's name in the constants Zaptec serves (the charger's device schema first);
   * absent for ids they do not name (chargers report some undocumented ones).
   */
  @ApiPropertyOptional({ example: 'ChargerOperationMode' })
  name?: string;

  /**
   * The value, typed: a number for measurements and ids, a boolean for "0"/"1" flags, the enum
   * name for enums (e.g. `Connected_Charging`), text otherwise (JSON documents, OCMF, the
   * 804 Warnings bit mask as exact decimal text); null when Zaptec sent no value or "".
   */
  @ApiProperty({ oneOf: TYPED_VALUE_BRANCHES, example: 'Connected_Charging' })
  value!: ObservationValue;

  /** The value exactly as Zaptec sent it (`ValueAsString`), when it sent one. */
  @ApiPropertyOptional({ example: '3' })
  valueAsString?: string;

  /** When the value last changed (not when it was last reported). */
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' })
  timestamp?: string;
}

export class ChargerWarningsDto {
  /** Observation 804 as exact decimal text: 6.x bits reach 2^56, past exact JSON numbers. */
  @ApiProperty({ pattern: '^\\d+$', example: '0' })
  value!: string;

  /** Names of the set bits, from the device schema's `Warnings` (6.x) or `SmartWarnings`. */
  @ApiProperty({ type: [String], example: ['HUMIDITY'] })
  names!: string[];
}

export class ChargerStateDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  chargerId!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  deviceType!: number;

  /** The constants version the names were decoded with. */
  @ApiProperty({ example: '6.5.8' })
  constantsVersion!: string;

  /**
   * Every named observation by its constants name in camelCase, typed as in `observations`.
   * Which keys appear depends on the charger and the constants version; the common ones are
   * listed here.
   */
  @ApiProperty({
    type: 'object',
    properties: {
      isOnline: { type: 'boolean', example: true },
      chargerOperationMode: {
        type: 'string',
        description:
          'ChargerOperationModes name: Unknown, Disconnected, Connected_Requesting, Connected_Charging, Connected_Finished.',
        example: 'Connected_Charging',
      },
      totalChargePower: { type: 'number', description: 'W', example: 7214.5 },
      totalChargePowerSession: { type: 'number', description: 'kWh this session', example: 12.4 },
      chargerMaxCurrent: { type: 'number', description: 'A', example: 16 },
      chargerMinCurrent: { type: 'number', description: 'A', example: 6 },
      maxPhases: { type: 'number', example: 3 },
      finalStopActive: { type: 'boolean', description: 'Paused by StopChargingFinal (6.x).' },
      sessionIdentifier: { type: 'string', nullable: true },
      warnings: { type: 'string', pattern: '^\\d+$', description: 'Bit mask, exact text.' },
    },
    additionalProperties: TYPED_VALUE,
    example: {
      isOnline: true,
      chargerOperationMode: 'Connected_Charging',
      totalChargePower: 7214.5,
      chargerMaxCurrent: 16,
      finalStopActive: false,
      warnings: '0',
    },
  })
  values!: Record<string, ObservationValue>;

  /** Observation 804, decoded; absent when the charger reports no warnings observation. */
  @ApiPropertyOptional({ type: ChargerWarningsDto })
  warnings?: ChargerWarningsDto;

  /** Every observation Zaptec reported, named or not, by state id. */
  @ApiProperty({ type: [ChargerObservationDto] })
  observations!: ChargerObservationDto[];
}
