import { ApiProperty } from '@nestjs/swagger';

export enum ConstantsSource {
  upstream = 'upstream',
  seed = 'seed',
}

const NUMBER_MAP = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class DeviceSchemaDto {
  /** Zaptec's schema name, e.g. `Smart` (Pro) or `Apollo` (Go, Go 2). */
  @ApiProperty({ example: 'Apollo' })
  name!: string;

  @ApiProperty({ example: 4 })
  deviceType!: number;

  @ApiProperty({ ...NUMBER_MAP, example: { ChargerOperationMode: 710, TotalChargePower: 513 } })
  observations!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { StopChargingFinal: 506, ResumeCharging: 507 } })
  commands!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { CurrentInMaximum: 510 } })
  settings!: Record<string, number>;

  /** Warning bit flags as decimal strings: they reach 2^56, beyond exact JSON numbers. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^\\d+$' },
    example: { MOTOR: '18014398509481984' },
  })
  warnings!: Record<string, string>;
}

/** Zaptec's constants, decoded: every enum as `name → value`. */
export class ConstantsDto {
  /** The constants version upstream serves, e.g. `4.7.0.de958f76` or `6.5.8…`. */
  @ApiProperty({ example: '4.7.0.de958f76' })
  version!: string;

  /** `seed` until the constants were loaded from Zaptec (or while Zaptec fails). */
  @ApiProperty({ enum: ConstantsSource, enumName: 'ConstantsSource' })
  source!: ConstantsSource;

  @ApiProperty({ ...NUMBER_MAP, example: { User: 1, Owner: 2, Maintainer: 4, Administrator: 8 } })
  userRoles!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { Disconnected: 1, Connected_Charging: 3 } })
  chargerOperationModes!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { RestartCharger: 102, StopChargingFinal: 506 } })
  commands!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { ChargerOperationMode: 710, TotalChargePower: 513 } })
  observations!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { CurrentInMaximum: 510 } })
  settings!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { UnknownObject: 512, DeviceCommandRejected: 528 } })
  errorCodes!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { Smart: 1, Apollo: 4 } })
  deviceTypes!: Record<string, number>;

  @ApiProperty({ ...NUMBER_MAP, example: { Online: 1, ReliableClock: 4 } })
  sessionCommitMetadata!: Record<string, number>;

  /** Every other numeric enum upstream serves, by its Zaptec name. */
  @ApiProperty({
    type: 'object',
    additionalProperties: NUMBER_MAP,
    example: { NetworkTypes: { TN_3_Phase: 4 } },
  })
  enums!: Record<string, Record<string, number>>;

  /** Per device type (constants 6.x only; empty for 4.7.0). */
  @ApiProperty({ type: [DeviceSchemaDto] })
  schemas!: DeviceSchemaDto[];
}
