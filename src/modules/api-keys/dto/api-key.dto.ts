import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ApiRoleFlagsProperty, ApiRoleNamesProperty } from '../../../core/auth/held-roles';
import type { UserRoleName } from '../../../core/auth/user-roles';

/** The demo's Office, where the demo admin (admin@demo.zaptec.local) is Administrator. */
const OFFICE_ID = '404d76d9-dba5-531f-abec-3ef1fc9093d0';
const ADMIN_ID = '54a49341-b3f9-5dac-92b4-e9d806b5c352';

const lowercaseIds = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((item) => (typeof item === 'string' ? item.toLowerCase() : item))
    : value;

export class CreateApiKeyDto {
  /** What the key is for, shown in listings (e.g. the partner's name). */
  @ApiProperty({ example: 'Fleet billing (Acme)', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  /** The installations the key acts on; you must be Administrator on every one. */
  @ApiProperty({ type: [String], format: 'uuid', example: [OFFICE_ID], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  @Transform(lowercaseIds)
  @ArrayUnique()
  installationIds!: string[];

  /**
   * UserRoles flags the key holds on each installation (User 1, Owner 2, Maintainer 4,
   * Administrator 8, ...), no more than you hold there yourself.
   */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 511, example: 1 })
  @IsInt()
  @Min(1)
  @Max(511)
  roles!: number;

  /** After this time the key answers 401; without it the key lasts until revoked. */
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2030-01-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: Date;
}

/** A key as listed: never its secret or hash. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '0f7c2b1e-4d8a-4c3b-9e6f-1a2b3c4d5e6f' })
  id!: string;

  @ApiProperty({ example: 'Fleet billing (Acme)' })
  name!: string;

  /** The secret's first characters, to tell keys apart. */
  @ApiProperty({ example: 'zgw_q3Jx8KpL' })
  prefix!: string;

  @ApiProperty({ type: [String], format: 'uuid', example: [OFFICE_ID] })
  installationIds!: string[];

  @ApiRoleNamesProperty()
  roles!: UserRoleName[];

  @ApiRoleFlagsProperty()
  roleFlags!: number;

  /** Zaptec user id of the Administrator who minted it. */
  @ApiProperty({ example: ADMIN_ID })
  createdBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T18:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  expiresAt!: string | null;

  /** When the key was last used, to the minute (it is recorded at most once a minute). */
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  lastUsedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  revokedAt!: string | null;
}

/** The minted key, with its secret: shown this once, never again. */
export class CreatedApiKeyDto extends ApiKeyDto {
  /**
   * Send it as `X-Api-Key: <secret>` (or `Authorization: Bearer <secret>`). The gateway keeps only
   * a keyed hash of it, so a lost secret cannot be shown again: revoke the key and mint another.
   */
  @ApiProperty({ example: 'zgw_q3Jx8KpLm2N4v6B8c0D2e4F6g8H0j2K4l6M8n0P2r4S' })
  secret!: string;
}
