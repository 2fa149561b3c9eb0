import type { Queryable } from '../../jobs/ingestion/queryable';

/** Bucket widths of a series, as the query string names them, in milliseconds. */
export const BUCKET_MS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
} as const;

export type BucketWidth = keyof typeof BUCKET_MS;

export interface SeriesRange {
  readonly chargerId: string;
  readonly stateId: number;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

export interface ObservationChange {
  readonly observedAt: Date;
  readonly rawValue: string;
  readonly numericValue: number | null;
}

export interface ObservationBucket {
  readonly start: Date;
  /** Rows in the bucket (changes, numeric or not). */
  readonly count: number;
  /** Rows with a numeric value: avg/min/max/last are over these. */
  readonly numericCount: number;
  readonly avg: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** The bucket's latest numeric value. */
  readonly last: number | null;
}

/**
 * The change log of one observation of one charger, oldest first, after `after` (keyset on the
 * primary key (chargerId, stateId, observedAt): one index range scan, no OFFSET).
 */
export async function findObservationChanges(
  db: Queryable,
  range: SeriesRange & { readonly after?: Date; readonly limit: number },
): Promise<ObservationChange[]> {
  const { rows } = await db.query<ObservationChange>(
    `SELECT "observedAt", "rawValue", "numericValue" FROM "Observation"
     WHERE "chargerId" = $1 AND "stateId" = $2 AND "observedAt" >= $3 AND "observedAt" < $4
       AND ($5::timestamptz IS NULL OR "observedAt" > $5)
     ORDER BY "observedAt" LIMIT $6`,
    [range.chargerId, range.stateId, range.from, range.to, range.after ?? null, range.limit],
  );
  return rows;
}

/** A row of the buckets query, as an array (rowMode 'array': no object per row to build). */
type BucketRow = [
  number,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
];

const BUCKETS_SQL = `SELECT extract(epoch FROM date_bin($5::interval, "observedAt", TIMESTAMPTZ '1970-01-01 00:00:00+00'))::float8 * 1000,
       count(*)::int,
       count("numericValue")::int,
       avg("numericValue"),
       min("numericValue"),
       max("numericValue"),
       (array_agg("numericValue" ORDER BY "observedAt" DESC)
          FILTER (WHERE "numericValue" IS NOT NULL))[1]
     FROM "Observation"
     WHERE "chargerId" = $1 AND "stateId" = $2 AND "observedAt" >= $3 AND "observedAt" < $4
     GROUP BY date_bin($5::interval, "observedAt", TIMESTAMPTZ '1970-01-01 00:00:00+00')
     ORDER BY 1`;

/**
 * A range of more buckets than this is read as two halves at once, on two connections of the
 * pool: the query is one core's work per row (sort and aggregate; Postgres plans no parallel
 * workers for an ordered aggregate), so two halves answer in about half the time on a server
 * with a core to spare (npm run bench -- history: 30 days of 5-minute buckets, 8,640).
 */
export const SPLIT_BUCKETS = 2_000;

/**
 * Aggregates per bucket, computed in Postgres over the primary key's range. Buckets are aligned
 * to the Unix epoch in UTC (a 1d bucket is a UTC day); a bucket without a row is absent, since
 * rows are written only on change and nothing is carried forward. `from` and `to` are on the
 * bucket grid (the service aligns them), so a split at a bucket edge keeps every bucket whole.
 */
export async function findObservationBuckets(
  db: Queryable,
  range: SeriesRange & { readonly width: BucketWidth },
): Promise<ObservationBucket[]> {
  const size = BUCKET_MS[range.width];
  const from = range.from.getTime();
  const to = range.to.getTime();
  const buckets = Math.ceil((to - from) / size);
  const halves =
    buckets > SPLIT_BUCKETS
      ? [
          [from, from + Math.floor(buckets / 2) * size],
          [from + Math.floor(buckets / 2) * size, to],
        ]
      : [[from, to]];
  const parts = await Promise.all(
    halves.map(([start, end]) =>
      db.query<BucketRow>({
        text: BUCKETS_SQL,
        values: [
          range.chargerId,
          range.stateId,
          new Date(start),
          new Date(end),
          `${size / 1000} seconds`,
        ],
        rowMode: 'array',
      }),
    ),
  );
  return parts.flatMap(({ rows }) =>
    rows.map(([start, count, numericCount, avg, min, max, last]) => ({
      start: new Date(start),
      count,
      numericCount,
      avg,
      min,
      max,
      last,
    })),
  );
}
