import type { Pool } from 'pg';
import {
  BUCKET_MS,
  findObservationBuckets,
  SPLIT_BUCKETS,
  type ObservationBucket,
} from '../../../src/modules/history/observation-series.query';
import { CHARGER_ID, migratedDatabase } from '../../jobs/storage-support';

const STATE_ID = 513;
const FROM = Date.UTC(2026, 2, 1);
const MINUTE = BUCKET_MS['1m'];
/** 3 days of 1-minute buckets: 4,320, more than SPLIT_BUCKETS, so the query reads two halves. */
const TO = FROM + 3 * 86_400_000;
const SEAM = FROM + Math.floor((TO - FROM) / MINUTE / 2) * MINUTE;

interface Row {
  at: number;
  value: number | null;
}

/**
 * A change every 17-43 s, a non-numeric value now and then (avg/min/max/last skip it, count
 * does not), and rows on both sides of the seam, at it and a millisecond before it, which is
 * where a split that loses or doubles a bucket would show.
 */
function seriesRows(): Row[] {
  const rows: Row[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  for (let at = FROM; at < TO; at += 17_000 + Math.floor(next() * 26_000)) {
    rows.push({ at, value: next() < 0.05 ? null : Math.round(next() * 110_000) / 10 });
  }
  rows.push({ at: SEAM - 1, value: 1.5 }, { at: SEAM, value: 2.5 }, { at: FROM, value: 3.5 });
  return [...new Map(rows.map((row) => [row.at, row])).values()].sort((a, b) => a.at - b.at);
}

/** The buckets computed in JS from the rows, independently of the SQL. */
function expectedBuckets(rows: readonly Row[]): ObservationBucket[] {
  const byStart = new Map<number, Row[]>();
  for (const row of rows) {
    const start = Math.floor(row.at / MINUTE) * MINUTE;
    byStart.set(start, [...(byStart.get(start) ?? []), row]);
  }
  return [...byStart.entries()].map(([start, bucket]) => {
    const numbers = bucket.flatMap((row) => (row.value === null ? [] : [row.value]));
    return {
      start: new Date(start),
      count: bucket.length,
      numericCount: numbers.length,
      avg: numbers.length ? numbers.reduce((sum, value) => sum + value, 0) / numbers.length : null,
      min: numbers.length ? Math.min(...numbers) : null,
      max: numbers.length ? Math.max(...numbers) : null,
      last: numbers.length ? numbers[numbers.length - 1] : null,
    };
  });
}

describe('findObservationBuckets over a range it reads in two halves', () => {
  let pool: Pool;
  const rows = seriesRows();

  beforeAll(async () => {
    ({ pool } = await migratedDatabase());
    await pool.query(
      `INSERT INTO "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue")
       SELECT $1, $2, at, coalesce(value::text, 'n/a'), value
       FROM unnest($3::timestamptz[], $4::float8[]) AS r(at, value)`,
      [CHARGER_ID, STATE_ID, rows.map((row) => new Date(row.at)), rows.map((row) => row.value)],
    );
  });

  afterAll(() => pool.end());

  it('answers every bucket once, whole, as a computation from the rows gives it', async () => {
    expect((TO - FROM) / MINUTE).toBeGreaterThan(SPLIT_BUCKETS);
    const range = {
      chargerId: CHARGER_ID,
      stateId: STATE_ID,
      from: new Date(FROM),
      to: new Date(TO),
    };

    const buckets = await findObservationBuckets(pool, { ...range, width: '1m' });

    const expected = expectedBuckets(rows);
    expect(buckets).toHaveLength(expected.length);
    expect(buckets.map((bucket) => ({ ...bucket, avg: null }))).toEqual(
      expected.map((bucket) => ({ ...bucket, avg: null })),
    );
    buckets.forEach((bucket, i) => {
      if (expected[i].avg === null) expect(bucket.avg).toBeNull();
      else expect(bucket.avg).toBeCloseTo(expected[i].avg, 9);
    });
    // The row a millisecond before the seam is the last of the first half's last bucket.
    expect(buckets.find((bucket) => bucket.start.getTime() === SEAM - MINUTE)?.last).toBe(1.5);
    expect(buckets.some((bucket) => bucket.start.getTime() === SEAM)).toBe(true);
  });

  it('answers a range of fewer buckets in one read, the same way', async () => {
    const to = FROM + 6 * 3_600_000;
    const buckets = await findObservationBuckets(pool, {
      chargerId: CHARGER_ID,
      stateId: STATE_ID,
      from: new Date(FROM),
      to: new Date(to),
      width: '5m',
    });
    const inRange = rows.filter((row) => row.at < to);
    const five = BUCKET_MS['5m'];
    const starts = [...new Set(inRange.map((row) => Math.floor(row.at / five) * five))];
    expect(buckets.map((bucket) => bucket.start.getTime())).toEqual(starts);
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(inRange.length);
  });
});
