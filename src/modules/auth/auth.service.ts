import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { UserPrincipal } from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import { heldRoles } from '../../core/auth/held-roles';
import { upstreamSessionUnusable } from '../../core/errors/auth-problems';
import { ApiProblem } from '../../core/errors/problem';
import { subjectOf } from '../../upstream/zaptec/token-subject';
import { UpstreamHttpError } from '../../upstream/zaptec/upstream-errors';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { AuditService } from '../audit/audit.service';
import { AccessTokens } from './access-tokens';
import { AuthSessionsRepository } from './auth-sessions.repository';
import type { LoginDto } from './dto/login.dto';
import type { MeDto } from './dto/me.dto';
import { TokenType, type TokenResponseDto } from './dto/token-response.dto';
import { LoginThrottle } from './login-throttle';
import { TokenCipher } from './token-cipher';
import { assertUpstreamAlive, UserPrincipals } from './user-principals';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sign-in with Zaptec credentials, refresh-token rotation with re-use detection, sign-out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zaptec: ZaptecApi,
    private readonly repository: AuthSessionsRepository,
    private readonly tokens: AccessTokens,
    private readonly cipher: TokenCipher,
    private readonly throttle: LoginThrottle,
    private readonly principals: UserPrincipals,
    private readonly roles: RoleResolver,
    private readonly audit: AuditService,
  ) {}

  async login({ username, password }: LoginDto, clientAddress: string): Promise<TokenResponseDto> {
    await this.throttle.admit(username, clientAddress);
    let issued;
    try {
      issued = await this.zaptec.login(username, password);
    } catch (error) {
      // OpenIddict answers a wrong username/password with 400 invalid_grant (§2).
      if (error instanceof UpstreamHttpError && (error.status === 400 || error.status === 401)) {
        await this.audit.signIn('REJECTED', username, username);
        throw new ApiProblem(
          HttpStatus.UNAUTHORIZED,
          'INVALID_CREDENTIALS',
          'Zaptec did not accept this username and password.',
        );
      }
      await this.throttle.inconclusive(username, clientAddress);
      throw error;
    }
    await this.throttle.succeeded(username, clientAddress);
    const refreshToken = newRefreshToken();
    const session = await this.repository.create(
      {
        subject: subjectOf(issued.access_token, username),
        username,
        upstreamToken: this.cipher.encrypt(issued.access_token),
        upstreamExpiresAt: new Date(Date.now() + issued.expires_in * 1000),
      },
      { tokenHash: hash(refreshToken), expiresAt: this.refreshExpiry() },
    );
    this.logger.log({ sessionId: session.id, subject: session.subject }, 'signed in');
    await this.audit.signIn('SUCCEEDED', session.subject, username);
    return this.tokenResponse(session, refreshToken);
  }

  async refresh(presented: string): Promise<TokenResponseDto> {
    const stored = await this.repository.findRefreshToken(hash(presented));
    if (!stored || stored.revokedAt || stored.family.revokedAt || stored.expiresAt <= new Date()) {
      throw invalidRefreshToken();
    }
    if (stored.rotatedAt) return this.reused(stored.familyId);
    assertUpstreamAlive(stored.family.upstreamExpiresAt);
    if (this.cipher.decrypt(stored.family.upstreamToken) === undefined) {
      return this.unusable(stored.familyId);
    }
    const next = newRefreshToken();
    const rotated = await this.repository.rotate(stored.id, {
      familyId: stored.familyId,
      subject: stored.subject,
      tokenHash: hash(next),
      expiresAt: this.refreshExpiry(),
    });
    if (!rotated) return this.reused(stored.familyId);
    return this.tokenResponse(stored.family, next);
  }

  async logout(principal: UserPrincipal): Promise<void> {
    await this.repository.revokeFamily(principal.sessionId, 'logout');
    this.principals.forget(principal.sessionId);
  }

  async me(principal: UserPrincipal): Promise<MeDto> {
    const installations = await this.roles.installations(principal);
    return {
      id: principal.id,
      username: principal.username,
      sessionExpiresAt: principal.upstreamExpiresAt.toISOString(),
      installations: [...installations].map(([id, { name, roles }]) => ({
        id,
        name,
        ...heldRoles(roles),
      })),
    };
  }

  /** A used refresh token came back: someone holds a copy, so the whole sign-in ends. */
  private async reused(familyId: string): Promise<never> {
    await this.repository.revokeFamily(familyId, 'refresh token re-used');
    this.principals.forget(familyId);
    this.logger.warn({ sessionId: familyId }, 'refresh token re-used; sign-in revoked');
    throw new ApiProblem(
      HttpStatus.UNAUTHORIZED,
      'REFRESH_TOKEN_REUSED',
      'This refresh token was already used; the sign-in has been ended for safety. Sign in again.',
    );
  }

  /**
   * The Zaptec token of this sign-in was sealed with another key: every call would answer 401, so
   * new tokens would only make the client loop. The sign-in ends; the client signs in again.
   */
  private async unusable(familyId: string): Promise<never> {
    await this.repository.revokeFamily(familyId, 'zaptec token unreadable');
    this.principals.forget(familyId);
    this.logger.warn(
      { sessionId: familyId },
      'the Zaptec token of a sign-in cannot be decrypted (TOKEN_ENCRYPTION_KEY changed?); sign-in revoked',
    );
    throw upstreamSessionUnusable();
  }

  private tokenResponse(
    session: { id: string; subject: string; upstreamExpiresAt: Date },
    refreshToken: string,
  ): TokenResponseDto {
    return {
      accessToken: this.tokens.issue({ sub: session.subject, sid: session.id }),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
      tokenType: TokenType.Bearer,
      sessionExpiresAt: session.upstreamExpiresAt.toISOString(),
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.auth.refreshTokenTtlDays * DAY_MS);
  }
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Refresh tokens are stored as SHA-256: high-entropy secrets need no slow hash. */
function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function invalidRefreshToken(): ApiProblem {
  return new ApiProblem(
    HttpStatus.UNAUTHORIZED,
    'INVALID_REFRESH_TOKEN',
    'This refresh token is unknown, expired or revoked: sign in again.',
  );
}
