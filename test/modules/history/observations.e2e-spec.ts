import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../../support/gateway';
import {
  insertObservations,
  mirrorOffice,
  numberOrNull,
  OFFICE_1,
  parseCsv,
  poolOf,
} from './history-support';

/** TotalChargePower in both constants versions the simulator serves. */
const POWER = 513;
const RANGE = 'from=2026-11-20T10:00:00Z&to=2026-11-20T10:15:00Z';

/**
 * GET /v1/chargers/{id}/observations over rows inserted as ingestion writes them (one per
 * change); the bucket aggregates below are computed by hand.
 */
describe('charger observation series', () => {
  let gateway: TestGateway;
  const series = async (query: string, account: 'admin' | 'service' = 'admin') =>
    (await gateway.as(account)).get(`/v1/chargers/${OFFICE_1}/observations?${query}`);

  beforeAll(async () => {
    gateway = await startTestGateway();
    const pool = poolOf(gateway);
    await mirrorOffice(pool);
    await insertObservations(pool, OFFICE_1, POWER, [
      ['2026-11-20T09:59:59.999Z', '999', 999], // before the range
      ['2026-11-20T10:00:10.000Z', '100', 100],
      ['2026-11-20T10:01:00.000Z', '200', 200],
      ['2026-11-20T10:04:59.999Z', '300', 300],
      ['2026-11-20T10:05:00.000Z', '50', 50],
      ['2026-11-20T10:07:30.000Z', 'n/a', null], // counted, but no number to aggregate
      ['2026-11-20T10:12:00.000Z', '400', 400],
      ['2026-11-20T10:15:00.000Z', '888', 888], // the range's end is exclusive
    ]);
    // Another observation of the same charger must not leak into the series.
    await insertObservations(pool, OFFICE_1, 553, [['2026-11-20T10:02:00.000Z', '7', 7]]);
  });
  afterAll(() => gateway?.close());

  const BUCKETS = [
    {
      start: '2026-11-20T10:00:00.000Z',
      end: '2026-11-20T10:05:00.000Z',
      count: 3,
      avg: 200,
      min: 100,
      max: 300,
      last: 300,
    },
    {
      start: '2026-11-20T10:05:00.000Z',
      end: '2026-11-20T10:10:00.000Z',
      count: 2,
      avg: 50,
      min: 50,
      max: 50,
      last: 50,
    },
    {
      start: '2026-11-20T10:10:00.000Z',
      end: '2026-11-20T10:15:00.000Z',
      count: 1,
      avg: 400,
      min: 400,
      max: 400,
      last: 400,
    },
  ];

  it('aggregates 5-minute buckets in the database: count, avg, min, max, last', async () => {
    const response = await series(`observation=TotalChargePower&${RANGE}&bucket=5m`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      chargerId: OFFICE_1,
      observation: 'TotalChargePower',
      observationId: POWER,
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-20T10:15:00.000Z',
      bucket: '5m',
      buckets: BUCKETS,
    });
  });

  it('aligns a range to whole buckets and leaves out buckets without a change', async () => {
    const response = await series(
      `observation=${POWER}&from=2026-11-20T10:03:00Z&to=2026-11-20T10:31:00Z&bucket=15m`,
    );
    expect(response.body).toMatchObject({
      observation: 'TotalChargePower',
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-20T10:45:00.000Z',
    });
    expect(response.body.buckets).toEqual([
      {
        start: '2026-11-20T10:00:00.000Z',
        end: '2026-11-20T10:15:00.000Z',
        count: 6,
        avg: 210,
        min: 50,
        max: 400,
        last: 400,
      },
      {
        start: '2026-11-20T10:15:00.000Z',
        end: '2026-11-20T10:30:00.000Z',
        count: 1,
        avg: 888,
        min: 888,
        max: 888,
        last: 888,
      },
    ]);
  });

  it('pages the change log oldest first; the cursor visits every change once', async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await series(
        `${RANGE}&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(response.status).toBe(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([
      { observedAt: '2026-11-20T10:00:10.000Z', rawValue: '100', numericValue: 100 },
      { observedAt: '2026-11-20T10:01:00.000Z', rawValue: '200', numericValue: 200 },
      { observedAt: '2026-11-20T10:04:59.999Z', rawValue: '300', numericValue: 300 },
      { observedAt: '2026-11-20T10:05:00.000Z', rawValue: '50', numericValue: 50 },
      { observedAt: '2026-11-20T10:07:30.000Z', rawValue: 'n/a', numericValue: null },
      { observedAt: '2026-11-20T10:12:00.000Z', rawValue: '400', numericValue: 400 },
    ]);
  });

  it('answers the buckets and the changes as CSV that parses back to the JSON', async () => {
    const asCsv = async (query: string) => {
      const response = await (
        await gateway.as('service')
      )
        .get(`/v1/chargers/${OFFICE_1}/observations?${query}`)
        .set('accept', 'text/csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      return parseCsv(response.text);
    };
    const [bucketHeader, ...bucketRecords] = await asCsv(`${RANGE}&bucket=5m`);
    expect(bucketHeader).toEqual(['start', 'end', 'count', 'avg', 'min', 'max', 'last']);
    expect(
      bucketRecords.map(([start, end, count, avg, min, max, last]) => ({
        start,
        end,
        count: Number(count),
        avg: numberOrNull(avg),
        min: numberOrNull(min),
        max: numberOrNull(max),
        last: numberOrNull(last),
      })),
    ).toEqual(BUCKETS);

    // The CSV of the change log is the whole range, not one page.
    const json = (await series(`${RANGE}&limit=100`)).body;
    const [header, ...records] = await asCsv(`${RANGE}&limit=2`);
    expect(header).toEqual(['observedAt', 'rawValue', 'numericValue']);
    expect(
      records.map(([observedAt, rawValue, numericValue]) => ({
        observedAt,
        rawValue,
        numericValue: numberOrNull(numericValue),
      })),
    ).toEqual(json.items);
  });

  it('answers a User 403 and a caller without a role 404', async () => {
    const driver = await (await gateway.as('driver')).get(`/v1/chargers/${OFFICE_1}/observations`);
    expect(driver.status).toBe(403);
    expect(driver.body.code).toBe('FORBIDDEN');
    for (const account of ['outsider', 'owner'] as const) {
      const response = await (
        await gateway.as(account)
      ).get(`/v1/chargers/${OFFICE_1}/observations`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it.each([
    ['observation', 'observation=Colour'],
    ['observation', 'observation=99999'],
    ['observation', 'observation=Warnings&bucket=1h'],
    ['bucket', 'bucket=7m'],
    ['from', 'from=2026-13-01'],
    ['to', 'from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z'],
    ['to', 'from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=1m'],
    ['limit', 'limit=0'],
    ['cursor', 'cursor=soon'],
  ])('refuses a bad %s with a 400 naming it (%s)', async (field, query) => {
    const response = await series(query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});
