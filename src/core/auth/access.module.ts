import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyPrincipals } from '../../modules/api-keys/api-key-principals';
import { ApiKeyCredentialsModule } from '../../modules/api-keys/api-key-credentials.module';
import { AuthModule } from '../../modules/auth/auth.module';
import { UserPrincipals } from '../../modules/auth/user-principals';
import { AccessGuard } from './access.guard';
import { PRINCIPAL_RESOLVER } from './principal';
import { Principals } from './principals';
import { RoleResolver } from './role-resolver';
import { RateLimits } from '../rate-limit/rate-limits';

/**
 * Who is calling and what they may do, for every route and the cache's hot path: the global
 * access guard, role resolution, the per-caller rate limits, and the one resolver of principals (users' sign-ins from the
 * auth module, partners' API keys from the api-keys module). Global, so every domain module
 * checks access the same way without importing it.
 */
@Global()
@Module({
  imports: [AuthModule, ApiKeyCredentialsModule],
  providers: [
    RoleResolver,
    RateLimits,
    {
      provide: PRINCIPAL_RESOLVER,
      inject: [UserPrincipals, ApiKeyPrincipals],
      useFactory: (users: UserPrincipals, keys: ApiKeyPrincipals) => new Principals(users, keys),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [RoleResolver, RateLimits, PRINCIPAL_RESOLVER],
})
export class AccessModule {}
