import { isService, manages, owns } from './access';

describe("the simulator's role decisions", () => {
  it.each([
    // roles, manages ("owner or service"), service role, owner's own details
    [1, false, false, false], // User
    [2, true, false, true], // Owner
    [3, true, false, true], // User|Owner, the demo owner (HA fixtures)
    [8, true, true, false], // Administrator
    [70, true, true, true], // Owner|Maintainer|PartnerAdministrator (HA fixtures)
  ])('treats CurrentUserRoles %i as flags', (roles, manager, service, owner) => {
    expect([manages(roles), isService(roles), owns(roles)]).toEqual([manager, service, owner]);
  });
});
