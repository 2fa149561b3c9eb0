import { createHash } from 'node:crypto';

// Fixed namespace, so the demo world's ids are the same on every run and every machine.
const NAMESPACE = Buffer.from('6f1c2a7e9b3d4e5fa1b2c3d4e5f60718', 'hex');

/** RFC 4122 version-5 UUID (SHA-1 of namespace + name), lowercase like Zaptec's GUIDs. */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
