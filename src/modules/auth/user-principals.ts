import { HttpStatus, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ApiProblem } from '../../core/errors/problem';
import type { Principal, PrincipalResolver } from '../../core/auth/principal';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { AccessTokens } from './access-tokens';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { TokenCipher } from './token-cipher';

/**
 * How long a sign-in is trusted from memory: a logout on another instance takes effect within
 * this time, without a database read on every request.
 */
const SESSION_CACHE_TTL_MS = 15_000;

/** An end user's upstream identity: their own token and rate bucket; no re-login possible. */
class UserUpstreamSession implements UpstreamSession {
  constructor(
    readonly account: string,
    private readonly token: string,
  ) {}

  accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  /** We never hold a user's password, so an upstream 401 ends the sign-in (§2). */
  renew(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/** Bearer token → Principal, from the JWT and the sign-in it names. */
@Injectable()
export class UserPrincipals implements PrincipalResolver {
  private readonly sessions = new LRUCache<string, Principal | false>({
    max: 50_000,
    ttl: SESSION_CACHE_TTL_MS,
    fetchMethod: (id) => this.load(id),
  });

  constructor(
    private readonly tokens: AccessTokens,
    private readonly repository: AuthSessionsRepository,
    private readonly cipher: TokenCipher,
  ) {}

  async fromBearer(token: string): Promise<Principal> {
    const claims = this.tokens.verify(token);
    const principal = await this.sessions.fetch(claims.sid);
    if (!principal || principal.id !== claims.sub) {
      throw new ApiProblem(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        'This sign-in has ended: sign in again.',
        {},
        { 'www-authenticate': `Bearer error="invalid_token"` },
      );
    }
    assertUpstreamAlive(principal.upstreamExpiresAt);
    return principal;
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private async load(id: string): Promise<Principal | false> {
    const session = await this.repository.findSession(id);
    if (!session || session.revokedAt) return false;
    const upstreamToken = this.cipher.decrypt(session.upstreamToken);
    if (!upstreamToken) return false;
    return {
      kind: 'user',
      id: session.subject,
      username: session.username,
      sessionId: session.id,
      upstreamExpiresAt: session.upstreamExpiresAt,
      upstream: new UserUpstreamSession(session.subject, upstreamToken),
    };
  }
}

/** Zaptec tokens last about a day with no refresh (§2): past that only a new login helps. */
export function assertUpstreamAlive(expiresAt: Date): void {
  if (expiresAt.getTime() <= Date.now()) {
    throw new ApiProblem(
      HttpStatus.UNAUTHORIZED,
      'UPSTREAM_SESSION_EXPIRED',
      'The Zaptec session has expired (Zaptec tokens last about a day): sign in again.',
    );
  }
}
