import { INSTALLATIONS } from '../../src/simulator/world/demo-data';
import { DEMO } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { startTestGateway, type TestGateway } from '../support/gateway';
import request from 'supertest';
import { ACCOUNTS } from '../support/simulator';
import {
  eventually,
  FAST_INGESTION,
  metric,
  prismaOf,
  worldSessions,
  worldState,
} from './ingestion-support';

// Issue 11 (plan §6.1): ingestion stores what the simulator produced, sessions and observations,
// polling through the users' cache entry.

const OFFICE_1 = DEMO.chargerId('Office 1');
const STATE_CALLS = { route: '/api/chargers/{id}/state', status: '200' };
/** The demo's chargers (Home's and Office's), as the demo-mode ingestion discovers them. */
const DEMO_CHARGERS = INSTALLATIONS.flatMap(({ circuits }) => circuits).flatMap(
  ({ chargers }) => chargers,
).length;

describe('ingestion against the simulator over HTTP', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      env: { ...FAST_INGESTION, CACHE_ENABLED: 'true', CACHE_TTL_STATE_S: '1' },
    });
  });
  afterAll(() => gateway.close());

  it("stores every Office session upstream lists, as the simulator has it, sources 'history'", async () => {
    const expected = worldSessions(gateway.simulator, DEMO.office.id);
    expect(expected.length).toBeGreaterThan(100);
    const prisma = prismaOf(gateway.app);
    await eventually('the Office sessions', async () => {
      const count = await prisma.chargeSession.count({ where: { installationId: DEMO.office.id } });
      return count >= expected.length ? count : undefined;
    });
    const rows = await prisma.chargeSession.findMany({
      where: { installationId: DEMO.office.id },
      orderBy: { startedAt: 'asc' },
    });
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, at) => {
      const session = expected[at];
      expect({
        id: row.id,
        chargerId: row.chargerId,
        startedAt: row.startedAt.toISOString(),
        endedAt: row.endedAt?.toISOString(),
        energyKwh: Number(row.energyKwh),
        commitMetadata: row.commitMetadata,
        signedSession: row.signedSession,
        ticks: (row.energyDetails as unknown[]).length,
        userId: row.userId,
      }).toEqual({
        id: session.id,
        chargerId: session.chargerId,
        startedAt: session.startedAt.toISOString(),
        endedAt: session.endedAt.toISOString(),
        energyKwh: session.energyKwh,
        commitMetadata: session.commitMetadata,
        signedSession: session.signedSession,
        ticks: session.energyDetails.length,
        userId: session.userId ?? null,
      });
      expect(row.sources & 2).toBe(2);
    });
    const cursor = await prisma.syncCursor.findFirst({
      where: { source: 'CHARGE_HISTORY', scopeId: DEMO.office.id },
    });
    expect(cursor?.position.toISOString()).toBe(expected.at(-1)?.startedAt.toISOString());
  });

  it("stores each charger's current state once: every value but Pulse, at upstream's time", async () => {
    const prisma = prismaOf(gateway.app);
    const expected = worldState(gateway.simulator, OFFICE_1);
    const rows = await eventually('the Office 1 observations', async () => {
      const found = await prisma.observation.findMany({
        where: { chargerId: OFFICE_1 },
        orderBy: [{ stateId: 'asc' }, { observedAt: 'asc' }],
      });
      return found.length >= expected.length ? found : undefined;
    });
    // Several rounds have run by now (1 s interval) with a stopped clock: still one row per value.
    await eventually('a few more polls', async () =>
      (await metric(gateway.app, 'gateway_ingestion_polls_total', { result: 'fetched' })) +
        (await metric(gateway.app, 'gateway_ingestion_polls_total', { result: 'cached' })) >
      20
        ? true
        : undefined,
    );
    const again = await prisma.observation.count({ where: { chargerId: OFFICE_1 } });
    expect(again).toBe(expected.length);
    expect(
      rows.map((row) => ({
        stateId: row.stateId,
        rawValue: row.rawValue,
        at: row.observedAt.getTime(),
      })),
    ).toEqual(expected);
    const power = rows.find((row) => row.stateId === 513);
    expect(power?.numericValue).toBe(Number(power?.rawValue));
  });

  it('stores a changed value as one new row when the simulated charger changes', async () => {
    const prisma = prismaOf(gateway.app);
    const before = await prisma.observation.count({ where: { chargerId: OFFICE_1 } });
    const placed = gateway.simulator.context.world.charger(OFFICE_1);
    const now = gateway.simulator.context.world.clock.now().getTime();
    placed?.charger.states.change(708, '13.000', now + 1_000);
    await eventually('the changed value', async () =>
      (await prisma.observation.count({
        where: { chargerId: OFFICE_1, stateId: 708, rawValue: '13.000' },
      })) === 1
        ? true
        : undefined,
    );
    expect(await prisma.observation.count({ where: { chargerId: OFFICE_1 } })).toBe(before + 1);
  });

  it('reports itself leader with its epoch and no errors', async () => {
    expect(await metric(gateway.app, 'gateway_ingestion_leader')).toBe(1);
    expect(await metric(gateway.app, 'gateway_ingestion_leader_epoch')).toBeGreaterThanOrEqual(1);
    expect(await metric(gateway.app, 'gateway_ingestion_errors_total', { source: 'state' })).toBe(
      0,
    );
    expect(await metric(gateway.app, 'gateway_ingestion_errors_total', { source: 'history' })).toBe(
      0,
    );
    expect(
      await metric(gateway.app, 'gateway_ingestion_rows_written_total', { table: 'observation' }),
    ).toBeGreaterThan(0);
    expect(
      (gateway.simulator.context.stats.snapshot() as { byStatus: Record<string, number> }).byStatus[
        '429'
      ],
    ).toBeUndefined();
  });
});

