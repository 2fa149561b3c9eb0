import { PrismaService } from '../../../src/database/prisma.service';
import { ACCOUNTS } from '../../../src/simulator/world/demo-data';
import { DEMO, FIXED_START } from '../../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../../support/gateway';
import type { DemoAccountName } from '../../support/simulator';
import { parseCsv } from '../sessions/sessions-support';

const OFFICE = DEMO.office.id;
const audit = (query = '') => `/v1/installations/${OFFICE}/audit${query}`;

interface AuditItem {
  id: string;
  action: string;
  actorId: string;
  occurredAt: string;
  outcome: string;
  details: unknown;
}

/** GET /v1/installations/{id}/audit: the installation's events, for its Administrators only. */
describe('installation audit log', () => {
  let gateway: TestGateway;
  let prisma: PrismaService;
  const as = async (account: DemoAccountName) => gateway.as(account);

  /** Every page of `query`, followed by nextCursor, with `between` run after each page. */
  const allPages = async (query: string, between: () => Promise<void> = async () => {}) => {
    const client = await as('admin');
    const items: AuditItem[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : '';
      const page = await client.get(audit(`${query}${suffix}`)).expect(200);
      items.push(...(page.body.items as AuditItem[]));
      cursor = page.body.nextCursor as string | null;
      await between();
    } while (cursor);
    return items;
  };

  /** Audit rows of Office as another writer (a command elsewhere in the gateway) would add them. */
  const addEvents = (count: number, action = 'charger.command') =>
    prisma.auditEvent.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        actorType: 'USER' as const,
        actorId: DEMO.accountId('service'),
        action,
        targetType: 'charger',
        targetId: `bench-${i}`,
        installationId: OFFICE,
        outcome: 'SUCCEEDED' as const,
        details: { command: 'StopChargingFinal', n: i },
      })),
    });

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { start: FIXED_START } });
    prisma = gateway.app.get(PrismaService);
  });
  afterAll(() => gateway?.close());

  it('records a limits change and shows it to the Administrator, newest first', async () => {
    const admin = await as('admin');
    await admin
      .post(`/v1/installations/${OFFICE}/limits`)
      .send({ availableCurrentPhase1: 20, availableCurrentPhase2: 20, availableCurrentPhase3: 20 })
      .expect(200);
    const page = await admin.get(audit('?action=installation.limits')).expect(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items).toEqual([
      expect.objectContaining({
        actorType: 'USER',
        actorId: DEMO.accountId('admin'),
        action: 'installation.limits',
        targetType: 'installation',
        targetId: OFFICE,
        installationId: OFFICE,
        outcome: 'SUCCEEDED',
      }),
    ]);
  });

  it('answers 403 to a Maintainer, a User and an Owner, 404 to accounts without a role', async () => {
    for (const account of ['service', 'driver'] as const) {
      const response = await (await as(account)).get(audit());
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    }
    for (const account of ['owner', 'outsider'] as const) {
      expect((await (await as(account)).get(audit())).status).toBe(404);
    }
    // The owner's own installation: Owner is not Administrator.
    const home = `/v1/installations/${DEMO.home.id}/audit`;
    expect((await (await as('owner')).get(home)).status).toBe(403);
  });

  it('pages every event exactly once, newest first, while new events arrive', async () => {
    await addEvents(23);
    const before = await prisma.auditEvent.count({ where: { installationId: OFFICE } });
    const items = await allPages('?limit=4', () => addEvents(2).then(() => undefined));
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Events written while paging are newer than every cursor: they are not on later pages.
    expect(ids).toHaveLength(before);
    const order = items.map((item) => [item.occurredAt, BigInt(item.id)] as const);
    const sorted = [...order].sort(([a, x], [b, y]) =>
      a === b ? (x > y ? -1 : 1) : a > b ? -1 : 1,
    );
    expect(order).toEqual(sorted);
  });

  it('filters by action, actor and time', async () => {
    await addEvents(3, 'charger.settings');
    const settings = await allPages('?action=charger.settings&limit=500');
    expect(settings.length).toBeGreaterThanOrEqual(3);
    expect(settings.every((item) => item.action === 'charger.settings')).toBe(true);
    const byAdmin = await allPages(`?actorId=${DEMO.accountId('admin')}`);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((item) => item.actorId === DEMO.accountId('admin'))).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await allPages(`?from=${future}`)).toEqual([]);
  });

  it('streams every event as CSV that parses back to the JSON items', async () => {
    const response = await (
      await as('admin')
    )
      .get(audit())
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const [header, ...records] = parseCsv(response.body as string);
    const json = await allPages('?limit=500');
    expect(records).toHaveLength(json.length);
    expect(
      records.map((record) => {
        const row = Object.fromEntries(header.map((name, i) => [name, record[i]]));
        return {
          id: row.id,
          action: row.action,
          details: row.details ? JSON.parse(row.details) : null,
        };
      }),
    ).toEqual(json.map(({ id, action, details }) => ({ id, action, details })));
  });

  it('refuses a bad filter with a 400 naming the field, and changes nothing', async () => {
    const admin = await as('admin');
    const before = await prisma.auditEvent.count();
    for (const [query, field] of [
      ['?limit=501', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      ['?from=yesterday', 'from'],
      ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['?actorType=ROBOT', 'actorType'],
    ] as const) {
      const response = await admin.get(audit(query));
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it('records sign-ins, refused and successful, without the password', async () => {
    const { email, password } = ACCOUNTS.driver;
    await gateway
      .http()
      .post('/v1/auth/login')
      .send({ username: email, password: 'wrong-one' })
      .expect(401);
    const rows = await prisma.auditEvent.findMany({ where: { action: 'auth.sign-in' } });
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: DEMO.accountId('admin'), outcome: 'SUCCEEDED' }),
        expect.objectContaining({ actorId: email, targetId: email, outcome: 'REJECTED' }),
      ]),
    );
    const stored = JSON.stringify(rows, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(stored).not.toContain(password);
    expect(stored).not.toContain('wrong-one');
  });
});
