/**
 * Keyset cursors as clients see them: base64url of a small JSON object. Opaque to clients (they
 * pass back what `nextCursor` gave), so the format may change without breaking them. Each route
 * checks the fields of its own cursor; this only packs and unpacks them.
 */
export function encodeOpaqueCursor(fields: Readonly<Record<string, string>>): string {
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/** The cursor's fields, or undefined for a text no `nextCursor` could have been. */
export function decodeOpaqueCursor(text: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined; // not JSON: not one of ours
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/** An ISO time exactly as a cursor holds it (toISOString), else undefined. */
export function cursorTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) || time.toISOString() !== value ? undefined : time;
}
