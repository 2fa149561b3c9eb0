import { createHash } from 'node:crypto';

/**
 * Zaptec's user id from its JWT's `sub`; the token is opaque to us otherwise (not verified).
 * Zaptec counts its rate limit per user, so every session of one user must share this key.
 */
export function subjectOf(upstreamToken: string, username: string): string {
  const payload = upstreamToken.split('.')[1];
  if (payload) {
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        sub?: unknown;
      };
      if (typeof claims.sub === 'string' && claims.sub) return claims.sub;
    } catch {
      // not a JWT: fall through to a stable id derived from the username
    }
  }
  const digest = createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
  return `user:${digest.slice(0, 32)}`;
}
