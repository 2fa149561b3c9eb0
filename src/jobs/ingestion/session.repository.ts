import type { Queryable } from './queryable';
import type { SessionRecord, SessionSource } from './records';

/** ChargeSession.sources bits: which sources have written a row. */
export const SESSION_SOURCE_BITS: Readonly<Record<SessionSource, number>> = {
  completedSession: 1,
  chargeHistory: 2,
};
const HISTORY_BIT = SESSION_SOURCE_BITS.chargeHistory;

/** The columns a record carries, in unnest order, with their array types. */
const COLUMNS = [
  ['id', 'uuid'],
  ['chargerId', 'uuid'],
  ['installationId', 'uuid'],
  ['userId', 'uuid'],
  ['deviceId', 'text'],
  ['startedAt', 'timestamptz'],
  ['endedAt', 'timestamptz'],
  ['commitEndedAt', 'timestamptz'],
  ['energyKwh', 'numeric'],
  ['commitMetadata', 'int4'],
  ['authenticationCode', 'text'],
  ['tokenName', 'text'],
  ['externalId', 'text'],
  ['signedSession', 'text'],
  ['energyDetails', 'jsonb'],
  ['replacedBySessionId', 'uuid'],
] as const;
type Column = (typeof COLUMNS)[number][0];

const q = (column: string) => `"${column}"`;

/**
 * The value a column takes when a record meets an existing row. Richest data wins: charge history
 * wins on every field it has, a CompletedSession (723) only fills the gaps history leaves. 723
 * alone carries AuthenticationCode, so history never displaces it. Against a row no history has
 * written yet, a newer 723 record replaces the older one's fields.
 */
function merged(column: Column, source: SessionSource): string {
  const incoming = `EXCLUDED.${q(column)}`;
  const stored = `t.${q(column)}`;
  const incomingWins = `COALESCE(${incoming}, ${stored})`;
  const storedWins = `COALESCE(${stored}, ${incoming})`;
  if (source === 'chargeHistory')
    return column === 'authenticationCode' ? storedWins : incomingWins;
  return `CASE WHEN (t.sources & ${HISTORY_BIT}) <> 0 THEN ${storedWins} ELSE ${incomingWins} END`;
}

/**
 * One statement per (source, whether the records know their commit metadata). commitMetadata is
 * NOT NULL, so an unknown value is inserted as 0 and must then never overwrite a known one: the
 * records without it take a text that leaves the column alone on update.
 */
function upsertSql(source: SessionSource, metadataKnown: boolean): string {
  const updated = COLUMNS.map(([column]) => column).filter(
    (column) => column !== 'id' && (metadataKnown || column !== 'commitMetadata'),
  );
  const sets = updated.map((column) => `${q(column)} = ${merged(column, source)}`);
  const before = updated.map((column) => `t.${q(column)}`);
  const after = updated.map((column) => merged(column, source));
  const unnest = COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const names = COLUMNS.map(([column]) => q(column));
  const selected = names.map((name) =>
    name === q('commitMetadata') ? `COALESCE(s.${name}, 0)` : `s.${name}`,
  );
  return `
INSERT INTO "ChargeSession" AS t (${names.join(', ')}, sources, "lastUpdatedAt")
SELECT ${selected.join(', ')}, ${SESSION_SOURCE_BITS[source]}, now()
FROM unnest(${unnest}) AS s(${names.join(', ')})
ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')},
  sources = t.sources | EXCLUDED.sources, "lastUpdatedAt" = now()
WHERE (t.sources | EXCLUDED.sources) <> t.sources
   OR ROW(${after.join(', ')}) IS DISTINCT FROM ROW(${before.join(', ')})
RETURNING (xmax = 0) AS inserted`;
}

const UPSERT_SQL = new Map(
  (['chargeHistory', 'completedSession'] as const).flatMap((source) =>
    [true, false].map((known) => [`${source}:${known}`, upsertSql(source, known)] as const),
  ),
);

// A history item can name a charger (or, rarely, an installation) that discovery has not mirrored
// (removed since, or listed by history before discovery ran): without a row the foreign keys would
// fail the whole page. Stubs keep the session; discovery fills in the real names when it sees them.
const STUB_INSTALLATIONS = `
INSERT INTO "Installation" (id, name, "updatedAt")
SELECT DISTINCT id, '', now() FROM unnest($1::uuid[]) AS i(id)
ON CONFLICT (id) DO NOTHING`;
const STUB_CHARGERS = `
INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
SELECT DISTINCT ON (c.id) c.id, c.installation, c.device, c.device, 0, now()
FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS c(id, installation, device)
ON CONFLICT (id) DO NOTHING`;

function parameters(records: readonly SessionRecord[]): unknown[][] {
  return COLUMNS.map(([column]) =>
    records.map((record) => {
      const value = record[column];
      if (value instanceof Date) return value.toISOString();
      if (column === 'energyDetails') return value === null ? null : JSON.stringify(value);
      return value;
    }),
  );
}

/**
 * Upserts sessions from one source in set-based statements; both sources of one SessionId end as
 * one row. Rows whose merged data equals what is stored are not touched, so a replayed page
 * reports 0 inserted, 0 updated. Call it inside the page's (fenced) transaction.
 */
export async function upsertSessions(
  db: Queryable,
  records: readonly SessionRecord[],
  source: SessionSource,
): Promise<{ inserted: number; updated: number }> {
  // One id twice in a statement would make ON CONFLICT touch a row twice (an error): last wins.
  const unique = [...new Map(records.map((record) => [record.id, record])).values()];
  const counts = { inserted: 0, updated: 0 };
  if (unique.length === 0) return counts;
  await db.query(STUB_INSTALLATIONS, [unique.map((record) => record.installationId)]);
  await db.query(STUB_CHARGERS, [
    unique.map((record) => record.chargerId),
    unique.map((record) => record.installationId),
    unique.map((record) => record.deviceId),
  ]);
  for (const known of [true, false]) {
    const batch = unique.filter((record) => (record.commitMetadata !== null) === known);
    if (batch.length === 0) continue;
    const { rows } = await db.query<{ inserted: boolean }>(
      UPSERT_SQL.get(`${source}:${known}`) ?? '',
      parameters(batch),
    );
    for (const row of rows) counts[row.inserted ? 'inserted' : 'updated'] += 1;
  }
  return counts;
}
