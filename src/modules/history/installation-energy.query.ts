import type { Queryable } from '../../jobs/ingestion/queryable';

/** Energy intervals: Postgres date_trunc units (a week starts on Monday, ISO 8601). */
export const ENERGY_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type EnergyInterval = (typeof ENERGY_INTERVALS)[number];

export interface EnergyRange {
  readonly installationId: string;
  /** An IANA zone Postgres knows. */
  readonly timeZone: string;
  readonly interval: EnergyInterval;
  readonly from: Date;
  readonly to: Date;
}

export interface EnergyBucketBounds {
  readonly start: Date;
  readonly end: Date;
}

export interface ChargerEnergy {
  readonly start: Date;
  readonly chargerId: string;
  readonly kwh: number;
}

/**
 * The local buckets covering [from, to): from the one holding `from` to the one holding the last
 * instant before `to`. date_trunc/date_add with the zone are DST-correct: a local day is 23 or
 * 25 hours long across a change, and an hour is an hour, also the repeated one in autumn.
 */
export async function energyBuckets(
  db: Queryable,
  range: EnergyRange,
  limit: number,
): Promise<EnergyBucketBounds[]> {
  const { rows } = await db.query<EnergyBucketBounds>(
    `SELECT start, date_add(start, $4::interval, $3) AS "end"
     FROM generate_series(date_trunc($5, $1::timestamptz, $3),
                          $2::timestamptz - interval '1 millisecond', $4::interval, $3) AS start
     LIMIT $6`,
    [range.from, range.to, range.timeZone, `1 ${range.interval}`, range.interval, limit],
  );
  return rows;
}

interface EnergyRow {
  bucket: number | null;
  chargerId: string | null;
  kwh: number | null;
  estimated: string[] | null;
}

/**
 * The sessions' energy per bucket and charger, `edges` being the buckets' starts and, last, the
 * last one's end. Its source is SessionEnergySpan (kept by a trigger on ChargeSession:
 * prisma/schema.prisma says how): each EnergyDetails tick is the energy of the interval it
 * closes (since the previous tick, or the session's start for the first: Zaptec and the
 * simulator both stamp a tick at its interval's end, zaptec-api.md §5.6), stored cut at UTC
 * hours; a session without ticks is one interval, [startedAt, endedAt), flagged estimated. A
 * tick stamped 13:00 lands in the 12:00 hour, not a bucket late. Only the sums leave Postgres.
 *
 * When every edge is a whole UTC hour (every bucket of a zone whose offsets are whole hours, so
 * nearly every installation), no piece crosses an edge and a bucket is the sum of whole UTC
 * hours: those sums are read from SessionEnergyHour (HOURLY_SQL). Otherwise (Asia/Kolkata
 * +05:30, Asia/Kathmandu +05:45, or a bucket edge on a half hour) the pieces are read and those
 * crossing an edge shared out (PIECES_SQL). Both give the same answer where both apply.
 */
export async function installationEnergy(
  db: Queryable,
  installationId: string,
  edges: readonly Date[],
): Promise<{ energy: ChargerEnergy[]; estimatedSessionIds: string[] }> {
  const buckets = edges.length - 1;
  if (buckets < 1) return { energy: [], estimatedSessionIds: [] };
  const wholeHours = edges.every((edge) => edge.getTime() % HOUR_MS === 0);
  const range = [installationId, edges[0], edges[buckets], edges];
  const { rows } = wholeHours
    ? await db.query<EnergyRow>(HOURLY_SQL, range)
    : await db.query<EnergyRow>(PIECES_SQL, [...range, buckets]);
  const energy: ChargerEnergy[] = [];
  let estimatedSessionIds: string[] = [];
  for (const row of rows) {
    if (row.bucket === null) estimatedSessionIds = row.estimated ?? [];
    else if (row.chargerId !== null && row.kwh !== null && row.kwh !== 0) {
      energy.push({ start: edges[row.bucket - 1], chargerId: row.chargerId, kwh: row.kwh });
    }
  }
  return { energy, estimatedSessionIds };
}

const HOUR_MS = 3_600_000;

