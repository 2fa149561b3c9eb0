import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { unauthenticated } from '../../core/errors/auth-problems';

const ISSUER = 'zaptec-gateway';

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
      cache: 10_000,
    });
  }

  issue(claims: AccessTokenClaims): string {
    return this.signer({ ...claims });
  }

  verify(token: string): AccessTokenClaims {
    try {
      const payload = this.verifier(token) as Partial<AccessTokenClaims>;
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new Error('claims missing');
      }
      return { sub: payload.sub, sid: payload.sid };
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
