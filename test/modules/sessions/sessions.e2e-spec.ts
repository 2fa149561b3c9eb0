import type { SessionRecord } from '../../../src/jobs/ingestion/records';
import { DEMO, FIXED_START, UNKNOWN_ID } from '../../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { ACCOUNTS, type DemoAccountName } from '../../support/simulator';
import {
  expectedItem,
  newestFirst,
  sessionLike,
  store,
  storeWorldHistory,
} from './sessions-support';

type Page = { items: { id: string }[]; nextCursor: string | null; total?: number };

/** GET /v1/sessions: the stored sessions, within the caller's roles, cursor-paged. */
describe('sessions from the database', () => {
  let gateway: TestGateway;
  let stored: SessionRecord[];
  const get = async (account: DemoAccountName, query = '') =>
    (await gateway.as(account)).get(`/v1/sessions${query}`);
  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  const expected = (keep: (record: SessionRecord) => boolean) => newestFirst(stored.filter(keep));
  const office = (record: SessionRecord) => record.installationId === DEMO.office.id;
  const driverId = DEMO.accountId('driver');

  /** Follows nextCursor to the end; `between` runs after each page (e.g. to add rows). */
  async function everyPage(
    account: DemoAccountName,
    query: string,
    between: (page: Page) => Promise<void> = async () => {},
  ): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(account, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      pages.push(response.body as Page);
      cursor = (response.body as Page).nextCursor;
      await between(response.body as Page);
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '4.7.0', start: FIXED_START },
      // The service account partner keys act through (the demo admin administers the Office).
      env: { ZAPTEC_USERNAME: ACCOUNTS.admin.email, ZAPTEC_PASSWORD: ACCOUNTS.admin.password },
    });
    stored = await storeWorldHistory(gateway);
  });
  afterAll(() => gateway?.close());

  it('pages an administrator through every Office session once, newest end first', async () => {
    const all = expected(office);
    expect(all.length).toBeGreaterThan(40);
    const pages = await everyPage('admin', '?limit=17');
    expect(pages.flatMap((page) => page.items)).toEqual(all.map(expectedItem));
    expect(pages.slice(0, -1).every((page) => page.items.length === 17)).toBe(true);
    // The last page says so itself: no empty page after it.
    expect(pages.at(-1)!.items.length).toBeGreaterThan(0);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('counts the matching sessions of all pages when asked, and only then', async () => {
    const query = `?installationId=${DEMO.office.id}&limit=5`;
    const plain = await get('service', query);
    expect(plain.body).not.toHaveProperty('total');
    const counted = await get('service', `${query}&includeTotal=true`);
    expect(counted.body.total).toBe(expected(office).length);
    expect(ids(counted.body.items)).toEqual(ids(plain.body.items));
  });

  it('visits every row exactly once while newer and older sessions arrive between pages', async () => {
    const charger = DEMO.chargerId('Office 3');
    const model = stored.find((record) => record.chargerId === charger)!;
    const before = expected((record) => record.chargerId === charger);
    expect(before.length).toBeGreaterThan(12);
    let added = 0;
    const late: SessionRecord[] = [];
    const pages = await everyPage('admin', `?chargerId=${charger}&limit=4`, async (page) => {
      const last = page.items.at(-1) as { endedAt: string } | undefined;
      if (!last || !page.nextCursor) return;
      added += 1;
      const hex = added.toString(16).padStart(12, '0');
      const ended = new Date(last.endedAt);
      // Newer than the cursor: a later page must not show it (nor shift a row onto a page again).
      const newer = sessionLike(model, `aaaaaaaa-0000-4000-8000-${hex}`, new Date());
      // Behind the cursor, same end time as the page's last row but a smaller id: still to come.
      const tied = sessionLike(model, `00000000-0000-4000-8000-${hex}`, ended);
      late.push(tied);
      await store(gateway, [newer, tied]);
      stored.push(newer, tied);
    });
    const seen = ids(pages.flatMap((page) => page.items));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids(newestFirst([...before, ...late])));
    expect(late.length).toBeGreaterThan(3);
  });

  it('shows a driver only their own sessions, though others charge at the Office', async () => {
    const own = expected((record) => record.userId === driverId);
    expect(own.length).toBeGreaterThan(0);
    expect(expected((r) => office(r) && r.userId !== driverId).length).toBeGreaterThan(0);
    for (const query of ['?limit=500', `?limit=500&installationId=${DEMO.office.id}`]) {
      const response = await get('driver', query);
      expect(response.status).toBe(200);
      expect(ids(response.body.items)).toEqual(ids(own));
    }
  });

  it("gives a driver nothing of another user's sessions, whatever the filter", async () => {
    for (const query of [
      `?userId=${DEMO.accountId('admin')}`,
      `?chargerId=${DEMO.chargerId('Office 2')}`,
      `?installationId=${DEMO.office.id}&userId=${UNKNOWN_ID}&includeTotal=true`,
    ]) {
      const response = await get('driver', query);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([]);
      expect(response.body.nextCursor).toBeNull();
    }
    const own = await get('driver', `?userId=${driverId.toUpperCase()}&includeTotal=true`);
    expect(own.body.total).toBe(expected((record) => record.userId === driverId).length);
  });

  it("gives a partner key the Office's sessions with a manager's role, and none with only User", async () => {
    const admin = await gateway.as('admin');
    const keyWith = async (roles: number) =>
      (
        await admin
          .post('/v1/api-keys')
          .send({ name: `Sessions ${roles}`, installationIds: [DEMO.office.id], roles })
          .expect(201)
      ).body.secret as string;
    const read = (secret: string) =>
      gateway.http().get('/v1/sessions?limit=500&includeTotal=true').set('x-api-key', secret);

    const manager = await read(await keyWith(8));
    expect(manager.status).toBe(200);
    expect(ids(manager.body.items)).toEqual(ids(expected(office)));
    // A key is nobody's Zaptec user, so it owns no sessions (it once made the query fail).
    const user = await read(await keyWith(1));
    expect(user.status).toBe(200);
    expect(user.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("lets a Maintainer narrow the Office to one user's sessions", async () => {
    const response = await get('service', `?userId=${driverId}&limit=500`);
    expect(ids(response.body.items)).toEqual(ids(expected((r) => r.userId === driverId)));
  });

  it('shows the owner the sessions of Home only, and an outsider none', async () => {
    const home = expected((record) => record.installationId === DEMO.home.id);
    expect(home.length).toBeGreaterThan(0);
    const owner = await get('owner', '?limit=500');
    expect(ids(owner.body.items)).toEqual(ids(home.slice(0, 500)));
    const outsider = await get('outsider', '?includeTotal=true');
    expect(outsider.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it.each([
    ['owner', 'installation Office', `?installationId=${DEMO.office.id}`],
    ['owner', 'charger Office 1', `?chargerId=${DEMO.chargerId('Office 1')}`],
    ['outsider', 'installation Office', `?installationId=${DEMO.office.id}`],
    ['outsider', 'installation Home', `?installationId=${DEMO.home.id}`],
    ['driver', 'charger Driveway', `?chargerId=${DEMO.chargerId('Driveway')}`],
    ['admin', 'an unknown charger', `?chargerId=${UNKNOWN_ID}`],
  ] as const)('answers %s 404 for %s, where it has no role', async (account, _name, query) => {
    const response = await get(account, query);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('narrows to a range of end times: from <= endedAt < to', async () => {
    const all = expected(office);
    const from = all[Math.floor(all.length * 0.75)].endedAt!;
    const to = all[Math.floor(all.length * 0.25)].endedAt!;
    const within = all.filter((record) => record.endedAt! >= from && record.endedAt! < to);
    expect(within.length).toBeGreaterThan(1);
    const offset = encodeURIComponent(to.toISOString().replace('Z', '+00:00'));
    const response = await get('admin', `?from=${from.toISOString()}&to=${offset}&limit=500`);
    expect(ids(response.body.items)).toEqual(ids(within));
  });

  it('pages 100 at a time by default and up to 500', async () => {
    const extra = Array.from({ length: 500 }, (_, at) =>
      sessionLike(
        stored[0],
        `bbbbbbbb-0000-4000-8000-${String(at).padStart(12, '0')}`,
        FIXED_START,
        {
          installationId: DEMO.home.id,
          chargerId: DEMO.chargerId('Garage'),
        },
      ),
    );
    await store(gateway, extra);
    stored.push(...extra);
    const home = expected((record) => record.installationId === DEMO.home.id);
    const byDefault = await get('owner');
    expect(ids(byDefault.body.items)).toEqual(ids(home.slice(0, 100)));
    const most = await get('owner', '?limit=500');
    expect(ids(most.body.items)).toEqual(ids(home.slice(0, 500)));
    expect(most.body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['limit', '?limit=501', 'limit must not be greater than 500'],
    ['limit', '?limit=0', 'limit must not be less than 1'],
    ['limit', '?limit=ten', 'limit must be an integer number'],
    ['cursor', '?cursor=not-a-cursor!', "cursor must be a previous page's nextCursor"],
    [
      'cursor',
      `?cursor=${Buffer.from('{"endedAt":"x","id":"y"}').toString('base64url')}`,
      "cursor must be a previous page's nextCursor",
    ],
    ['installationId', '?installationId=office', 'installationId must be a UUID'],
    ['chargerId', '?chargerId=office-1', 'chargerId must be a UUID'],
    ['userId', '?userId=dana', 'userId must be a UUID'],
    ['from', '?from=yesterday', expect.stringContaining('from must be a valid ISO 8601')],
    ['to', '?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to must be later than from'],
    ['includeTotal', '?includeTotal=yes', 'includeTotal must be a boolean value'],
    ['pageSize', '?pageSize=10', 'property pageSize should not exist'],
  ])('answers 400 naming %s for %s', async (field, query, message) => {
    const response = await get('admin', query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field, messages: expect.arrayContaining([message]) }]);
  });
});