/**
 * Edges on whole UTC hours: a month of a 50-charger installation is ~14k hourly sums (an
 * index-only scan) instead of ~49k pieces to place and split (p99 147 ms in
 * `npm run bench -- history`). An hour's bucket is found in the edges by binary search
 * (width_bucket): the zone is in the edges already (energyBuckets). Estimated sessions' energy
 * is summed under their ids, so the same index range names them.
 */
const HOURLY_SQL = `
  SELECT width_bucket(hour, $4::timestamptz[]) AS bucket, "chargerId",
    round(sum(kwh)::numeric, 4)::float8 AS kwh, NULL::text[] AS estimated
  FROM "SessionEnergyHour"
  WHERE "installationId" = $1 AND hour >= $2 AND hour < $3
  GROUP BY 1, 2
  UNION ALL
  SELECT NULL, NULL, NULL,
    array_agg(DISTINCT "estimatedSessionId"::text ORDER BY "estimatedSessionId"::text)
  FROM "SessionEnergyHour"
  WHERE "installationId" = $1 AND hour >= $2 AND hour < $3
    AND "estimatedSessionId" <> '00000000-0000-0000-0000-000000000000'
  ORDER BY 1, 2`;

/**
 * Any edges: a piece is shared among the buckets it overlaps in proportion to the overlap (only
 * in zones whose offset is not whole hours does a piece cross a bucket edge). Reading the ticks
 * out of each session's jsonb instead cost ~230 ms for a month of a 50-charger installation.
 */
const PIECES_SQL = `
  WITH spans AS (
    -- A piece lies within one UTC hour, so one overlapping the range starts at most an hour
    -- before it: an index range, however long the installation's history.
    SELECT "sessionId" AS id, "chargerId", estimated, kwh, until, since
    FROM "SessionEnergySpan"
    WHERE "installationId" = $1 AND since > $2::timestamptz - interval '1 hour' AND since < $3
  ), placed AS (
    -- The buckets of an interval's first and last instant (a tick out of order is an instant);
    -- 0 is before the range, $5 + 1 after it.
    SELECT *, width_bucket(least(since, until), $4::timestamptz[]) AS first,
      width_bucket(CASE WHEN until > since THEN until - interval '1 millisecond' ELSE until END,
                   $4::timestamptz[]) AS last
    FROM spans
  ), pieces AS (
    -- Most ticks fall in one bucket: only those across a boundary are split.
    SELECT id, "chargerId", estimated, first AS bucket, kwh
    FROM placed WHERE first = last AND first BETWEEN 1 AND $5
    UNION ALL
    SELECT p.id, p."chargerId", p.estimated, b.i,
      p.kwh * date_part('epoch', least(p.until, ($4::timestamptz[])[b.i + 1])
                                 - greatest(p.since, ($4::timestamptz[])[b.i]))
            / date_part('epoch', p.until - p.since)
    FROM placed p
    CROSS JOIN LATERAL generate_series(greatest(p.first, 1), least(p.last, $5)) AS b(i)
    WHERE p.first <> p.last
  )
  SELECT bucket, "chargerId", round(sum(kwh)::numeric, 4)::float8 AS kwh, NULL::text[] AS estimated
  FROM pieces GROUP BY bucket, "chargerId"
  UNION ALL
  SELECT NULL, NULL, NULL, array_agg(DISTINCT id::text ORDER BY id::text)
  FROM pieces WHERE estimated
  ORDER BY 1, 2`;

/** The buckets' starts and, last, the last one's end: what installationEnergy takes. */
export function edgesOf(buckets: readonly EnergyBucketBounds[]): Date[] {
  const last = buckets[buckets.length - 1];
  return last ? [...buckets.map((bucket) => bucket.start), last.end] : [];
}

/** The installation's TimeZoneIanaName as ingestion mirrored it; undefined when none or unknown. */
export async function installationTimeZone(
  db: Queryable,
  installationId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ timeZone: string | null }>(
    `SELECT "timeZone" FROM "Installation" WHERE id = $1`,
    [installationId],
  );
  return rows[0]?.timeZone ?? undefined;
}
