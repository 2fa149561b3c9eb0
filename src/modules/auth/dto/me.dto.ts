import { ApiProperty } from '@nestjs/swagger';
import { ApiRoleFlagsProperty, ApiRoleNamesProperty } from '../../../core/auth/held-roles';
import type { UserRoleName } from '../../../core/auth/user-roles';

export class MyInstallationDto {
  @ApiProperty({ format: 'uuid', example: '5e0b4f3c-4a1e-5c2b-9a4e-1f6c2d7b8e90' })
  id!: string;

  @ApiProperty({ example: 'Office' })
  name!: string;

  @ApiRoleNamesProperty()
  roles!: UserRoleName[];

  @ApiRoleFlagsProperty()
  roleFlags!: number;
}

export class MeDto {
  /** Your Zaptec user id. */
  @ApiProperty({ example: '0b7d3d3c-2f5e-5d34-9f0a-3c6b8c1e2a11' })
  id!: string;

  @ApiProperty({ example: 'owner@demo.zaptec.local' })
  username!: string;

  /** When the Zaptec session behind this sign-in ends; sign in again after it. */
  @ApiProperty({ format: 'date-time', example: '2026-11-26T12:00:00.000Z' })
  sessionExpiresAt!: string;

  /** Every installation you have a role on. */
  @ApiProperty({ type: [MyInstallationDto] })
  installations!: MyInstallationDto[];
}
