/**
 * Zaptec's `UserRoles` flags (constants `UserRoles`, identical in 4.7.0 and 6.x for these bits;
 * 6.x adds Technical 128 and InternalData 256). A test checks them against both seed files.
 */
export const UserRoles = {
  None: 0,
  User: 1,
  Owner: 2,
  Maintainer: 4,
  Administrator: 8,
  Onboarding: 16,
  DeviceAdministrator: 32,
  PartnerAdministrator: 64,
  Technical: 128,
  InternalData: 256,
} as const;

export type UserRoleName = Exclude<keyof typeof UserRoles, 'None'>;
export type UserRole = (typeof UserRoles)[UserRoleName];

const NAMES = Object.entries(UserRoles).filter(([, flag]) => flag !== 0) as [
  UserRoleName,
  UserRole,
][];

/** Every role name, lowest flag first: the `UserRoleName` enum of the DTOs. */
export const USER_ROLE_NAMES: readonly UserRoleName[] = NAMES.map(([name]) => name);

/** The names of the flags set in `mask`, lowest first; unknown bits are ignored. */
export function roleNames(mask: number): UserRoleName[] {
  return NAMES.filter(([, flag]) => (mask & flag) !== 0).map(([name]) => name);
}

export function roleName(role: UserRole): UserRoleName {
  return NAMES.find(([, flag]) => flag === role)![0];
}

/** The role sets of design.md's table. */
export const RoleSets = {
  /** Any of the four customer roles. */
  member: [UserRoles.User, UserRoles.Owner, UserRoles.Maintainer, UserRoles.Administrator],
  /** Equipment details, live state, commands, settings. */
  manager: [UserRoles.Owner, UserRoles.Maintainer, UserRoles.Administrator],
  /** Service commands (PLC, diagnostics, reset errors). */
  service: [UserRoles.Maintainer, UserRoles.Administrator],
  administrator: [UserRoles.Administrator],
} as const satisfies Record<string, readonly UserRole[]>;

type RoleSetName = keyof typeof RoleSets;

/**
 * The role sets as bit masks, to test a `CurrentUserRoles` value with `&`: `RoleMasks.manager`
 * is Owner|Maintainer|Administrator (14), so Onboarding or the partner roles alone never count.
 */
export const RoleMasks = Object.fromEntries(
  Object.entries(RoleSets).map(([name, roles]) => [
    name,
    roles.reduce<number>((mask, role) => mask | role, 0),
  ]),
) as Readonly<Record<RoleSetName, number>>;

/** Whether `roles` holds any role of the set, e.g. `holdsAny(roles, 'manager')`. */
export function holdsAny(roles: number, set: RoleSetName): boolean {
  return (roles & RoleMasks[set]) !== 0;
}

/** The customer roles from weakest to strongest: each may do all the ones before it may. */
const CUSTOMER_LADDER = [
  UserRoles.User,
  UserRoles.Owner,
  UserRoles.Maintainer,
  UserRoles.Administrator,
] as const;

/**
 * The roles someone holding `held` may hand on (to an API key): what they hold, plus every
 * customer role below their strongest one, since design.md's role table is a ladder (each role
 * set that admits a User also admits Owner, Maintainer and Administrator, and so on up). Other
 * flags (Onboarding, the partner roles, ...) only if held themselves.
 */
export function grantableRoles(held: number): number {
  const strongest = CUSTOMER_LADDER.findLastIndex((role) => (held & role) !== 0);
  return CUSTOMER_LADDER.slice(0, strongest + 1).reduce<number>((mask, role) => mask | role, held);
}
