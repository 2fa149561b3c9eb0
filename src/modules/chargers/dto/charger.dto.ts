import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiRoleFlagsProperty, ApiRoleNamesProperty } from '../../../core/auth/held-roles';
import { ObjectIdFilter } from '../../../core/auth/object-id';
import type { UserRoleName } from '../../../core/auth/user-roles';

export class ChargerListQueryDto {
  /** Only the chargers of this installation (one you have a role on, else 404). */
  @ObjectIdFilter()
  installationId?: string;
}

/** What the charger list and the charger detail share. */
class ChargerBaseDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  id!: string;

  /** The serial number: Pro `ZCS…`, Go `ZAP…`, Go 2 `GPN…`. */
  @ApiProperty({ example: 'ZCS000201' })
  deviceId!: string;

  @ApiProperty({ example: 'Office 1' })
  name!: string;

  /** Absent only when Zaptec leaves it out (Zaptec may leave out any field of its answers). */
  @ApiPropertyOptional({ format: 'uuid', example: '8a3b5c9e-1f2d-5e4a-9b6c-7d8e9f0a1b2c' })
  installationId?: string;

  @ApiPropertyOptional({ example: 'Office' })
  installationName?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '1c2d3e4f-5a6b-5c7d-8e9f-0a1b2c3d4e5f' })
  circuitId?: string;

  /** Zaptec's `DeviceTypes` value (1 Smart = Pro, 4 Apollo = Go / Go 2). */
  @ApiProperty({ type: 'integer', example: 1 })
  deviceType!: number;

  /** `deviceType` decoded through the constants Zaptec serves; absent when they do not name it. */
  @ApiPropertyOptional({ example: 'Smart' })
  deviceTypeName?: string;

  @ApiRoleNamesProperty()
  roles!: UserRoleName[];

  @ApiRoleFlagsProperty()
  roleFlags!: number;

  @ApiPropertyOptional({ example: true })
  active?: boolean;

  /** Whether a charge needs authorization (RFID, app) on this installation. */
  @ApiPropertyOptional({ example: true })
  isAuthorizationRequired?: boolean;

  @ApiPropertyOptional({ format: 'date-time', example: '2022-09-16T08:06:10.487Z' })
  createdAt?: string;
}

export class ChargerListItemDto extends ChargerBaseDto {
  /**
   * `ChargerOperationModes` name (Unknown, Disconnected, Connected_Requesting,
   * Connected_Charging, Connected_Finished). Zaptec refreshes it slowly in lists; the live value
   * is `chargerOperationMode` in `GET /v1/chargers/{id}/state`.
   */
  @ApiPropertyOptional({ example: 'Connected_Charging' })
  operationMode?: string;

  @ApiPropertyOptional({ example: true })
  isOnline?: boolean;
}

export class ChargerDto extends ChargerBaseDto {
  /** Whether the charger has any charge sessions. */
  @ApiPropertyOptional({ example: true })
  hasSessions?: boolean;

  /** Lifetime energy of the signed (MID) meter, kWh. */
  @ApiPropertyOptional({ example: 1843.215 })
  signedMeterValueKwh?: number;

  /** Phase used when the charger is offline (0 = automatic). */
  @ApiPropertyOptional({ type: 'integer', example: 0 })
  offlinePhaseOverride?: number;

  /** Current used when the charger is offline, A (-1 = automatic). */
  @ApiPropertyOptional({ example: -1 })
  offlineCurrentOverride?: number;
}