describe('ingestion in demo mode', () => {
  it('ingests both demo installations (admin and owner), with their time zone', async () => {
    const app = await startTestApp({
      // A long state TTL: an entry a poll filled is still fresh when the user reads it below.
      CACHE_ENABLED: 'true',
      CACHE_TTL_STATE_S: '60',
      INGESTION_ENABLED: 'true',
      INGESTION_STATE_INTERVAL_S: '1',
      INGESTION_HISTORY_INTERVAL_S: '1',
      SIMULATOR_HISTORY_DAYS: '2',
    });
    try {
      const installations = await eventually('both installations', async () => {
        const rows = await prismaOf(app).installation.findMany({ orderBy: { name: 'asc' } });
        return rows.length >= 2 ? rows : undefined;
      });
      expect(installations.map((row) => [row.id, row.name, row.timeZone])).toEqual([
        [DEMO.home.id, 'Home', 'Europe/Oslo'],
        [DEMO.office.id, 'Office', 'Europe/Oslo'],
      ]);
      await eventually('Home chargers', async () =>
        (await prismaOf(app).charger.count({ where: { installationId: DEMO.home.id } })) === 2
          ? true
          : undefined,
      );
      // The user's read answers from the entry a poll filled: no upstream call of its own. Every
      // charger's first poll must be behind us (later ones find their entry, fresh for 60 s), or
      // another charger's first fetch lands between the two readings of the counter (a CI flake).
      await eventually('a first poll of every demo charger', async () => {
        const prisma = prismaOf(app);
        const [chargers, polled] = await Promise.all([
          prisma.charger.count(),
          prisma.observation.groupBy({ by: ['chargerId'] }),
        ]);
        return chargers === DEMO_CHARGERS && polled.length === chargers ? true : undefined;
      });
      const http = () => request(app.getHttpServer());
      const login = await http()
        .post('/v1/auth/login')
        .send({ username: ACCOUNTS.admin.email, password: ACCOUNTS.admin.password })
        .expect(200);
      const before = await metric(app, 'zaptec_upstream_requests_total', STATE_CALLS);
      const read = await http()
        .get(`/v1/chargers/${OFFICE_1}/state`)
        .set('authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`)
        .expect(200);
      expect(read.headers['x-cache']).toBe('HIT');
      expect(await metric(app, 'zaptec_upstream_requests_total', STATE_CALLS)).toBe(before);
    } finally {
      await app.close();
    }
  });
});
