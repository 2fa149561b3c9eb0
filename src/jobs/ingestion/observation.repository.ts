import type { Queryable } from './queryable';
import type { ObservationRow } from './records';

/**
 * Column arrays are sent as prebuilt Postgres array literals ('{…}' text), one parameter per
 * column: node-postgres would otherwise serialise each element through its generic value
 * conversion, which costs more than the insert itself at tens of thousands of rows per batch.
 * Only text needs quoting; uuids, integers, ISO times and JS numbers never hold , { } " or spaces.
 */
const plainArray = (values: readonly (string | number)[]): string => `{${values.join(',')}}`;
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&')}"`;
const textArray = (values: readonly string[]): string => `{${values.map(quoted).join(',')}}`;
const nullableNumberArray = (values: readonly (number | null)[]): string =>
  `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;

// The natural key is the primary key, so a replayed batch (a crash before the poller's in-memory
// values caught up, a second poll of an unchanged state) is a no-op, never a duplicate.
const INSERT_OBSERVATIONS = `
INSERT INTO "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue")
SELECT * FROM unnest($1::uuid[], $2::int4[], $3::timestamptz[], $4::text[], $5::float8[])
ON CONFLICT ("chargerId", "stateId", "observedAt") DO NOTHING`;

/** Stores observation rows in one statement; returns how many were new (replays count 0). */
export async function insertObservations(
  db: Queryable,
  rows: readonly ObservationRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const chargerIds: string[] = new Array<string>(rows.length);
  const stateIds: number[] = new Array<number>(rows.length);
  const observedAts: string[] = new Array<string>(rows.length);
  const rawValues: string[] = new Array<string>(rows.length);
  const numericValues: (number | null)[] = new Array<number | null>(rows.length);
  rows.forEach((row, i) => {
    chargerIds[i] = row.chargerId;
    stateIds[i] = row.stateId;
    observedAts[i] = row.observedAt.toISOString();
    rawValues[i] = row.rawValue;
    numericValues[i] = row.numericValue;
  });
  const result = await db.query(INSERT_OBSERVATIONS, [
    plainArray(chargerIds),
    plainArray(stateIds),
    plainArray(observedAts),
    textArray(rawValues),
    nullableNumberArray(numericValues),
  ]);
  return result.rowCount ?? 0;
}

// A skip scan over the primary key: each observation id of the charger once, then its newest row.
// Reads ~2 index probes per observation id however long the charger's history is.
const LATEST_VALUES = `
WITH RECURSIVE ids AS (
  (SELECT "stateId" FROM "Observation" WHERE "chargerId" = $1 ORDER BY "stateId" LIMIT 1)
  UNION ALL
  SELECT (SELECT o."stateId" FROM "Observation" o
          WHERE o."chargerId" = $1 AND o."stateId" > ids."stateId"
          ORDER BY o."stateId" LIMIT 1)
  FROM ids WHERE ids."stateId" IS NOT NULL
)
SELECT ids."stateId", latest."rawValue"
FROM ids
CROSS JOIN LATERAL (
  SELECT "rawValue" FROM "Observation"
  WHERE "chargerId" = $1 AND "stateId" = ids."stateId"
  ORDER BY "observedAt" DESC LIMIT 1
) latest
WHERE ids."stateId" IS NOT NULL`;

/**
 * The last stored raw value per observation id of one charger: what the poller compares a new
 * state with, so "store only changes" holds across restarts and leader changes.
 */
export async function latestValues(db: Queryable, chargerId: string): Promise<Map<number, string>> {
  const { rows } = await db.query<{ stateId: number; rawValue: string }>(LATEST_VALUES, [
    chargerId,
  ]);
  return new Map(rows.map((row) => [row.stateId, row.rawValue]));
}
