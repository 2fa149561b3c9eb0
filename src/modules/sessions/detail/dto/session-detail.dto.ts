import { ApiProperty } from '@nestjs/swagger';
import { OcmfDto } from './session-ocmf.dto';

export const SIGNATURE_STATUSES = ['verified', 'invalid', 'unknown-key', 'unsigned'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/** One 15-minute energy tick (upstream EnergyDetails). */
export class EnergyTickDto {
  /** End of the interval, ISO 8601 UTC. */
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  timestamp!: string;

  /** kWh delivered in the interval. */
  @ApiProperty({ example: 2.75 })
  energyKwh!: number;
}

/** The verdict on the session's OCMF signature. */
export class SessionSignatureDto {
  /**
   * `verified`: the charger's registered meter key signed exactly this OCMF; `invalid`: it did
   * not (changed data, another key, a garbled or malformed signature); `unknown-key`: no key is
   * registered for the charger (PUT /v1/chargers/{id}/meter-public-key); `unsigned`: the session
   * has no OCMF, or its OCMF no signature section.
   */
  @ApiProperty({ enum: SIGNATURE_STATUSES, enumName: 'SignatureStatus', example: 'verified' })
  status!: SignatureStatus;

  /** The OCMF's signature algorithm (SA), null without a signature. */
  @ApiProperty({ type: String, nullable: true, example: 'ECDSA-secp256r1-SHA256' })
  algorithm!: string | null;

  /** The registered key checked against (DER SPKI hex), null when none is registered. */
  @ApiProperty({
    type: String,
    nullable: true,
    example:
      '3059301306072a8648ce3d020106082a8648ce3d03010703420004a1071537964e398676a69c9e390d7f326cc9c9c3c42555b9634f3b08adcf89f884fce8c0ec1bd1559bff127ecc3c040535d35e9b7fd95dfe99585fcbfd4e06c5',
  })
  publicKeyHex!: string | null;
}

/** A stored charge session with its energy ticks, its OCMF and the OCMF's verification. */
export class SessionDetailDto {
  /** Zaptec's session id. */
  @ApiProperty({ format: 'uuid', example: '8b0e3f57-6d0c-5f8e-9a41-2f3c4d5e6f70' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '53dec9bd-d8e2-51f0-a8fb-20f944812323' })
  installationId!: string;

  @ApiProperty({ format: 'uuid', example: 'ed6b8e98-da3e-580f-bf78-bf1a47815a3f' })
  chargerId!: string;

  /** The charger's serial number. */
  @ApiProperty({ example: 'ZAP000101' })
  deviceId!: string;

  /** The Zaptec user who charged, null when not known. */
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '2515f850-50af-5413-8466-7e77602b2c93',
  })
  userId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.250Z' })
  startedAt!: string;

  /** When the cloud closed the session (upstream EndDateTime). */
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-02T12:30:00.000Z',
  })
  endedAt!: string | null;

  /** The real end on the charger (upstream CommitEndDateTime, firmware ≥ 3.2), when sent. */
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-02T12:30:00.000Z',
  })
  commitEndedAt!: string | null;

  /** kWh, as stored (4 decimals). */
  @ApiProperty({ example: 11.33 })
  energyKwh!: number;

  /** Zaptec's `SessionCommitMetadata` bit mask. */
  @ApiProperty({ type: 'integer', example: 21 })
  commitMetadata!: number;

  /** The flags of `commitMetadata`, named by the constants Zaptec serves. */
  @ApiProperty({ type: [String], example: ['Online', 'ReliableClock', 'Signed'] })
  commitFlags!: string[];

  @ApiProperty({ type: String, nullable: true, example: 'nfc-04D97A628E6784' })
  authenticationCode!: string | null;

  /** The RFID token or app that authorized the charge. */
  @ApiProperty({ type: String, nullable: true, example: 'RFID-0101' })
  tokenName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  externalId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  replacedBySessionId!: string | null;

  /** Whether the session carries signed meter data (OCMF). */
  @ApiProperty({ example: true })
  signed!: boolean;

  /** The 15-minute ticks, oldest first; null when upstream sent none. */
  @ApiProperty({ type: [EnergyTickDto], nullable: true })
  energyDetails!: EnergyTickDto[] | null;

  /** The OCMF: verbatim, parsed, checked against this session; null when the session has none. */
  @ApiProperty({ type: OcmfDto, nullable: true })
  ocmf!: OcmfDto | null;

  @ApiProperty({ type: SessionSignatureDto })
  signature!: SessionSignatureDto;
}
