import type { Queryable } from './queryable';
import type { ChargerRow, InstallationRow } from './records';

/** SyncCursor.source: charge history per installation, charger state per charger. */
export type CursorSource = 'CHARGE_HISTORY' | 'CHARGER_STATE';

/** Last row per id: one id twice in a statement would make ON CONFLICT touch a row twice. */
const lastPerId = <T extends { readonly id: string }>(rows: readonly T[]): T[] => [
  ...new Map(rows.map((row) => [row.id, row])).values(),
];

// The count is read from the statement's snapshot (before its own insert): rows that are new or
// whose content differs. Both sub-statements see the same snapshot, so the count is exact.
const UPSERT_INSTALLATIONS = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS i(id, name, "timeZone")
), written AS (
  INSERT INTO "Installation" AS t (id, name, "timeZone", "updatedAt")
  SELECT id, name, "timeZone", now() FROM input
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "timeZone" = EXCLUDED."timeZone", "updatedAt" = now()
  WHERE (t.name, t."timeZone") IS DISTINCT FROM (EXCLUDED.name, EXCLUDED."timeZone")
)
SELECT count(*)::int AS changed FROM input i LEFT JOIN "Installation" t ON t.id = i.id
WHERE t.id IS NULL OR (t.name, t."timeZone") IS DISTINCT FROM (i.name, i."timeZone")`;

/** Mirrors installations (name, time zone); returns how many were new or changed. */
export async function upsertInstallations(
  db: Queryable,
  rows: readonly InstallationRow[],
): Promise<number> {
  const unique = lastPerId(rows);
  if (unique.length === 0) return 0;
  const { rows: result } = await db.query<{ changed: number }>(UPSERT_INSTALLATIONS, [
    unique.map((row) => row.id),
    unique.map((row) => row.name),
    unique.map((row) => row.timeZone),
  ]);
  return result[0]?.changed ?? 0;
}

const CHARGER_CONTENT = ['installationId', 'circuitId', 'deviceId', 'name', 'deviceType'].map(
  (column) => `"${column}"`,
);
const contentOf = (alias: string) =>
  CHARGER_CONTENT.map((column) => `${alias}.${column}`).join(', ');
const CHARGER_CHANGED = `(${contentOf('t')}) IS DISTINCT FROM (${contentOf('EXCLUDED')})`;

// lastSeenAt moves on every discovery; updatedAt only when what upstream says changed (a stub row
// made for an unknown charger is completed here).
const UPSERT_CHARGERS = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int4[])
    AS i(id, ${CHARGER_CONTENT.join(', ')})
), written AS (
  INSERT INTO "Charger" AS t (id, ${CHARGER_CONTENT.join(', ')}, "updatedAt", "lastSeenAt")
  SELECT id, ${CHARGER_CONTENT.join(', ')}, now(), now() FROM input
  ON CONFLICT (id) DO UPDATE SET
    ${CHARGER_CONTENT.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
    "updatedAt" = CASE WHEN ${CHARGER_CHANGED} THEN now() ELSE t."updatedAt" END,
    "lastSeenAt" = now()
)
SELECT count(*)::int AS changed FROM input i LEFT JOIN "Charger" t ON t.id = i.id
WHERE t.id IS NULL OR (${contentOf('t')}) IS DISTINCT FROM (${contentOf('i')})`;

/** Mirrors chargers and marks them seen; returns how many were new or changed. */
export async function upsertChargers(db: Queryable, rows: readonly ChargerRow[]): Promise<number> {
  const unique = lastPerId(rows);
  if (unique.length === 0) return 0;
  const { rows: result } = await db.query<{ changed: number }>(UPSERT_CHARGERS, [
    unique.map((row) => row.id),
    unique.map((row) => row.installationId),
    unique.map((row) => row.circuitId),
    unique.map((row) => row.deviceId),
    unique.map((row) => row.name),
    unique.map((row) => row.deviceType),
  ]);
  return result[0]?.changed ?? 0;
}

/** Every cursor of a source: scope id (installation or charger) → position. */
export async function readCursors(db: Queryable, source: CursorSource): Promise<Map<string, Date>> {
  const { rows } = await db.query<{ scopeId: string; position: Date }>(
    `SELECT "scopeId", position FROM "SyncCursor" WHERE source = $1::"SyncSource"`,
    [source],
  );
  return new Map(rows.map((row) => [row.scopeId, row.position]));
}

// GREATEST: a cursor never moves back, even when a replayed or overlapping batch commits last.
const ADVANCE_CURSORS = `
INSERT INTO "SyncCursor" AS t (id, source, "scopeId", position, epoch, "updatedAt")
SELECT gen_random_uuid(), $1::"SyncSource", u.scope, u.position, $4, now()
FROM unnest($2::uuid[], $3::timestamptz[]) AS u(scope, position)
ON CONFLICT (source, "scopeId") DO UPDATE
  SET position = GREATEST(t.position, EXCLUDED.position), epoch = EXCLUDED.epoch, "updatedAt" = now()`;

/**
 * Moves cursors forward (never back) and stamps them with the writer's epoch. Call it in the same
 * transaction as the rows it covers, so a crash leaves rows and cursor consistent.
 */
export async function advanceCursors(
  db: Queryable,
  source: CursorSource,
  cursors: readonly { scopeId: string; position: Date }[],
  epoch: number,
): Promise<void> {
  const latest = new Map<string, Date>();
  for (const { scopeId, position } of cursors) {
    const seen = latest.get(scopeId);
    if (!seen || position > seen) latest.set(scopeId, position);
  }
  if (latest.size === 0) return;
  await db.query(ADVANCE_CURSORS, [
    source,
    [...latest.keys()],
    [...latest.values()].map((position) => position.toISOString()),
    epoch,
  ]);
}
