import { LRUCache } from 'lru-cache';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { unauthenticated } from '../../core/errors/auth-problems';

const ISSUER = 'zaptec-gateway';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenClaims {
  /** Zaptec user id. */
  sub: string;
  /** Sign-in (refresh family) id. */
  sid: string;
}

/** The gateway's own short-lived access tokens (HS256 JWTs). */
export class AccessTokens {
  private readonly signer;
  private readonly verifier;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.signer = createSigner({
      key: secret,
      algorithm: 'HS256',
      iss: ISSUER,
      expiresIn: ttlSeconds * 1000,
    });
    this.verifier = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      // A token without an expiry would be good forever; one without our issuer is not ours.
      requiredClaims: ['exp', 'iss', 'sub', 'sid'],
    });
  }

  /**
   * Tokens verified lately, by the exact token (a Map key: no hash to collide, and none to
   * compute: fast-jwt's own cache hashed every token with SHA-256, ~6% of a cache hit's CPU).
   */
  private readonly verified = new LRUCache<
    string,
    { claims: AccessTokenClaims; expiresAt: number }
  >({ max: 10_000 });

  issue(claims: AccessTokenClaims): string {
    return this.signer({ ...claims });
  }

  verify(token: string): AccessTokenClaims {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const payload = this.verifier(token) as Record<string, unknown>;
      const { sub, sid, exp } = payload;
      // `sid` names a sign-in row (a UUID): anything else must be refused here, not by Postgres.
      if (typeof sub !== 'string' || !sub || typeof sid !== 'string' || !UUID.test(sid)) {
        throw new Error('claims missing or malformed');
      }
      const claims = { sub, sid: sid.toLowerCase() };
      this.verified.set(token, { claims, expiresAt: Number(exp) * 1000 });
      return claims;
    } catch (error) {
      const expired = error instanceof TokenError && error.code === TokenError.codes.expired;
      throw unauthenticated(
        expired
          ? 'The access token has expired: get a new one from POST /v1/auth/refresh.'
          : 'The access token is not valid.',
      );
    }
  }
}
