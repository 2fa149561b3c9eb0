import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '../../core/auth/principals';

/** `zgw_` + this many characters of the secret identify a key (shown in listings, unique). */
const PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const SECRET_PATTERN = /^zgw_[A-Za-z0-9_-]{43}$/;

/**
 * API key secrets: `zgw_` + 32 random bytes as base64url. Stored as HMAC-SHA-256 under a server
 * key (AppConfig.auth.apiKeyHashKey): 256 random bits cannot be guessed, so no slow password hash
 * is needed, and the server key means a leaked row cannot even be checked against a guess.
 */
export class ApiKeySecrets {
  constructor(private readonly hashKey: Buffer) {}

  generate(): { secret: string; prefix: string; hash: string } {
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return { secret, prefix: prefixOf(secret), hash: this.hash(secret) };
  }

  /** The prefix to look the key up by, or undefined for something that is no key secret. */
  prefixOf(secret: string): string | undefined {
    return SECRET_PATTERN.test(secret) ? prefixOf(secret) : undefined;
  }

  matches(secret: string, storedHash: string): boolean {
    const given = Buffer.from(this.hash(secret), 'base64url');
    const stored = Buffer.from(storedHash, 'base64url');
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private hash(secret: string): string {
    return createHmac('sha256', this.hashKey).update(secret).digest('base64url');
  }
}

function prefixOf(secret: string): string {
  return secret.slice(0, PREFIX_LENGTH);
}
