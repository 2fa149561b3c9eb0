import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccessTokens } from './access-tokens';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { LoginThrottle } from './login-throttle';
import { TokenCipher } from './token-cipher';
import { UserPrincipals } from './user-principals';

/** Sign-in, tokens, `/v1/me`; the access module (core/auth) checks the tokens it issues. */
@Module({
  controllers: [AuthController, MeController],
  providers: [
    AuthService,
    AuthSessionsRepository,
    UserPrincipals,
    { provide: LoginThrottle, useFactory: () => new LoginThrottle() },
    {
      provide: AccessTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds),
    },
    {
      provide: TokenCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenCipher(config.auth.tokenEncryptionKey),
    },
  ],
  exports: [UserPrincipals],
})
export class AuthModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.auth.jwtSecretGenerated) {
      new Logger('Auth').warn(
        'JWT_SECRET is not set: signing access tokens with a secret generated for this process, so sign-ins end at restart and other instances cannot verify them. Set JWT_SECRET (32+ characters, e.g. `openssl rand -base64 48`) outside demo use.',
      );
    }
  }
}
