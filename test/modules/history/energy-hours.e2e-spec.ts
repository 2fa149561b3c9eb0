import type { Pool } from 'pg';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { insertSession, mirrorOffice, OFFICE, OFFICE_1, OFFICE_2, poolOf } from './history-support';

const KOLKATA = '00000000-0000-4000-8000-00000000e101';
const KOLKATA_NIGHT = '00000000-0000-4000-8000-00000000e102';
const TWICE = '00000000-0000-4000-8000-00000000e103';
const MOVED = '00000000-0000-4000-8000-00000000e104';
const DELETED = '00000000-0000-4000-8000-00000000e105';
const NEIGHBOUR = '00000000-0000-4000-8000-00000000e106';
const ELSEWHERE = '00000000-0000-4000-8000-00000000e1a0';
const ELSEWHERE_1 = '00000000-0000-4000-8000-00000000e1a1';
/** SessionEnergyHour's estimatedSessionId of metered energy. */
const METERED = '00000000-0000-0000-0000-000000000000';

interface HourSum {
  installationId: string;
  chargerId: string;
  hour: string;
  estimatedSessionId: string;
  kwh: number;
  pieces: number;
}

/** SessionEnergyHour as stored (metered and estimated rows apart), kWh to 9 places (the sums are kept by adding and subtracting). */
const storedHours = async (pool: Pool, where = 'true'): Promise<HourSum[]> =>
  (
    await pool.query<HourSum>(
      `SELECT "installationId", "chargerId", to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS hour,
         "estimatedSessionId", round(kwh::numeric, 9)::float8 AS kwh, pieces
       FROM "SessionEnergyHour" WHERE ${where} ORDER BY 1, 3, 2, 4`,
    )
  ).rows;

/** The same sums recomputed from the spans from scratch. */
const recomputedHours = async (pool: Pool): Promise<HourSum[]> =>
  (
    await pool.query<HourSum>(
      `SELECT "installationId", "chargerId",
         to_char(date_trunc('hour', since, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS hour,
         CASE WHEN estimated THEN "sessionId" ELSE $1 END AS "estimatedSessionId",
         round(sum(kwh)::numeric, 9)::float8 AS kwh, count(*)::int AS pieces
       FROM "SessionEnergySpan" GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 2, 4`,
      [METERED],
    )
  ).rows;

/** A row of SessionEnergyHour as storedHours gives it. */
const hourSum = (
  installationId: string,
  chargerId: string,
  hour: string,
  kwh: number,
  pieces: number,
  estimatedSessionId = METERED,
): HourSum => ({ installationId, chargerId, hour, estimatedSessionId, kwh, pieces });

const ticks = (...pairs: [string, number][]) =>
  JSON.stringify(pairs.map(([timestamp, energyKwh]) => ({ timestamp, energyKwh })));

/**
 * SessionEnergyHour, the spans summed per UTC hour that energy reads when every bucket edge is a
 * whole UTC hour, kept by ChargeSession's triggers; and the precise path that zones with
 * half-hour offsets take (Asia/Kolkata, +05:30 all year), every value computed by hand.
 */
