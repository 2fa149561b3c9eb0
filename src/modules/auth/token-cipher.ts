import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
/**
 * GCM would also accept a tag cut down to 4 bytes, which makes forging a sealed value feasible;
 * only full 16-byte tags are accepted (Node's DEP0182).
 */
const TAG_BYTES = 16;

/**
 * AES-256-GCM for Zaptec tokens at rest: a leaked database row alone does not let anyone act as
 * the user. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export class TokenCipher {
  constructor(private readonly key: Buffer) {}

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Undefined when the value was sealed with another key (e.g. a rotated TOKEN_ENCRYPTION_KEY). */
  decrypt(sealed: string): string | undefined {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined; // authentication failed: wrong key or tampered value
    }
  }
}
