import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { CredentialResolver, UserPrincipal } from '../../core/auth/principal';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { AccessTokens } from './access-tokens';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { TokenCipher } from './token-cipher';
import { unauthenticated, upstreamSessionExpired } from '../../core/errors/auth-problems';

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
    private readonly rejected: () => Promise<void>,
  ) {}

  accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  /** We never hold a user's password, so an upstream 401 ends the Zaptec session (§2). */
  async renew(): Promise<boolean> {
    await this.rejected();
    return false;
  }
}

/** Gateway access token → UserPrincipal, from the JWT and the sign-in it names. */
@Injectable()
export class UserPrincipals implements CredentialResolver {
  private readonly logger = new Logger(UserPrincipals.name);
  private readonly sessions = new LRUCache<string, UserPrincipal | false>({
    max: 50_000,
    ttl: SESSION_CACHE_TTL_MS,
    fetchMethod: (id) => this.load(id),
  });
  /** Sign-ins this instance ended lately, for requests whose load was cut by `forget()`. */
  private readonly forgotten = new LRUCache<string, true>({
    max: 10_000,
    ttl: SESSION_CACHE_TTL_MS,
  });

  constructor(
    private readonly tokens: AccessTokens,
    private readonly repository: AuthSessionsRepository,
    private readonly cipher: TokenCipher,
  ) {}

  async resolve(token: string): Promise<UserPrincipal> {
    const claims = this.tokens.verify(token);
    const principal = await this.session(claims.sid);
    if (!principal || principal.id !== claims.sub) {
      throw unauthenticated('This sign-in has ended: sign in again.');
    }
    assertUpstreamAlive(principal.upstreamExpiresAt);
    return principal;
  }

  peek(token: string): UserPrincipal | undefined {
    let claims;
    try {
      claims = this.tokens.verify(token);
    } catch {
      return undefined;
    }
    const principal = this.sessions.get(claims.sid);
    if (!principal || principal.id !== claims.sub) return undefined;
    return principal.upstreamExpiresAt.getTime() > Date.now() ? principal : undefined;
  }

  private async session(id: string): Promise<UserPrincipal | false | undefined> {
    try {
      return await this.sessions.fetch(id);
    } catch (error) {
      // forget() aborts a load in flight (lru-cache rejects it): that sign-in has just ended.
      if (this.forgotten.has(id)) return false;
      throw error;
    }
  }

  /** Drops a sign-in from memory after it ended, so this instance refuses it at once. */
  forget(sessionId: string): void {
    this.forgotten.set(sessionId, true);
    this.sessions.delete(sessionId);
  }

  /**
   * Zaptec refused the sign-in's token (revoked, or expired before its `expires_in`): record that
   * it ended, so further calls and refreshes answer UPSTREAM_SESSION_EXPIRED without asking Zaptec.
   */
  private async upstreamRejected(sessionId: string): Promise<void> {
    const at = new Date();
    // Only a settled entry is replaced: replacing a load in flight would abort it (lru-cache).
    const cached = this.sessions.get(sessionId);
    if (cached) this.sessions.set(sessionId, { ...cached, upstreamExpiresAt: at });
    try {
      await this.repository.endUpstreamSession(sessionId, at);
    } catch (error) {
      this.logger.error({ err: error, sessionId }, 'could not record the ended Zaptec session');
    }
  }

  private async load(id: string): Promise<UserPrincipal | false> {
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
      upstream: new UserUpstreamSession(session.subject, upstreamToken, () =>
        this.upstreamRejected(session.id),
      ),
    };
  }
}

/** Zaptec tokens last about a day with no refresh (§2): past that only a new login helps. */
export function assertUpstreamAlive(expiresAt: Date): void {
  if (expiresAt.getTime() <= Date.now()) {
    throw upstreamSessionExpired();
  }
}
