import type { CompletedChargeSession } from '../../src/simulator/world/charge-session';
import { DEMO, FIXED_START, UNKNOWN_ID } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import type { DemoAccountName } from '../support/simulator';

/** SessionCommitMetadata of constants 4.7.0, which this suite's simulator serves. */
const COMMIT_FLAGS: [string, number][] = [
  ['Online', 1],
  ['Offline', 2],
  ['ReliableClock', 4],
  ['StoppedByRFID', 8],
  ['CommitMismatch', 16],
];

/** What the gateway should make of a session of the simulator's history. */
function expectedSession(session: CompletedChargeSession) {
  return {
    id: session.id,
    chargerId: session.chargerId,
    deviceId: session.deviceId,
    deviceName: session.deviceName,
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt.toISOString(),
    energyKwh: session.energyKwh,
    commitMetadata: session.commitMetadata,
    commitFlags: COMMIT_FLAGS.filter(([, flag]) => (session.commitMetadata & flag) !== 0).map(
      ([name]) => name,
    ),
    ...(session.userId === undefined ? {} : { userId: session.userId }),
    ...(session.userFullName === undefined ? {} : { userFullName: session.userFullName }),
    ...(session.tokenName === undefined ? {} : { tokenName: session.tokenName }),
    signedSession: session.signedSession,
  };
}

/** GET /v1/charge-history: Zaptec's live charge history, paged, within the caller's roles. */
describe('charge history', () => {
  let gateway: TestGateway;
  const get = async (account: DemoAccountName, query = '') =>
    (await gateway.as(account)).get(`/v1/charge-history${query}`);
  /** The simulator's own sessions, newest first, as the gateway should page them. */
  const sessions = (filter: (session: CompletedChargeSession) => boolean) =>
    gateway.simulator.context.world.history.filter(filter).reverse();
  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  const upstreamCalls = () =>
    (gateway.simulator.context.stats.snapshot() as { total: number }).total;

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '4.7.0', start: FIXED_START },
    });
    // Roles and constants are learnt once per sign-in; the 400 checks then prove no upstream call.
    for (const account of ['owner', 'admin', 'service', 'driver', 'outsider'] as const) {
      await get(account, `?pageSize=1`);
    }
  });
  afterAll(() => gateway?.close());

  it('pages an administrator through every Office session, newest first', async () => {
    const office = sessions((session) => session.installationId === DEMO.office.id);
    expect(office.length).toBeGreaterThan(14);
    const first = await get('admin', '?pageSize=7');
    const second = await get('admin', '?pageSize=7&pageIndex=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ pageIndex: 0, pageSize: 7 });
    expect(first.body.pages).toBe(Math.ceil(office.length / 7));
    expect(second.body).toMatchObject({ pageIndex: 1, pageSize: 7, pages: first.body.pages });
    expect(ids(first.body.items)).toEqual(ids(office.slice(0, 7)));
    expect(ids(second.body.items)).toEqual(ids(office.slice(7, 14)));
  });

  it('maps each session to camelCase with its commit flags named', async () => {
    const [newest] = sessions((session) => session.installationId === DEMO.office.id);
    const response = await get('service', `?installationId=${DEMO.office.id}&pageSize=1`);
    expect(response.body.items).toEqual([expectedSession(newest)]);
  });

  it('pages 50 at a time by default and refuses more than 100', async () => {
    const response = await get('admin');
    expect(response.body).toMatchObject({ pageIndex: 0, pageSize: 50 });
    expect(response.body.items).toHaveLength(50);
    const refused = await get('admin', '?pageSize=101');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'pageSize', messages: [expect.any(String)] }]);
  });

  it('shows a driver only their own sessions, though others charge at the Office', async () => {
    const driverId = DEMO.accountId('driver');
    const own = sessions((session) => session.userId === driverId);
    const others = sessions((s) => s.installationId === DEMO.office.id && s.userId !== driverId);
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    for (const query of ['?pageSize=100', `?pageSize=100&installationId=${DEMO.office.id}`]) {
      const response = await get('driver', query);
      expect(response.status).toBe(200);
      expect(ids(response.body.items)).toEqual(ids(own.slice(0, 100)));
      expect(response.body.pages).toBe(Math.ceil(own.length / 100));
    }
  });

  it("gives a driver nothing of a colleague's charger, and 404 for a charger elsewhere", async () => {
    const colleague = await get('driver', `?chargerId=${DEMO.chargerId('Office 2')}`);
    expect(colleague.status).toBe(200);
    expect(colleague.body.items).toEqual([]);
    const elsewhere = await get('driver', `?chargerId=${DEMO.chargerId('Driveway')}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('NOT_FOUND');
  });

  it('shows the owner the sessions of Home only', async () => {
    const home = sessions((session) => session.installationId === DEMO.home.id);
    const response = await get('owner', '?pageSize=100');
    expect(ids(response.body.items)).toEqual(ids(home.slice(0, 100)));
  });

  it.each([
    ['owner', 'installation Office', `?installationId=${DEMO.office.id}`],
    ['owner', 'charger Office 1', `?chargerId=${DEMO.chargerId('Office 1')}`],
    ['outsider', 'installation Office', `?installationId=${DEMO.office.id}`],
    ['outsider', 'charger Office 1', `?chargerId=${DEMO.chargerId('Office 1')}`],
    ['admin', 'an unknown charger', `?chargerId=${UNKNOWN_ID}`],
  ] as const)('answers %s 404 for %s, where it has no role', async (account, _name, query) => {
    const response = await get(account, query);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('gives an outsider an empty history without asking Zaptec', async () => {
    gateway.simulator.context.stats.reset();
    const response = await get('outsider');
    expect(response.body).toEqual({ items: [], pageIndex: 0, pageSize: 50, pages: 0 });
    expect(upstreamCalls()).toBe(0);
  });

  it('narrows to one charger and a time range of session starts', async () => {
    const charger = DEMO.chargerId('Office 5');
    const all = sessions((session) => session.chargerId === charger);
    const from = all[Math.floor(all.length * 0.75)].startedAt;
    const to = all[Math.floor(all.length * 0.25)].startedAt;
    const expected = all.filter((session) => session.startedAt >= from && session.startedAt < to);
    expect(expected.length).toBeGreaterThan(1);
    const response = await get(
      'admin',
      `?chargerId=${charger}&from=${from.toISOString()}&to=${encodeURIComponent(
        to.toISOString().replace('Z', '+00:00'),
      )}&pageSize=100`,
    );
    expect(ids(response.body.items)).toEqual(ids(expected));
  });

  it.each([
    ['installationId', '?installationId=office'],
    ['chargerId', '?chargerId=office-1'],
    ['from', '?from=yesterday'],
    ['to', '?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['pageIndex', '?pageIndex=-1'],
    ['pageSize', '?pageSize=0'],
    ['userId', `?userId=${UNKNOWN_ID}`],
  ])('answers 400 naming %s, without calling Zaptec', async (field, query) => {
    gateway.simulator.context.stats.reset();
    const response = await get('admin', query);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    expect(upstreamCalls()).toBe(0);
  });
});
