import { DEMO } from '../../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../../support/gateway';
import {
  insertSession,
  mirrorOffice,
  numberOrNull,
  OFFICE,
  OFFICE_1,
  OFFICE_2,
  parseCsv,
  poolOf,
} from './history-support';

const SPRING = '00000000-0000-4000-8000-00000000e001';
const AUTUMN = '00000000-0000-4000-8000-00000000e002';
const MIDNIGHT = '00000000-0000-4000-8000-00000000e003';
const NO_TICKS = '00000000-0000-4000-8000-00000000e004';

/**
 * GET /v1/installations/{id}/energy against sessions inserted with known ticks; every expected
 * value below is computed by hand. A tick's energy belongs to the interval it closes (since the
 * previous tick or the session's start) and is shared by the local buckets it overlaps.
 */
describe('installation energy', () => {
  let gateway: TestGateway;
  const energy = async (query: string, account: 'admin' | 'service' = 'admin') =>
    (await gateway.as(account)).get(`/v1/installations/${OFFICE}/energy${query}`);

  beforeAll(async () => {
    gateway = await startTestGateway();
    const pool = poolOf(gateway);
    await mirrorOffice(pool);
    // Spring forward, Oslo 2026-03-29 02:00 CET → 03:00 CEST: 00:30Z is 01:30 local, 01:15Z 03:15.
    await insertSession(pool, {
      id: SPRING,
      chargerId: OFFICE_1,
      startedAt: '2026-03-29T00:30:00Z',
      endedAt: '2026-03-29T01:15:00Z',
      energyKwh: 2,
      ticks: [
        { timestamp: '2026-03-29T00:45:00.000Z', energyKwh: 0.5 },
        { timestamp: '2026-03-29T01:00:00.000Z', energyKwh: 0.5 },
        { timestamp: '2026-03-29T01:15:00.000Z', energyKwh: 1 },
      ],
    });
    // Fall back, Oslo 2026-10-25 03:00 CEST → 02:00 CET: the 02:00 hour happens twice.
    // The last tick's interval 00:55Z–01:10Z is 5 min in the first 02:00, 10 in the second.
    await insertSession(pool, {
      id: AUTUMN,
      chargerId: OFFICE_2,
      startedAt: '2026-10-25T00:10:00Z',
      endedAt: '2026-10-25T01:10:00Z',
      energyKwh: 1.05,
      ticks: [
        { timestamp: '2026-10-25T00:25:00.000Z', energyKwh: 0.25 },
        { timestamp: '2026-10-25T00:40:00.000Z', energyKwh: 0.25 },
        { timestamp: '2026-10-25T00:55:00.000Z', energyKwh: 0.25 },
        { timestamp: '2026-10-25T01:10:00.000Z', energyKwh: 0.3 },
      ],
    });
    // 23:50 to 00:20 local (CEST) across midnight: the first tick, 23:50–00:05, is 10 min before.
    await insertSession(pool, {
      id: MIDNIGHT,
      chargerId: OFFICE_1,
      startedAt: '2026-06-01T21:50:00Z',
      endedAt: '2026-06-01T22:20:00Z',
      energyKwh: 2.1,
      ticks: [
        { timestamp: '2026-06-01T22:05:00.000Z', energyKwh: 0.9 },
        { timestamp: '2026-06-01T22:20:00.000Z', energyKwh: 1.2 },
      ],
    });
    // No EnergyDetails: 4 kWh spread over 12:00–14:00 local.
    await insertSession(pool, {
      id: NO_TICKS,
      chargerId: OFFICE_2,
      startedAt: '2026-06-02T10:00:00Z',
      endedAt: '2026-06-02T12:00:00Z',
      energyKwh: 4,
      ticks: null,
    });
  });
  afterAll(() => gateway?.close());

  it('gives the spring-forward day 23 hours, without a 02:00 hour', async () => {
    const days = await energy(
      '?interval=day&from=2026-03-28T12:00:00%2B01:00&to=2026-03-30T12:00:00%2B02:00',
    );
    expect(days.status).toBe(200);
    expect(days.body).toEqual({
      installationId: OFFICE,
      timeZone: 'Europe/Oslo',
      timeZoneAssumed: false,
      interval: 'day',
      buckets: [
        {
          start: '2026-03-28T00:00:00.000+01:00',
          end: '2026-03-29T00:00:00.000+01:00',
          kwh: 0,
          chargers: [],
        },
        {
          start: '2026-03-29T00:00:00.000+01:00',
          end: '2026-03-30T00:00:00.000+02:00',
          kwh: 2,
          chargers: [{ chargerId: OFFICE_1, kwh: 2 }],
        },
        {
          start: '2026-03-30T00:00:00.000+02:00',
          end: '2026-03-31T00:00:00.000+02:00',
          kwh: 0,
          chargers: [],
        },
      ],
      totalKwh: 2,
      estimatedSessionIds: [],
    });
    const hours = await energy(
      '?interval=hour&from=2026-03-29T00:00:00%2B01:00&to=2026-03-29T05:00:00%2B02:00',
    );
    expect(hours.body.buckets.map((b: { start: string; kwh: number }) => [b.start, b.kwh])).toEqual(
      [
        ['2026-03-29T00:00:00.000+01:00', 0],
        ['2026-03-29T01:00:00.000+01:00', 1],
        ['2026-03-29T03:00:00.000+02:00', 1],
        ['2026-03-29T04:00:00.000+02:00', 0],
      ],
    );
  });

  it('gives the fall-back day 25 hours and books each 02:00 hour apart', async () => {
    const days = await energy(
      '?interval=day&from=2026-10-25T00:00:00%2B02:00&to=2026-10-25T12:00:00Z',
    );
    expect(days.body.buckets).toEqual([
      {
        start: '2026-10-25T00:00:00.000+02:00',
        end: '2026-10-26T00:00:00.000+01:00',
        kwh: 1.05,
        chargers: [{ chargerId: OFFICE_2, kwh: 1.05 }],
      },
    ]);
    const hours = await energy('?interval=hour&from=2026-10-25T00:00:00Z&to=2026-10-25T02:00:00Z');
    expect(hours.body.buckets).toEqual([
      {
        start: '2026-10-25T02:00:00.000+02:00',
        end: '2026-10-25T02:00:00.000+01:00',
        kwh: 0.85,
        chargers: [{ chargerId: OFFICE_2, kwh: 0.85 }],
      },
      {
        start: '2026-10-25T02:00:00.000+01:00',
        end: '2026-10-25T03:00:00.000+01:00',
        kwh: 0.2,
        chargers: [{ chargerId: OFFICE_2, kwh: 0.2 }],
      },
    ]);
    expect(hours.body.totalKwh).toBe(1.05);
  });

  it('splits a session across local midnight, and spreads one without ticks evenly', async () => {
    const days = await energy(
      '?interval=day&from=2026-06-01T00:00:00%2B02:00&to=2026-06-03T00:00:00%2B02:00',
    );
    expect(days.body.buckets).toEqual([
      {
        start: '2026-06-01T00:00:00.000+02:00',
        end: '2026-06-02T00:00:00.000+02:00',
        kwh: 0.6,
        chargers: [{ chargerId: OFFICE_1, kwh: 0.6 }],
      },
      {
        start: '2026-06-02T00:00:00.000+02:00',
        end: '2026-06-03T00:00:00.000+02:00',
        kwh: 5.5,
        chargers: [
          { chargerId: OFFICE_1, kwh: 1.5 },
          { chargerId: OFFICE_2, kwh: 4 },
        ].sort((a, b) => a.chargerId.localeCompare(b.chargerId)),
      },
    ]);
    expect(days.body.totalKwh).toBe(6.1);
    expect(days.body.estimatedSessionIds).toEqual([NO_TICKS]);

    const hours = await energy(
      '?interval=hour&from=2026-06-01T23:00:00%2B02:00&to=2026-06-02T15:00:00%2B02:00',
    );
    const nonZero = hours.body.buckets
      .filter((b: { kwh: number }) => b.kwh > 0)
      .map((b: { start: string; kwh: number }) => [b.start, b.kwh]);
    expect(hours.body.buckets).toHaveLength(16);
    expect(nonZero).toEqual([
      ['2026-06-01T23:00:00.000+02:00', 0.6],
      ['2026-06-02T00:00:00.000+02:00', 1.5],
      ['2026-06-02T12:00:00.000+02:00', 2],
      ['2026-06-02T13:00:00.000+02:00', 2],
    ]);
  });

  it('follows a session whose ticks arrive later (charge history after a CompletedSession)', async () => {
    // Stored first without EnergyDetails (as from observation 723), 12:00–13:00 local: spread.
    const late = '00000000-0000-4000-8000-0000000e0999';
    const pool = poolOf(gateway);
    await insertSession(pool, {
      id: late,
      chargerId: OFFICE_1,
      startedAt: '2026-07-01T10:00:00Z',
      endedAt: '2026-07-01T11:00:00Z',
      energyKwh: 3,
      ticks: null,
    });
    const range = '?interval=hour&from=2026-07-01T12:00:00%2B02:00&to=2026-07-01T14:00:00%2B02:00';
    const spread = await energy(range);
    expect(spread.body.buckets.map((b: { kwh: number }) => b.kwh)).toEqual([3, 0]);
    expect(spread.body.estimatedSessionIds).toEqual([late]);

    // Then charge history brings its ticks, the last one running into the next hour.
    await pool.query(
      `UPDATE "ChargeSession" SET "energyDetails" = $2, "endedAt" = $3 WHERE id = $1`,
      [
        late,
        JSON.stringify([
          { timestamp: '2026-07-01T10:30:00.000Z', energyKwh: 1 },
          { timestamp: '2026-07-01T11:30:00.000Z', energyKwh: 2 },
        ]),
        '2026-07-01T11:30:00Z',
      ],
    );
    const ticked = await energy(range);
    // 10:30–11:30Z is half in each local hour: 1 + 1 in 12:00, 1 in 13:00.
    expect(ticked.body.buckets.map((b: { kwh: number }) => b.kwh)).toEqual([2, 1]);
    expect(ticked.body.estimatedSessionIds).toEqual([]);
    await pool.query(`DELETE FROM "ChargeSession" WHERE id = $1`, [late]);
    expect(
      (await pool.query(`SELECT 1 FROM "SessionEnergySpan" WHERE "sessionId" = $1`, [late]))
        .rowCount,
    ).toBe(0);
  });

  it('starts weeks on Monday and months on the 1st, local time', async () => {
    const weeks = await energy('?interval=week&from=2026-06-03T00:00:00Z&to=2026-06-04T00:00:00Z');
    expect(weeks.body.buckets).toEqual([
      {
        start: '2026-06-01T00:00:00.000+02:00',
        end: '2026-06-08T00:00:00.000+02:00',
        kwh: 6.1,
        chargers: expect.any(Array),
      },
    ]);
    const months = await energy(
      '?interval=month&from=2026-10-15T00:00:00Z&to=2026-11-15T00:00:00Z',
    );
    expect(
      months.body.buckets.map((b: { start: string; end: string; kwh: number }) => [
        b.start,
        b.end,
        b.kwh,
      ]),
    ).toEqual([
      ['2026-10-01T00:00:00.000+02:00', '2026-11-01T00:00:00.000+01:00', 1.05],
      ['2026-11-01T00:00:00.000+01:00', '2026-12-01T00:00:00.000+01:00', 0],
    ]);
  });

  it('answers the same buckets as CSV, one column per charger', async () => {
    const query = '?interval=day&from=2026-06-01T00:00:00%2B02:00&to=2026-06-03T00:00:00%2B02:00';
    const json = (await energy(query)).body;
    const csv = await (
      await gateway.as('service')
    )
      .get(`/v1/installations/${OFFICE}/energy${query}`)
      .set('accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...records] = parseCsv(csv.text);
    expect(header).toEqual(['start', 'end', 'kwh', ...[OFFICE_1, OFFICE_2].sort()]);
    const parsed = records.map(([start, end, kwh, ...cells]) => ({
      start,
      end,
      kwh: Number(kwh),
      chargers: cells.flatMap((cell, i) =>
        cell === '' ? [] : [{ chargerId: header[i + 3], kwh: numberOrNull(cell) }],
      ),
    }));
    expect(parsed).toEqual(json.buckets);
  });

  it('says when it assumed UTC: an installation the gateway has not mirrored', async () => {
    const response = await (
      await gateway.as('owner')
    ).get(
      `/v1/installations/${DEMO.home.id}/energy?interval=day&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ timeZone: 'UTC', timeZoneAssumed: true, totalKwh: 0 });
    expect(response.body.buckets).toEqual([
      {
        start: '2026-06-01T00:00:00.000+00:00',
        end: '2026-06-02T00:00:00.000+00:00',
        kwh: 0,
        chargers: [],
      },
    ]);
  });

  it('answers a User 403 and a caller without a role 404', async () => {
    const driver = await (await gateway.as('driver')).get(`/v1/installations/${OFFICE}/energy`);
    expect(driver.status).toBe(403);
    for (const account of ['outsider', 'owner'] as const) {
      const response = await (await gateway.as(account)).get(`/v1/installations/${OFFICE}/energy`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it.each([
    ['interval', '?interval=year'],
    ['from', '?from=yesterday'],
    ['to', '?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z'],
    ['to', '?interval=hour&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['colour', '?colour=red'],
  ])('refuses a bad %s with a 400 naming it', async (field, query) => {
    const response = await energy(query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});
