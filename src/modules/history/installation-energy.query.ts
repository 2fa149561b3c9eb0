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

export interface InstallationEnergyRows {
  /** Every bucket of the range, oldest first, also those without energy. */
  readonly buckets: EnergyBucketBounds[];
  /** kWh per bucket and charger, only where there was some. */
  readonly energy: ChargerEnergy[];
  /** Sessions without EnergyDetails whose energy was spread over their duration. */
  readonly estimatedSessionIds: string[];
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

/**
 * The sessions' energy per local bucket and charger. Each EnergyDetails tick is the energy of
 * the interval it closes (since the previous tick, or the session's start for the first: the
 * simulator and Zaptec both stamp a tick at its interval's end, zaptec-api.md §5.6), and is
 * shared among the buckets that interval overlaps, in proportion to the overlap: a tick stamped
 * 13:00 lands in the 12:00 hour, not a bucket late. A session without ticks is one interval,
 * [startedAt, endedAt), holding all its energy. All of it in SQL: only the sums leave Postgres.
 *
 * Sessions are found by the (installationId, endedAt, startedAt) index: those ending after the
 * range starts, checked for starting before it ends inside the index.
 */
export async function installationEnergy(
  db: Queryable,
  range: EnergyRange,
  bounds: { readonly start: Date; readonly end: Date },
): Promise<Omit<InstallationEnergyRows, 'buckets'>> {
  const { rows } = await db.query<{
    start: Date | null;
    chargerId: string | null;
    kwh: number | null;
    estimated: string[] | null;
  }>(
    `WITH sessions AS (
       SELECT id, "chargerId", "startedAt", "endedAt", "energyKwh", "energyDetails"
       FROM "ChargeSession"
       WHERE "installationId" = $1 AND "endedAt" > $2 AND "startedAt" < $3
       UNION ALL
       SELECT id, "chargerId", "startedAt", "endedAt", "energyKwh", "energyDetails"
       FROM "ChargeSession"
       WHERE "installationId" = $1 AND "endedAt" IS NULL AND "startedAt" < $3
     ), spans AS (
       SELECT s.id, s."chargerId", false AS estimated, t.kwh, t.at AS until,
         lag(t.at, 1, s."startedAt") OVER (PARTITION BY s.id ORDER BY t.n) AS since
       FROM sessions s
       CROSS JOIN LATERAL (
         SELECT (e ->> 'timestamp')::timestamptz AS at, (e ->> 'energyKwh')::numeric AS kwh, n
         FROM jsonb_array_elements(s."energyDetails") WITH ORDINALITY AS x(e, n)) t
       WHERE jsonb_typeof(s."energyDetails") = 'array'
       UNION ALL
       SELECT id, "chargerId", true, "energyKwh", coalesce("endedAt", "startedAt"), "startedAt"
       FROM sessions
       WHERE "energyDetails" IS NULL OR jsonb_typeof("energyDetails") <> 'array'
          OR jsonb_array_length("energyDetails") = 0
     ), pieces AS (
       SELECT p.id, p."chargerId", p.estimated, b.start,
         CASE WHEN p.until > p.since
           THEN p.kwh * extract(epoch FROM least(p.until, date_add(b.start, $4::interval, $5))
                                          - greatest(p.since, b.start))
                      / extract(epoch FROM p.until - p.since)
           ELSE p.kwh END AS kwh
       FROM spans p
       CROSS JOIN LATERAL generate_series(
         date_trunc($6, least(p.since, p.until), $5),
         CASE WHEN p.until > p.since THEN p.until - interval '1 millisecond' ELSE p.until END,
         $4::interval, $5) AS b(start)
     ), kept AS (
       SELECT * FROM pieces WHERE start >= $2 AND start < $3
     )
     SELECT start, "chargerId", round(sum(kwh), 4)::float8 AS kwh, NULL::text[] AS estimated
     FROM kept GROUP BY start, "chargerId"
     UNION ALL
     SELECT NULL, NULL, NULL, array_agg(DISTINCT id::text ORDER BY id::text) FROM kept WHERE estimated
     ORDER BY 1, 2`,
    [
      range.installationId,
      bounds.start,
      bounds.end,
      `1 ${range.interval}`,
      range.timeZone,
      range.interval,
    ],
  );
  const energy: ChargerEnergy[] = [];
  let estimatedSessionIds: string[] = [];
  for (const row of rows) {
    if (row.start === null) estimatedSessionIds = row.estimated ?? [];
    else if (row.chargerId !== null && row.kwh !== null && row.kwh !== 0) {
      energy.push({ start: row.start, chargerId: row.chargerId, kwh: row.kwh });
    }
  }
  return { energy, estimatedSessionIds };
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
