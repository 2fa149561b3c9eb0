import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { roleNames, USER_ROLE_NAMES, type UserRoleName } from './user-roles';

/** The caller's roles on an object's installation, as every DTO that carries them shows them. */
export interface HeldRoles {
  roles: UserRoleName[];
  roleFlags: number;
}

export function heldRoles(mask: number): HeldRoles {
  return { roles: roleNames(mask), roleFlags: mask };
}

/** `roles` of a DTO: the caller's UserRoles on the object's installation, decoded. */
export function ApiRoleNamesProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: "Your UserRoles on the object's installation, decoded.",
      enum: USER_ROLE_NAMES,
      enumName: 'UserRoleName',
      isArray: true,
      example: ['Owner'],
    }),
  );
}

/** `roleFlags` of a DTO: the same as Zaptec's `CurrentUserRoles` bit mask. */
export function ApiRoleFlagsProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description:
        "The same as Zaptec's `CurrentUserRoles` bit mask (User 1, Owner 2, Maintainer 4, Administrator 8, ...).",
      type: 'integer',
      example: 2,
    }),
  );
}
