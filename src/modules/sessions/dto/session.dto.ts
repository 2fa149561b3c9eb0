import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEMO_EXAMPLES } from '../../../core/openapi/demo-examples';

/** A completed charge session as the gateway has stored it (ingested from Zaptec). */
export class SessionDto {
  /** Zaptec's session id. */
  @ApiProperty({ format: 'uuid', example: '67ddc10b-9d7b-4cf7-ad3c-7424819997af' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: DEMO_EXAMPLES.installationId })
  installationId!: string;

  @ApiProperty({ format: 'uuid', example: DEMO_EXAMPLES.chargerId })
  chargerId!: string;

  /** The charger's serial number. */
  @ApiProperty({ example: DEMO_EXAMPLES.chargerDeviceId })
  deviceId!: string;

  /** The Zaptec user who charged; null when Zaptec does not say (e.g. a charge without sign-in). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: DEMO_EXAMPLES.userId })
  userId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-04-24T12:35:49.197Z' })
  startedAt!: string;

  /** When the cloud closed the session (Zaptec's EndDateTime): the order of the list. */
  @ApiProperty({ format: 'date-time', example: '2026-04-24T16:21:07.057Z' })
  endedAt!: string;

  /** When the charge really ended on the charger (firmware 3.2 and later); null when unknown. */
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-04-24T16:21:07.000Z',
  })
  commitEndedAt!: string | null;

  /** Energy delivered, kWh, to the 4 decimals stored. */
  @ApiProperty({ example: 11.9031 })
  energyKwh!: number;

  /** Zaptec's `SessionCommitMetadata` bit mask. */
  @ApiProperty({ type: 'integer', example: 21 })
  commitMetadata!: number;

  /** The flags of `commitMetadata`, named by the constants Zaptec serves. */
  @ApiProperty({ type: [String], example: ['Online', 'ReliableClock', 'Signed'] })
  commitFlags!: string[];

  /** The authentication (RFID or app) code the charge was authorized with, when known. */
  @ApiProperty({ type: String, nullable: true, example: null })
  authenticationCode!: string | null;

  /** The RFID token or app that authorized the charge. */
  @ApiProperty({ type: String, nullable: true, example: 'RFID-ABC' })
  tokenName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  externalId!: string | null;

  /** Whether the session has signed meter data (OCMF): `GET /v1/sessions/{id}` shows it. */
  @ApiProperty({ example: true })
  signed!: boolean;
}

export class SessionPageDto {
  /** Newest end first; ties in `endedAt` by id, descending. */
  @ApiProperty({ type: [SessionDto] })
  items!: SessionDto[];

  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor!: string | null;

  /** Sessions matching the filters on all pages together; only with `includeTotal=true`. */
  @ApiPropertyOptional({ type: 'integer', example: 1 })
  total?: number;
}
