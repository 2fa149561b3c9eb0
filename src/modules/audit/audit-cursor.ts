import { cursorTime, decodeOpaqueCursor, encodeOpaqueCursor } from '../../core/http/opaque-cursor';

/** Where an audit page ended: the (occurredAt, id) of its last event, the next page's keyset. */
export interface AuditCursor {
  readonly occurredAt: Date;
  readonly id: bigint;
}

/** `{"occurredAt","id"}`, opaque to clients (core/http/opaque-cursor.ts). */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return encodeOpaqueCursor({
    occurredAt: cursor.occurredAt.toISOString(),
    id: cursor.id.toString(),
  });
}

/** The cursor, or undefined for a text no `nextCursor` could have been. */
export function decodeAuditCursor(text: string): AuditCursor | undefined {
  const fields = decodeOpaqueCursor(text);
  const occurredAt = cursorTime(fields?.occurredAt);
  const id = fields?.id;
  if (occurredAt === undefined || typeof id !== 'string' || !/^\d{1,19}$/.test(id)) {
    return undefined;
  }
  return { occurredAt, id: BigInt(id) };
}
