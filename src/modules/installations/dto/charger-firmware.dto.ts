import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A charger's firmware: what runs and what Zaptec offers. Versions are missing until it reports. */
export class ChargerFirmwareDto {
  @ApiProperty({ format: 'uuid', example: '93d603a7-ff53-4ed8-8dd6-f79c94819458' })
  chargerId!: string;

  @ApiProperty({ example: 'ZCS029369' })
  deviceId!: string;

  @ApiPropertyOptional({ example: '3.2.2.0' })
  currentVersion?: string;

  @ApiPropertyOptional({ example: '3.2.2.0' })
  availableVersion?: string;

  @ApiPropertyOptional({ example: true })
  isUpToDate?: boolean;

  @ApiPropertyOptional({ example: true })
  isOnline?: boolean;

  /** Zaptec's `DeviceTypes` value. */
  @ApiProperty({ example: 1 })
  deviceType!: number;

  /** `DeviceTypes` name from the constants Zaptec serves; absent when they do not know it. */
  @ApiPropertyOptional({ example: 'Smart' })
  deviceTypeName?: string;
}
