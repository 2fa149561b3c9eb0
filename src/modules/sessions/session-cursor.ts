import { isUUID } from 'class-validator';

/** Where a page ended: the (endedAt, id) of its last row, the keyset of the next page. */
export interface SessionCursor {
  readonly endedAt: Date;
  readonly id: string;
}

/**
 * Opaque to clients (base64url of `{"endedAt","id"}`): they pass back what `nextCursor` gave,
 * and the format may change without breaking them.
 */
export function encodeCursor(cursor: SessionCursor): string {
  const json = JSON.stringify({ endedAt: cursor.endedAt.toISOString(), id: cursor.id });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor, or undefined for a text no `nextCursor` could have been. */
export function decodeCursor(text: string): SessionCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined; // not JSON: not one of ours
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { endedAt, id } = parsed as Record<string, unknown>;
  if (typeof endedAt !== 'string' || typeof id !== 'string' || !isUUID(id)) return undefined;
  const time = new Date(endedAt);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== endedAt) return undefined;
  return { endedAt: time, id: id.toLowerCase() };
}
