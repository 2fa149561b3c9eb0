import type { RunningSimulator } from '../../src/simulator/simulator';
import { stableId } from '../../src/simulator/world/ids';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import { advanceClock, DEMO, FIXED_START, UNKNOWN_ID } from './fixtures';

// SIMULATOR_SITE_CHARGERS: the generated installation "Depot" as the API serves it, and the
// simulator's own record of committed sessions read back through GET /__sim/history.

const DEPOT = stableId('installation:Depot');

interface ReadBack {
  total: number;
  sessions: { id: string; installationId: string; startedAt: string; energyKwh: number }[];
}

describe('the generated site over HTTP', () => {
  let simulator: RunningSimulator;
  let admin: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({
      siteChargers: 40,
      historyDays: 5,
      start: FIXED_START,
      rateLimit: false,
    });
    admin = await loginAs(simulator, 'admin');
  });
  afterAll(() => simulator.close());

  it("lists Depot to its Administrator (the demo admin) with its 40 chargers in Oslo's time zone", async () => {
    const installations = await call(simulator, admin, 'GET', '/api/installation');
    const names = (installations.json.Data as { Name: string }[]).map((item) => item.Name);
    expect(names.sort()).toEqual(['Depot', 'Office']);
    const depot = await call(simulator, admin, 'GET', `/api/installation/${DEPOT}`);
    expect(depot.json).toMatchObject({ Name: 'Depot', TimeZoneIanaName: 'Europe/Oslo' });
    const chargers = await call(
      simulator,
      admin,
      'GET',
      `/api/chargers?InstallationId=${DEPOT}&PageSize=100`,
    );
    expect(chargers.json.Data).toHaveLength(40);
    const owner = await loginAs(simulator, 'owner');
    const hidden = await call(simulator, owner, 'GET', `/api/installation/${DEPOT}`);
    expect(hidden.status).toBe(403);
  });

  it('reads back the sessions of one installation, the same the charge history lists', async () => {
    const readBack = (await call(
      simulator,
      undefined,
      'GET',
      `/__sim/history?installationId=${DEPOT}`,
    )) as { status: number; json: ReadBack };
    expect(readBack.status).toBe(200);
    expect(readBack.json.total).toBe(readBack.json.sessions.length);
    expect(readBack.json.total).toBeGreaterThan(40);
    expect(readBack.json.sessions.every((session) => session.installationId === DEPOT)).toBe(true);
    const listed: string[] = [];
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await call(
        simulator,
        admin,
        'GET',
        `/api/chargehistory?InstallationId=${DEPOT}&PageSize=100&PageIndex=${pageIndex}`,
      );
      listed.push(...(page.json.Data as { Id: string }[]).map((item) => item.Id));
      if (pageIndex + 1 >= (page.json.Pages as number)) break;
    }
    expect(listed).toEqual(readBack.json.sessions.map((session) => session.id));
    const all = (await call(simulator, undefined, 'GET', '/__sim/history')).json as ReadBack;
    const office = (
      await call(simulator, undefined, 'GET', `/__sim/history?installationId=${DEMO.office.id}`)
    ).json as ReadBack;
    expect(all.total).toBeGreaterThan(readBack.json.total + office.total - 1);
  });

  it('includes a session committed since the start', async () => {
    const before = (
      await call(simulator, undefined, 'GET', `/__sim/history?installationId=${DEPOT}`)
    ).json as ReadBack;
    await advanceClock(simulator, 6 * 3600);
    const after = (
      await call(simulator, undefined, 'GET', `/__sim/history?installationId=${DEPOT}`)
    ).json as ReadBack;
    expect(after.total).toBeGreaterThan(before.total);
    expect(Date.parse(after.sessions.at(-1)!.startedAt)).toBeGreaterThan(FIXED_START.getTime());
  });

  it.each([
    ['a malformed id', '?installationId=nope', 400],
    ['an unknown query name', '?installation=x', 400],
    ['an unknown installation', `?installationId=${UNKNOWN_ID}`, 404],
  ])('refuses %s', async (_what, query, status) => {
    const response = await call(simulator, undefined, 'GET', `/__sim/history${query}`);
    expect(response.status).toBe(status);
    expect(response.json.error).toEqual(expect.any(String));
  });
});
