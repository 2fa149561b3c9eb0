import { randomBytes } from 'node:crypto';
import { TokenCipher } from './token-cipher';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';

describe('TokenCipher', () => {
  const cipher = new TokenCipher(randomBytes(32));

  it('decrypts what it encrypted', () => {
    expect(cipher.decrypt(cipher.encrypt(TOKEN))).toBe(TOKEN);
  });

  it('never stores the token in the clear, and seals it differently every time', () => {
    const first = cipher.encrypt(TOKEN);
    const second = cipher.encrypt(TOKEN);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first).not.toContain(TOKEN);
    expect(first).not.toContain(Buffer.from(TOKEN).toString('base64url'));
    expect(first).not.toBe(second);
  });

  it('refuses a value whose ciphertext, tag or iv was tampered with', () => {
    const [version, iv, tag, data] = cipher.encrypt(TOKEN).split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    expect(cipher.decrypt([version, iv, tag, flip(data)].join('.'))).toBeUndefined();
    expect(cipher.decrypt([version, iv, flip(tag), data].join('.'))).toBeUndefined();
    expect(cipher.decrypt([version, flip(iv), tag, data].join('.'))).toBeUndefined();
  });

  it('refuses a value whose tag was cut short (GCM would accept a 4-byte tag)', () => {
    const [version, iv, tag, data] = cipher.encrypt(TOKEN).split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(cipher.decrypt([version, iv, short, data].join('.'))).toBeUndefined();
  });

  it('refuses a value sealed with another key (e.g. a rotated TOKEN_ENCRYPTION_KEY)', () => {
    const other = new TokenCipher(randomBytes(32));
    expect(other.decrypt(cipher.encrypt(TOKEN))).toBeUndefined();
  });

  it('refuses malformed values and unknown versions instead of throwing', () => {
    const sealed = cipher.encrypt(TOKEN);
    expect(cipher.decrypt('')).toBeUndefined();
    expect(cipher.decrypt(TOKEN)).toBeUndefined();
    expect(cipher.decrypt(sealed.replace(/^v1/, 'v2'))).toBeUndefined();
    expect(cipher.decrypt(sealed.split('.').slice(0, 3).join('.'))).toBeUndefined();
  });
});
