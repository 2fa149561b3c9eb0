import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A charger as the hierarchy lists it: its identity only (Zaptec fills no more, §5.3). */
export class CircuitChargerDto {
  @ApiProperty({ format: 'uuid', example: '93d603a7-ff53-4ed8-8dd6-f79c94819458' })
  id!: string;

  /** The serial number, e.g. `ZAP…` for a Go, `ZCS…` for a Pro. */
  @ApiProperty({ example: 'ZAP049387' })
  deviceId!: string;

  @ApiProperty({ example: 'Driveway' })
  name!: string;

  @ApiPropertyOptional({ example: true })
  active?: boolean;

  /** Zaptec's `DeviceTypes` value. */
  @ApiProperty({ example: 4 })
  deviceType!: number;

  /** `DeviceTypes` name from the constants Zaptec serves; absent when they do not know it. */
  @ApiPropertyOptional({ example: 'Apollo' })
  deviceTypeName?: string;
}

/** A circuit (a fuse group) of an installation, with its chargers. */
export class CircuitDto {
  @ApiProperty({ format: 'uuid', example: '163fdd03-8149-43ad-a6cb-5a63fa67d1e5' })
  id!: string;

  @ApiProperty({ example: 'Garage' })
  name!: string;

  /** The circuit's fuse in amperes. */
  @ApiProperty({ example: 32 })
  maxCurrent!: number;

  @ApiPropertyOptional({ example: true })
  isActive?: boolean;

  @ApiProperty({ format: 'uuid', example: '2bbec6f9-c3ce-4edf-a72f-b1b2a663c6ba' })
  installationId!: string;

  @ApiPropertyOptional({ example: 'Home' })
  installationName?: string;

  @ApiProperty({ type: [CircuitChargerDto] })
  chargers!: CircuitChargerDto[];
}
