import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, RequireRoles, RoleTargetOf } from './access.decorators';
import { AccessGuard } from './access.guard';
import type { CredentialResolver, Principal } from './principal';
import { Principals } from './principals';
import type { RoleResolver } from './role-resolver';
import { UserRoles } from './user-roles';
import type { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimits } from '../rate-limit/rate-limits';

@Controller('things')
class ThingsController {
  @Get('open')
  @Public()
  open(): void {}

  @Get('forgotten')
  forgotten(): void {}

  @Get(':id')
  @RequireRoles(UserRoles.Owner)
  @RoleTargetOf('charger')
  one(): void {}

  @Get(':id/keys')
  @RequireRoles(UserRoles.Administrator)
  @RoleTargetOf('charger')
  keys(): void {}
}

const CHARGER = '6f1c8a52-3b0e-4d7a-9d41-0c2e5b7f9a10';
const principal = { kind: 'user', id: 'u1', sessionId: 's1' } as Principal;

const reply = { headers: jest.fn() };

function contextFor(handler: keyof ThingsController, request: object): ExecutionContext {
  return {
    getHandler: () => Reflect.get(ThingsController.prototype, handler),
    getClass: () => ThingsController,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

function guardWith(roles: number | undefined, perUser = 0) {
  const resolver = {
    resolve: jest.fn(() =>
      Promise.resolve(roles === undefined ? undefined : { installationId: 'i1', roles }),
    ),
  };
  // The real scheme dispatch, over stand-ins for the two credential checks.
  const credentials: CredentialResolver = {
    resolve: jest.fn(() => Promise.resolve(principal)),
    peek: jest.fn(() => principal),
  };
  const dispatch = new Principals(credentials, credentials);
  const principals = { fromHeaders: jest.spyOn(dispatch, 'fromHeaders') };
  const config = { rateLimit: { perKey: 0, perUser, windowMs: 60_000 } } as AppConfig;
  const limits = new RateLimits(config, new MetricsService());
  const guard = new AccessGuard(
    new Reflector(),
    resolver as unknown as RoleResolver,
    dispatch,
    limits,
  );
  return { guard, resolver, principals };
}

const signedIn = (params: object = {}) => ({
  method: 'GET',
  routeOptions: { url: '/things' },
  raw: {},
  headers: { authorization: 'Bearer token' },
  params,
  query: {},
});

describe('AccessGuard', () => {
  it('denies a route that declares no access rule, even for a signed-in caller', async () => {
    const { guard, principals } = guardWith(UserRoles.Owner);
    await expect(guard.canActivate(contextFor('forgotten', signedIn()))).rejects.toMatchObject({
      code: 'ROUTE_NOT_DECLARED',
      status: 403,
    });
    expect(principals.fromHeaders).not.toHaveBeenCalled();
  });

  it('lets anyone through a @Public route without looking at tokens', async () => {
    const { guard, principals } = guardWith(undefined);
    await expect(guard.canActivate(contextFor('open', { headers: {} }))).resolves.toBe(true);
    expect(principals.fromHeaders).not.toHaveBeenCalled();
  });

  it('answers 401 when a protected route gets no bearer token', async () => {
    const { guard } = guardWith(UserRoles.Owner);
    const request = { ...signedIn({ id: CHARGER }), headers: {} };
    await expect(guard.canActivate(contextFor('one', request))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
  });

  it('answers 404 when the caller has no role on the object', async () => {
    const { guard } = guardWith(undefined);
    await expect(
      guard.canActivate(contextFor('one', signedIn({ id: CHARGER }))),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('answers 403 when the caller holds only a weaker role', async () => {
    const { guard } = guardWith(UserRoles.User);
    await expect(
      guard.canActivate(contextFor('one', signedIn({ id: CHARGER }))),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('admits a required role and records what it resolved on the request', async () => {
    const { guard } = guardWith(UserRoles.Owner | UserRoles.User);
    const request: Record<string, unknown> = signedIn({ id: CHARGER });
    await expect(guard.canActivate(contextFor('one', request))).resolves.toBe(true);
    expect(request.access).toEqual({ installationId: 'i1', roles: 3 });
    expect(request.principal).toBe(principal);
  });

  it('decides a combined 70 (Owner|Maintainer|PartnerAdministrator) by its flags', async () => {
    const { guard } = guardWith(
      UserRoles.Owner | UserRoles.Maintainer | UserRoles.PartnerAdministrator,
    );
    await expect(guard.canActivate(contextFor('one', signedIn({ id: CHARGER })))).resolves.toBe(
      true,
    );
    await expect(
      guard.canActivate(contextFor('keys', signedIn({ id: CHARGER }))),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('rejects a malformed id with 400 before asking upstream about roles', async () => {
    const { guard, resolver } = guardWith(UserRoles.Owner);
    await expect(
      guard.canActivate(contextFor('one', signedIn({ id: 'not-a-uuid' }))),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(resolver.resolve).not.toHaveBeenCalled();
  });

  it('counts the caller against its quota before resolving roles, and says so in headers', async () => {
    const { guard, resolver } = guardWith(UserRoles.Owner, 2);
    for (const remaining of [1, 0]) {
      await expect(guard.canActivate(contextFor('one', signedIn({ id: CHARGER })))).resolves.toBe(
        true,
      );
      expect(reply.headers).toHaveBeenLastCalledWith({
        'ratelimit-policy': '"per-user";q=2;w=60',
        ratelimit: `"per-user";r=${remaining};t=60`,
      });
    }
    resolver.resolve.mockClear();
    await expect(
      guard.canActivate(contextFor('one', signedIn({ id: CHARGER }))),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      headers: expect.objectContaining({ 'retry-after': '60' }),
    });
    expect(resolver.resolve).not.toHaveBeenCalled();
  });
});
