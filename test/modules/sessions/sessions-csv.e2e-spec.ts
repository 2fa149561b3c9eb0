import type { SessionRecord } from '../../../src/jobs/ingestion/records';
import { DEMO, FIXED_START } from '../../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import type { DemoAccountName } from '../../support/simulator';
import { newestFirst, parseCsv, sessionLike, store, storeWorldHistory } from './sessions-support';

const HEADER = [
  'id',
  'installationId',
  'chargerId',
  'deviceId',
  'userId',
  'startedAt',
  'endedAt',
  'commitEndedAt',
  'energyKwh',
  'commitMetadata',
  'commitFlags',
  'authenticationCode',
  'tokenName',
  'externalId',
  'signed',
];
const NULLABLE = new Set([
  'userId',
  'commitEndedAt',
  'authenticationCode',
  'tokenName',
  'externalId',
]);

/** A CSV record read back into the JSON item it stands for. */
function itemOf(record: string[]): Record<string, unknown> {
  return Object.fromEntries(
    HEADER.map((column, at) => {
      const text = record[at];
      if (NULLABLE.has(column) && text === '') return [column, null];
      if (column === 'energyKwh' || column === 'commitMetadata') return [column, Number(text)];
      if (column === 'commitFlags') return [column, text === '' ? [] : text.split(' ')];
      if (column === 'signed') return [column, text === 'true'];
      return [column, text];
    }),
  );
}

/** GET /v1/sessions with Accept: text/csv: every matching session, streamed. */
describe('sessions as CSV', () => {
  let gateway: TestGateway;
  let stored: SessionRecord[];
  const csv = async (account: DemoAccountName, query = '', accept = 'text/csv') =>
    (await gateway.as(account))
      .get(`/v1/sessions${query}`)
      .set('accept', accept)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });

  /** The JSON items of every page, following nextCursor. */
  async function allJson(account: DemoAccountName, query: string) {
    const items: unknown[] = [];
    let cursor: string | null = null;
    do {
      const response = await (
        await gateway.as(account)
      ).get(`/v1/sessions${query}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '4.7.0', start: FIXED_START },
    });
    stored = await storeWorldHistory(gateway);
    // More Office sessions than one read of the stream (500), and one with fields to quote.
    const model = stored.find((record) => record.installationId === DEMO.office.id)!;
    const extra = Array.from({ length: 600 }, (_, at) =>
      sessionLike(
        model,
        `cccccccc-0000-4000-8000-${String(at).padStart(12, '0')}`,
        new Date(FIXED_START.getTime() - 7 * 86_400_000 - at * 60_000),
      ),
    );
    extra.push(
      sessionLike(model, 'dddddddd-0000-4000-8000-000000000001', FIXED_START, {
        tokenName: 'Tag "blue", spare\r\nsecond line',
        externalId: 'x,y',
        userId: null,
        commitEndedAt: null,
        signedSession: null,
        energyKwh: '0.0001',
      }),
    );
    await store(gateway, extra);
    stored.push(...extra);
  });
  afterAll(() => gateway?.close());

  it('streams every Office session of all pages, which parse back to the JSON items', async () => {
    const response = await csv('admin');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="sessions.csv"');
    // Streamed as read: no length known up front.
    expect(response.headers['content-length']).toBeUndefined();
    const [header, ...records] = parseCsv(response.body as string);
    expect(header).toEqual(HEADER);
    const office = stored.filter((record) => record.installationId === DEMO.office.id);
    expect(office.length).toBeGreaterThan(500);
    expect(records.map(itemOf)).toEqual(await allJson('admin', '?limit=500'));
    expect(records.map(([id]) => id)).toEqual(newestFirst(office).map((record) => record.id));
  });

  it('quotes what needs quoting and leaves nulls empty (RFC 4180)', async () => {
    const response = await csv('admin', `?from=${FIXED_START.toISOString()}`);
    const text = response.body as string;
    expect(text).toContain(',"Tag ""blue"", spare\r\nsecond line","x,y",false\r\n');
    const [, ...records] = parseCsv(text);
    const odd = records
      .map(itemOf)
      .find((item) => item.id === 'dddddddd-0000-4000-8000-000000000001');
    expect(odd).toMatchObject({
      userId: null,
      commitEndedAt: null,
      energyKwh: 0.0001,
      tokenName: 'Tag "blue", spare\r\nsecond line',
      externalId: 'x,y',
      signed: false,
    });
  });

  it("keeps a driver's CSV to their own sessions, filters applied", async () => {
    const driverId = DEMO.accountId('driver');
    const response = await csv('driver', `?installationId=${DEMO.office.id}`);
    const [, ...records] = parseCsv(response.body as string);
    const own = newestFirst(stored.filter((record) => record.userId === driverId));
    expect(own.length).toBeGreaterThan(0);
    expect(records.map(([id]) => id)).toEqual(own.map((record) => record.id));
  });

  it('answers JSON when the client prefers it', async () => {
    const response = await csv('admin', '?limit=1', 'application/json, text/csv;q=0.5');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body as string).items).toHaveLength(1);
  });

  it('answers bad filters and objects without a role as problems, not CSV', async () => {
    const bad = await csv('admin', '?limit=501');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(bad.body as string).errors).toEqual([
      { field: 'limit', messages: ['limit must not be greater than 500'] },
    ]);
    const hidden = await csv('owner', `?installationId=${DEMO.office.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
