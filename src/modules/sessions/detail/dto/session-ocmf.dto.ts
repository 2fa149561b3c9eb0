import { ApiProperty } from '@nestjs/swagger';

const EXAMPLE_OCMF =
  'OCMF|{"FV":"1.0","GI":"ZAPTEC GO","GS":"ZAP000101","GV":"3.2.2.0","PG":"T7","RD":[{"TM":"2026-03-02T10:00:00,250+00:00 R","TX":"B","RV":1472.07,"RI":"1-0:1.8.0","RU":"kWh","RT":"AC","ST":"G"},{"TM":"2026-03-02T12:30:00,000+00:00 R","TX":"E","RV":1483.4,"RI":"1-0:1.8.0","RU":"kWh","RT":"AC","ST":"G"}]}|{"SA":"ECDSA-secp256r1-SHA256","SD":"3045022100…"}';

const nullableText = (example: string | null, description?: string) =>
  ApiProperty({ type: String, nullable: true, example, description });

/** One meter reading (OCMF RD[]); fields a reading omits are inherited from the one before. */
export class OcmfReadingDto {
  /** The reading's time, ISO 8601 UTC; null when TM is not OCMF's time format. */
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-02T10:00:00.250Z',
  })
  at!: string | null;

  /** TM verbatim (OCMF writes a comma before the milliseconds and a clock state letter). */
  @ApiProperty({ example: '2026-03-02T10:00:00,250+00:00 R' })
  time!: string;

  @nullableText('R', "TM's clock state: R relative, S synchronised, I informative, U unknown.")
  clockState!: string | null;

  @nullableText('B', 'TX: B begin, T/C during, E (or L, R, A, P) end.')
  transaction!: string | null;

  /** RV, the register value (in `unit`). */
  @ApiProperty({ type: Number, nullable: true, example: 1472.07 })
  value!: number | null;

  @nullableText('1-0:1.8.0', 'RI, the OBIS code of the register.')
  identifier!: string | null;

  @nullableText('kWh', 'RU.')
  unit!: string | null;

  @nullableText('AC', 'RT.')
  currentType!: string | null;

  @nullableText('G', 'ST, the meter status (G good).')
  status!: string | null;
}

/** The OCMF parsed. */
export class ParsedOcmfDto {
  @nullableText('1.0', 'FV.')
  formatVersion!: string | null;

  @nullableText('ZAPTEC GO', 'GI.')
  gatewayId!: string | null;

  @nullableText('ZAP000101', 'GS, on Zaptec chargers the device id.')
  gatewaySerial!: string | null;

  @nullableText('3.2.2.0', 'GV.')
  gatewayVersion!: string | null;

  @nullableText('T7', 'PG: T<n> a transaction, F<n> a fiscal reading.')
  pagination!: string | null;

  @nullableText(null, 'MV.')
  meterVendor!: string | null;

  @nullableText(null, 'MM.')
  meterModel!: string | null;

  @nullableText(null, 'MS.')
  meterSerial!: string | null;

  @nullableText(null, 'MF.')
  meterFirmware!: string | null;

  @nullableText('ZAP000101', 'MS when present, else GS: the signing component.')
  meterId!: string | null;

  @ApiProperty({ type: [OcmfReadingDto] })
  readings!: OcmfReadingDto[];

  /** The first reading with a register value (usually TX B). */
  @ApiProperty({ type: OcmfReadingDto, nullable: true })
  begin!: OcmfReadingDto | null;

  /** The last reading with a register value (usually TX E). */
  @ApiProperty({ type: OcmfReadingDto, nullable: true })
  end!: OcmfReadingDto | null;
}

/** One consistency check of the OCMF against the session. */
export class OcmfCheckDto {
  @ApiProperty({
    enumName: 'OcmfCheckName',
    enum: [
      'format',
      'has-readings',
      'energy-matches-register',
      'times-monotonic',
      'register-monotonic',
      'begins-at-session-start',
    ],
    example: 'energy-matches-register',
  })
  name!: string;

  @ApiProperty({ example: true })
  ok!: boolean;

  @ApiProperty({ example: 'E 1483.400 − B 1472.070 = 11.330 kWh; session 11.3300 kWh (±0.010)' })
  detail!: string;
}

export class OcmfDto {
  /** The OCMF text exactly as upstream sent it. */
  @ApiProperty({ example: EXAMPLE_OCMF })
  raw!: string;

  /** Null when the text is not OCMF (the `format` check says why). */
  @ApiProperty({ type: ParsedOcmfDto, nullable: true })
  parsed!: ParsedOcmfDto | null;

  /** `format` (only when it fails), `has-readings`, `energy-matches-register` (end − begin register = session energy within the register's resolution), `times-monotonic`, `register-monotonic`, `begins-at-session-start` (within 60 s). */
  @ApiProperty({ type: [OcmfCheckDto] })
  checks!: OcmfCheckDto[];
}
