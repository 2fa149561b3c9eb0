import { randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { DemoAccount } from '../world/demo-data';

export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

interface Grant {
  account: DemoAccount;
  expiresAt: number;
}

/**
 * Access tokens as the real identity provider issues them: JWTs (RS256 upstream, HS256 here) whose
 * `sub` is the user id, valid `expires_in` = 86399 s by default. Zaptec's refresh tokens do not
 * work (zaptec-api.md §2), so one is issued and never accepted.
 */
export class TokenStore {
  private readonly grants = new Map<string, Grant>();
  private readonly sign = createSigner({
    key: randomBytes(32).toString('hex'),
    algorithm: 'HS256',
  });

  constructor(private readonly ttlSeconds: number) {}

  issue(account: DemoAccount, nowMs = Date.now()): IssuedToken {
    const issuedAt = Math.floor(nowMs / 1000);
    const accessToken = this.sign({
      sub: account.id,
      email: account.email,
      name: account.fullName,
      iss: 'https://api.zaptec.com',
      aud: 'zaptec-api',
      iat: issuedAt,
      exp: issuedAt + this.ttlSeconds,
      jti: randomBytes(8).toString('hex'),
    });
    this.grants.set(accessToken, { account, expiresAt: nowMs + this.ttlSeconds * 1000 });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.ttlSeconds,
      refresh_token: randomBytes(24).toString('base64url'),
    };
  }

  /** The account behind an `Authorization` header; undefined when missing, unknown or expired. */
  verify(authorization: string | undefined, nowMs = Date.now()): DemoAccount | undefined {
    if (!authorization?.toLowerCase().startsWith('bearer ')) return undefined;
    const grant = this.grants.get(authorization.slice(7).trim());
    if (!grant) return undefined;
    if (grant.expiresAt <= nowMs) {
      this.grants.delete(authorization.slice(7).trim());
      return undefined;
    }
    return grant.account;
  }

  revokeAll(): number {
    const count = this.grants.size;
    this.grants.clear();
    return count;
  }
}
