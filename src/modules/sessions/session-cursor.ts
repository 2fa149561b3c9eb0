import { isUUID } from 'class-validator';
import { cursorTime, decodeOpaqueCursor, encodeOpaqueCursor } from '../../core/http/opaque-cursor';

/** Where a page ended: the (endedAt, id) of its last row, the keyset of the next page. */
export interface SessionCursor {
  readonly endedAt: Date;
  readonly id: string;
}

/** `{"endedAt","id"}`, opaque to clients (core/http/opaque-cursor.ts). */
export function encodeCursor(cursor: SessionCursor): string {
  return encodeOpaqueCursor({ endedAt: cursor.endedAt.toISOString(), id: cursor.id });
}

/** The cursor, or undefined for a text no `nextCursor` could have been. */
export function decodeCursor(text: string): SessionCursor | undefined {
  const fields = decodeOpaqueCursor(text);
  const endedAt = cursorTime(fields?.endedAt);
  const id = fields?.id;
  if (endedAt === undefined || typeof id !== 'string' || !isUUID(id)) return undefined;
  return { endedAt, id: id.toLowerCase() };
}
