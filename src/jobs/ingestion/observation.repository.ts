import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

const TABLE = `"Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue")`;
const COLUMNS = `${TABLE}
SELECT * FROM unnest($1::uuid[], $2::int4[], $3::timestamptz[], $4::text[], $5::float8[])`;
const COPY_NEW = `COPY ${TABLE} FROM STDIN`;
// The natural key is the primary key, so a replayed batch (a crash between commit and the poller
// catching up, a second poll of an unchanged state) is a no-op, never a duplicate.
const INSERT_SKIPPING_KNOWN = `INSERT INTO ${COLUMNS}
ON CONFLICT ("chargerId", "stateId", "observedAt") DO NOTHING`;
const UNIQUE_VIOLATION = '23505';

/**
 * Stores observation rows; returns how many were new (a replayed batch counts 0). Runs inside a
 * transaction (withFence; outside one the SAVEPOINT fails) on a client of its own (COPY streams
 * over the connection). The batch is first copied in under a savepoint: COPY is the fastest way
 * into PostgreSQL (`npm run bench -- ingest` measures it beside this path), and a batch of only
 * new rows (the poller sends changes) is the normal case. A batch holding a stored row fails
 * that attempt as a whole, is rolled back to the savepoint and goes again as an unnest INSERT
 * that skips the known rows.
 */
export async function insertObservations(
  db: Pick<PoolClient, 'query'>,
  rows: readonly ObservationRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  await db.query('SAVEPOINT observations');
  try {
    await pipeline(Readable.from([copyText(rows)]), db.query(copyFrom(COPY_NEW)));
    // Released, so that a transaction of many batches does not pile up subtransactions.
    await db.query('RELEASE SAVEPOINT observations');
    return rows.length;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await db.query('ROLLBACK TO SAVEPOINT observations');
    const result = await db.query(INSERT_SKIPPING_KNOWN, columnArrays(rows));
    return result.rowCount ?? 0;
  }
}

/** COPY's text format: tab-separated, \N for NULL, backslash escapes in the raw value. */
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};
const escapeCopy = (value: string): string =>
  value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char] ?? char);

function copyText(rows: readonly ObservationRow[]): string {
  let text = '';
  for (const row of rows) {
    const numeric = row.numericValue === null ? '\\N' : String(row.numericValue);
    text += `${row.chargerId}\t${row.stateId}\t${row.observedAt.toISOString()}\t${escapeCopy(row.rawValue)}\t${numeric}\n`;
  }
  return text;
}

function columnArrays(rows: readonly ObservationRow[]): string[] {
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
  return [
    plainArray(chargerIds),
    plainArray(stateIds),
    plainArray(observedAts),
    textArray(rawValues),
    nullableNumberArray(numericValues),
  ];
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
