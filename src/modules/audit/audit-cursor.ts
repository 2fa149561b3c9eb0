/** Where an audit page ended: the (occurredAt, id) of its last event, the next page's keyset. */
export interface AuditCursor {
  readonly occurredAt: Date;
  readonly id: bigint;
}

/** Opaque to clients (base64url of `{"occurredAt","id"}`), as the sessions cursor is. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  const json = JSON.stringify({
    occurredAt: cursor.occurredAt.toISOString(),
    id: cursor.id.toString(),
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor, or undefined for a text no `nextCursor` could have been. */
export function decodeAuditCursor(text: string): AuditCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined; // not JSON: not one of ours
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { occurredAt, id } = parsed as Record<string, unknown>;
  if (typeof occurredAt !== 'string' || typeof id !== 'string' || !/^\d{1,19}$/.test(id)) {
    return undefined;
  }
  const time = new Date(occurredAt);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== occurredAt) return undefined;
  return { occurredAt: time, id: BigInt(id) };
}