describe('installation energy: hourly sums and half-hour zones', () => {
  let gateway: TestGateway;
  let pool: Pool;
  const energy = async (query: string) =>
    (await gateway.as('admin')).get(`/v1/installations/${OFFICE}/energy${query}`);

  beforeAll(async () => {
    gateway = await startTestGateway();
    pool = poolOf(gateway);
    await mirrorOffice(pool, 'Asia/Kolkata');
    await pool.query(
      `INSERT INTO "Installation" (id, name, "timeZone", "updatedAt") VALUES ($1, 'Elsewhere', 'UTC', now())`,
      [ELSEWHERE],
    );
    await pool.query(
      `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
       VALUES ($1, $2, 'ZCS000301', 'Elsewhere 1', 1, now())`,
      [ELSEWHERE_1, ELSEWHERE],
    );
  });
  afterAll(() => gateway?.close());

  it('books ticks across a half-hour edge in the local hours they were delivered (+05:30)', async () => {
    // 04:00Z is 09:30 IST. The second tick, 04:15–04:45Z, is half before 10:00 IST (04:30Z) and
    // half after; the third, 04:45–05:30Z, is all in 10:00 IST though it crosses a UTC hour.
    await insertSession(pool, {
      id: KOLKATA,
      chargerId: OFFICE_1,
      startedAt: '2026-06-10T04:00:00Z',
      endedAt: '2026-06-10T05:30:00Z',
      energyKwh: 2.7,
      ticks: [
        { timestamp: '2026-06-10T04:15:00.000Z', energyKwh: 0.6 },
        { timestamp: '2026-06-10T04:45:00.000Z', energyKwh: 1.2 },
        { timestamp: '2026-06-10T05:30:00.000Z', energyKwh: 0.9 },
      ],
    });
    // No ticks, 23:30–00:30 IST: 2 kWh spread, half on each side of local midnight (18:30Z).
    await insertSession(pool, {
      id: KOLKATA_NIGHT,
      chargerId: OFFICE_2,
      startedAt: '2026-06-10T18:00:00Z',
      endedAt: '2026-06-10T19:00:00Z',
      energyKwh: 2,
      ticks: null,
    });

    const hours = await energy(
      '?interval=hour&from=2026-06-10T09:00:00%2B05:30&to=2026-06-10T12:00:00%2B05:30',
    );
    expect(hours.status).toBe(200);
    expect(hours.body.buckets).toEqual([
      {
        start: '2026-06-10T09:00:00.000+05:30',
        end: '2026-06-10T10:00:00.000+05:30',
        kwh: 1.2,
        chargers: [{ chargerId: OFFICE_1, kwh: 1.2 }],
      },
      {
        start: '2026-06-10T10:00:00.000+05:30',
        end: '2026-06-10T11:00:00.000+05:30',
        kwh: 1.5,
        chargers: [{ chargerId: OFFICE_1, kwh: 1.5 }],
      },
      {
        start: '2026-06-10T11:00:00.000+05:30',
        end: '2026-06-10T12:00:00.000+05:30',
        kwh: 0,
        chargers: [],
      },
    ]);
    expect(hours.body).toMatchObject({ timeZone: 'Asia/Kolkata', totalKwh: 2.7 });
    expect(hours.body.estimatedSessionIds).toEqual([]);

    const days = await energy(
      '?interval=day&from=2026-06-10T00:00:00%2B05:30&to=2026-06-12T00:00:00%2B05:30',
    );
    expect(days.body.buckets.map((b: { start: string; kwh: number }) => [b.start, b.kwh])).toEqual([
      ['2026-06-10T00:00:00.000+05:30', 3.7],
      ['2026-06-11T00:00:00.000+05:30', 1],
    ]);
    expect(days.body.estimatedSessionIds).toEqual([KOLKATA_NIGHT]);
  });

  it('follows a session updated twice without counting it twice', async () => {
    await insertSession(pool, {
      id: TWICE,
      chargerId: OFFICE_1,
      startedAt: '2026-06-20T10:30:00Z',
      endedAt: '2026-06-20T11:30:00Z',
      energyKwh: 2,
      ticks: null,
    });
    const update = (details: string, endedAt: string, kwh: number) =>
      pool.query(
        `UPDATE "ChargeSession" SET "energyDetails" = $2, "endedAt" = $3, "energyKwh" = $4 WHERE id = $1`,
        [TWICE, details, endedAt, kwh],
      );
    await update(
      ticks(['2026-06-20T11:00:00Z', 1], ['2026-06-20T11:30:00Z', 1.5]),
      '2026-06-20T11:30:00Z',
      2.5,
    );
    await update(
      ticks(
        ['2026-06-20T11:00:00Z', 1],
        ['2026-06-20T11:30:00Z', 1.5],
        ['2026-06-20T12:15:00Z', 3],
      ),
      '2026-06-20T12:15:00Z',
      5.5,
    );
    expect(await storedHours(pool, `hour::date = '2026-06-20'`)).toEqual([
      hourSum(OFFICE, OFFICE_1, '2026-06-20T10:00Z', 1, 1),
      // 1.5, and 11:30–12:15 shared 2:1 by the UTC hours: 2 of its 3 kWh in 11:00.
      hourSum(OFFICE, OFFICE_1, '2026-06-20T11:00Z', 3.5, 2),
      hourSum(OFFICE, OFFICE_1, '2026-06-20T12:00Z', 1, 1),
    ]);
    expect(await storedHours(pool)).toEqual(await recomputedHours(pool));
  });

  it('moves a session’s hours with it to another charger and installation', async () => {
    await insertSession(pool, {
      id: MOVED,
      chargerId: OFFICE_1,
      startedAt: '2026-06-21T10:00:00Z',
      endedAt: '2026-06-21T11:00:00Z',
      energyKwh: 1,
      ticks: null,
    });
    const day = `hour::date = '2026-06-21'`;
    await pool.query(`UPDATE "ChargeSession" SET "chargerId" = $2 WHERE id = $1`, [
      MOVED,
      OFFICE_2,
    ]);
    expect(await storedHours(pool, day)).toEqual([
      hourSum(OFFICE, OFFICE_2, '2026-06-21T10:00Z', 1, 1, MOVED),
    ]);
    await pool.query(
      `UPDATE "ChargeSession" SET "installationId" = $2, "chargerId" = $3 WHERE id = $1`,
      [MOVED, ELSEWHERE, ELSEWHERE_1],
    );
    expect(await storedHours(pool, day)).toEqual([
      hourSum(ELSEWHERE, ELSEWHERE_1, '2026-06-21T10:00Z', 1, 1, MOVED),
    ]);
    expect(await storedHours(pool)).toEqual(await recomputedHours(pool));
  });

  it('takes a deleted session’s energy out of its hours, and keeps its neighbour’s', async () => {
    for (const [id, chargerId, kwh] of [
      [DELETED, OFFICE_1, 2],
      [NEIGHBOUR, OFFICE_1, 0.5],
    ] as const) {
      await insertSession(pool, {
        id,
        chargerId,
        startedAt: '2026-06-22T10:00:00Z',
        endedAt: '2026-06-22T10:30:00Z',
        energyKwh: kwh,
        ticks: [{ timestamp: '2026-06-22T10:30:00.000Z', energyKwh: kwh }],
      });
    }
    const day = `hour::date = '2026-06-22'`;
    expect((await storedHours(pool, day)).map((row) => [row.kwh, row.pieces])).toEqual([[2.5, 2]]);
    await pool.query(`DELETE FROM "ChargeSession" WHERE id = $1`, [DELETED]);
    expect((await storedHours(pool, day)).map((row) => [row.kwh, row.pieces])).toEqual([[0.5, 1]]);
    await pool.query(`DELETE FROM "ChargeSession" WHERE id = $1`, [NEIGHBOUR]);
    expect(await storedHours(pool, day)).toEqual([]);
  });

  it('equals the spans summed from scratch after a mix of writes, and reads them for whole-hour zones', async () => {
    // An ingestion-like multi-row upsert: two new sessions, and new ticks for an existing one.
    await pool.query(
      `INSERT INTO "ChargeSession" AS t (id, "chargerId", "installationId", "deviceId", "startedAt",
         "endedAt", "energyKwh", "energyDetails", sources, "lastUpdatedAt")
       SELECT s.id, s.charger, $3, 'ZCS000201', s.started, s.ended, s.kwh, s.details, 2, now()
       FROM unnest($1::uuid[], $2::uuid[], $4::timestamptz[], $5::timestamptz[], $6::numeric[], $7::jsonb[])
         AS s(id, charger, started, ended, kwh, details)
       ON CONFLICT (id) DO UPDATE SET "energyDetails" = excluded."energyDetails",
         "endedAt" = excluded."endedAt", "energyKwh" = excluded."energyKwh"`,
      [
        [TWICE, DELETED, NEIGHBOUR],
        [OFFICE_1, OFFICE_2, OFFICE_2],
        OFFICE,
        ['2026-06-20T10:30:00Z', '2026-06-20T11:10:00Z', '2026-06-23T23:50:00Z'],
        ['2026-06-20T11:30:00Z', '2026-06-20T11:40:00Z', '2026-06-24T00:20:00Z'],
        [0.7, 0.3, 0.9],
        [
          ticks(['2026-06-20T11:30:00Z', 0.7]),
          ticks(['2026-06-20T11:40:00Z', 0.3]),
          ticks(['2026-06-24T00:05:00Z', 0.3], ['2026-06-24T00:20:00Z', 0.6]),
        ],
      ],
    );
    expect(await storedHours(pool)).toEqual(await recomputedHours(pool));
    const byKey = (a: HourSum, b: HourSum) =>
      a.hour.localeCompare(b.hour) || a.chargerId.localeCompare(b.chargerId);
    expect(await storedHours(pool, `hour::date = '2026-06-20'`)).toEqual(
      [
        // 10:30–11:30Z: 0.35 in each UTC hour; 12:00 has lost its only piece, so its row.
        hourSum(OFFICE, OFFICE_1, '2026-06-20T10:00Z', 0.35, 1),
        hourSum(OFFICE, OFFICE_1, '2026-06-20T11:00Z', 0.35, 1),
        hourSum(OFFICE, OFFICE_2, '2026-06-20T11:00Z', 0.3, 1),
      ].sort(byKey),
    );

    // The same office in a whole-hour zone reads these sums: 23:50Z–00:05Z is 10 min before
    // midnight (0.2) and 5 after (0.1).
    await pool.query(`UPDATE "Installation" SET "timeZone" = 'UTC' WHERE id = $1`, [OFFICE]);
    const utc = await energy('?interval=day&from=2026-06-23T00:00:00Z&to=2026-06-25T00:00:00Z');
    expect(utc.body.buckets.map((b: { kwh: number }) => b.kwh)).toEqual([0.2, 0.7]);
    await pool.query(`UPDATE "Installation" SET "timeZone" = 'Asia/Kolkata' WHERE id = $1`, [
      OFFICE,
    ]);
  });

  it('empties with the sessions on TRUNCATE', async () => {
    await pool.query('TRUNCATE "ChargeSession" CASCADE');
    expect(await storedHours(pool)).toEqual([]);
  });
});
