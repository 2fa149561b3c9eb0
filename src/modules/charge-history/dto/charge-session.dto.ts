import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A completed charge session as Zaptec's charge history reports it. */
export class ChargeSessionDto {
  /** Zaptec's session id. */
  @ApiProperty({ format: 'uuid', example: '67ddc10b-9d7b-4cf7-ad3c-7424819997af' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '03278fc6-ab76-47af-9ccc-b84e90e07284' })
  chargerId!: string;

  /** The charger's serial number. */
  @ApiProperty({ example: 'ZCS032822' })
  deviceId!: string;

  /** The charger's name at the time. */
  @ApiPropertyOptional({ example: 'Office 1' })
  deviceName?: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-24T12:35:49.197Z' })
  startedAt!: string;

  /** When the charge really ended (the charger's commit time where known, else when the cloud closed the session). */
  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-24T16:21:07.057Z' })
  endedAt?: string;

  @ApiProperty({ example: 11.903 })
  energyKwh!: number;

  /** Zaptec's `SessionCommitMetadata` bit mask. */
  @ApiPropertyOptional({ example: 5 })
  commitMetadata?: number;

  /** The flags of `commitMetadata`, named by the constants Zaptec serves. */
  @ApiProperty({ type: [String], example: ['Online', 'ReliableClock'] })
  commitFlags!: string[];

  /** The Zaptec user who charged, when known. */
  @ApiPropertyOptional({ format: 'uuid', example: '0b7d3d3c-2f5e-5d34-9f0a-3c6b8c1e2a11' })
  userId?: string;

  @ApiPropertyOptional({ example: 'Dana Driver' })
  userFullName?: string;

  /** The RFID token or app that authorized the charge. */
  @ApiPropertyOptional({ example: 'RFID-ABC' })
  tokenName?: string;

  @ApiPropertyOptional({ example: '1410145234' })
  externalId?: string;

  /** The signed meter data (OCMF) of the session, when the charger signs. */
  @ApiPropertyOptional({ example: 'OCMF|{"FV":"1.0","GI":"ZAPTEC GO",…}' })
  signedSession?: string;
}

export class ChargeHistoryPageDto {
  /** Newest first. */
  @ApiProperty({ type: [ChargeSessionDto] })
  items!: ChargeSessionDto[];

  @ApiProperty({ example: 0 })
  pageIndex!: number;

  @ApiProperty({ example: 50 })
  pageSize!: number;

  /** How many pages there are at this page size. */
  @ApiProperty({ example: 3 })
  pages!: number;
}
