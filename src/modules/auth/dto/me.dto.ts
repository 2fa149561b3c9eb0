import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLE_NAMES } from '../../../core/auth/user-roles';

export class MyInstallationDto {
  @ApiProperty({ format: 'uuid', example: '5e0b4f3c-4a1e-5c2b-9a4e-1f6c2d7b8e90' })
  id!: string;

  @ApiProperty({ example: 'Office' })
  name!: string;

  /** Your UserRoles on this installation, decoded. */
  @ApiProperty({
    enum: USER_ROLE_NAMES,
    enumName: 'UserRoleName',
    isArray: true,
    example: ['Owner'],
  })
  roles!: string[];

  /** The same as Zaptec's `CurrentUserRoles` bit mask (User 1, Owner 2, Maintainer 4, Administrator 8, ...). */
  @ApiProperty({ example: 2 })
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
