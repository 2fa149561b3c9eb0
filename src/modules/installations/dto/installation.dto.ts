import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiRoleFlagsProperty, ApiRoleNamesProperty } from '../../../core/auth/held-roles';
import type { UserRoleName } from '../../../core/auth/user-roles';

/**
 * `GET /v1/installations` takes no query parameters. An empty DTO still makes the validation
 * pipe's whitelist refuse an unknown one with 400, as the other lists do.
 */
export class InstallationListQueryDto {}

/**
 * An installation (a site) as Zaptec describes it. A caller with the User role alone gets the
 * reduced set Zaptec gives a User (zaptec-api.md §5.1): identity and address, no limits.
 */
export class InstallationDto {
  @ApiProperty({ format: 'uuid', example: 'aaa13ff9-e69c-4469-bc4b-d64feb50e603' })
  id!: string;

  @ApiProperty({ example: 'Home' })
  name!: string;

  @ApiPropertyOptional({ example: 'Fjordveien 12' })
  address?: string;

  @ApiPropertyOptional({ example: '0252' })
  zipCode?: string;

  @ApiPropertyOptional({ example: 'Oslo' })
  city?: string;

  /** Zaptec's country id (constants `Countries`). */
  @ApiPropertyOptional({ format: 'uuid', example: '83bffdb1-0a92-4574-bb7b-bd0d17387c17' })
  countryId?: string;

  /** Zaptec's `InstallationTypes` id: 0 Pro, 1 Smart (Home). */
  @ApiPropertyOptional({ example: 0 })
  installationType?: number;

  @ApiPropertyOptional({ example: true })
  active?: boolean;

  /** Whether a charge must be authorized (RFID, app) before it starts. */
  @ApiPropertyOptional({ example: true })
  isRequiredAuthentication?: boolean;

  /** IANA time zone of the site. */
  @ApiPropertyOptional({ example: 'Europe/Oslo' })
  timeZone?: string;

  @ApiRoleNamesProperty()
  roles!: UserRoleName[];

  @ApiRoleFlagsProperty()
  roleFlags!: number;

  /** Main fuse of the installation in amperes (Owner, Maintainer, Administrator only). */
  @ApiPropertyOptional({ example: 32 })
  maxCurrent?: number;

  /** Current the chargers may share on phase 1, in amperes (managers only). */
  @ApiPropertyOptional({ example: 32 })
  availableCurrentPhase1?: number;

  @ApiPropertyOptional({ example: 32 })
  availableCurrentPhase2?: number;

  @ApiPropertyOptional({ example: 32 })
  availableCurrentPhase3?: number;

  /** 0 Manual, 1 Schedule, 2 Auto (managers only). */
  @ApiPropertyOptional({ example: 0 })
  availableCurrentMode?: number;

  /** 0 forces 3-phase, 32 forces 1-phase, 1–31 is the switch threshold in A (managers only). */
  @ApiPropertyOptional({ example: 0 })
  threeToOnePhaseSwitchCurrent?: number;

  @ApiPropertyOptional({ example: 0 })
  minPowerOfflineMode?: number;

  /** Zaptec's `NetworkTypes` value (managers only). */
  @ApiPropertyOptional({ example: 4 })
  networkType?: number;

  @ApiPropertyOptional({ example: 'TN_3_Phase' })
  networkTypeName?: string;

  /** Zaptec's `InstallationAuthenticationType` value: 0 Native, 1 WebHooks, 2 Ocpp, 3 OcppNative. */
  @ApiPropertyOptional({ example: 0 })
  authenticationType?: number;

  @ApiPropertyOptional({ example: 'Native' })
  authenticationTypeName?: string;

  @ApiPropertyOptional({ example: 2 })
  activeChargerCount?: number;

  @ApiPropertyOptional({ example: 59.9139 })
  latitude?: number;

  @ApiPropertyOptional({ example: 10.7522 })
  longitude?: number;

  @ApiPropertyOptional({ format: 'date-time', example: '2023-04-11T09:12:44.120Z' })
  createdOn?: string;

  /** Last change, e.g. of the limits. */
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' })
  updatedOn?: string;
}
