import { PrismaService } from '../../src/database/prisma.service';
import { clearFaults, type DemoAccountName, injectFaults } from '../support/simulator';
import { DEMO, FIXED_START } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';

const UPDATE = 'POST /api/installation/:id/update';

/** POST /v1/installations/:id/limits: checked before Zaptec hears of it, written once, audited. */
describe('installation limits', () => {
  let gateway: TestGateway;
  const clients = {} as Record<DemoAccountName, Awaited<ReturnType<TestGateway['as']>>>;

  const post = (account: DemoAccountName, installationId: string, body: object) =>
    clients[account].post(`/v1/installations/${installationId}/limits`).send(body);
  const simulated = (installationId: string) => {
    const installation = gateway.simulator.context.world.installations.get(installationId)!;
    return {
      maxCurrent: installation.maxCurrent,
      phases: [
        installation.availableCurrentPhase1,
        installation.availableCurrentPhase2,
        installation.availableCurrentPhase3,
      ],
      threeToOnePhaseSwitchCurrent: installation.threeToOnePhaseSwitchCurrent,
    };
  };
  const upstream = () =>
    gateway.simulator.context.stats.snapshot() as {
      total: number;
      byRoute: Record<string, number>;
    };
  const auditRows = (installationId: string) =>
    gateway.app.get(PrismaService).auditEvent.findMany({
      where: { targetId: installationId, action: 'installation.limits' },
      orderBy: { id: 'asc' },
    });

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { start: FIXED_START } });
    // Sign in and let the gateway learn everyone's roles and the constants, so the checks below
    // can prove that a refused request causes no upstream call at all.
    for (const [account, id] of [
      ['owner', DEMO.home.id],
      ['admin', DEMO.office.id],
      ['service', DEMO.office.id],
      ['driver', DEMO.office.id],
      ['outsider', DEMO.office.id],
    ] as const) {
      clients[account] = await gateway.as(account);
      await clients[account].get(`/v1/installations/${id}`);
    }
  });
  afterAll(() => gateway?.close());
  beforeEach(() => gateway.simulator.context.stats.reset());

  it('writes per-phase limits for an administrator, through to Zaptec, and audits it', async () => {
    const body = {
      availableCurrentPhase1: 20,
      availableCurrentPhase2: 21,
      availableCurrentPhase3: 22,
      threeToOnePhaseSwitchCurrent: 16,
    };
    const response = await post('admin', DEMO.office.id, body).expect(200);
    expect(response.body).toEqual({ installationId: DEMO.office.id, maxCurrent: 63, ...body });
    expect(simulated(DEMO.office.id)).toEqual({
      maxCurrent: 63,
      phases: [20, 21, 22],
      threeToOnePhaseSwitchCurrent: 16,
    });
    expect(upstream().byRoute[UPDATE]).toBe(1);

    const read = await clients.admin.get(`/v1/installations/${DEMO.office.id}`);
    expect(read.body).toMatchObject({ availableCurrentPhase1: 20, availableCurrentPhase3: 22 });

    const [row] = await auditRows(DEMO.office.id);
    expect(row).toMatchObject({
      actorType: 'USER',
      actorId: DEMO.accountId('admin'),
      targetType: 'installation',
      installationId: DEMO.office.id,
      outcome: 'SUCCEEDED',
      details: body,
      requestId: response.headers['x-request-id'],
    });
  });

  it('lets the owner set one available current for all three phases', async () => {
    const response = await post('owner', DEMO.home.id, { availableCurrent: 16 }).expect(200);
    expect(response.body).toMatchObject({
      maxCurrent: 32,
      availableCurrentPhase1: 16,
      availableCurrentPhase2: 16,
      availableCurrentPhase3: 16,
    });
    expect(simulated(DEMO.home.id).phases).toEqual([16, 16, 16]);
  });

  it('lets a Maintainer raise maxCurrent, checking the currents against the new value', async () => {
    await post('service', DEMO.office.id, { maxCurrent: 80, availableCurrent: 70 }).expect(200);
    expect(simulated(DEMO.office.id)).toMatchObject({ maxCurrent: 80, phases: [70, 70, 70] });
    await post('service', DEMO.office.id, { maxCurrent: 63, availableCurrent: 63 }).expect(200);
  });

  it('refuses maxCurrent to an owner with 403, without calling Zaptec', async () => {
    const before = simulated(DEMO.home.id);
    const response = await post('owner', DEMO.home.id, {
      maxCurrent: 40,
      availableCurrent: 16,
    }).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN', details: { field: 'maxCurrent' } });
    expect(upstream().total).toBe(0);
    expect(simulated(DEMO.home.id)).toEqual(before);
  });

  it.each([
    ['an empty body', {}, ['availableCurrent']],
    ['only the phase switch', { threeToOnePhaseSwitchCurrent: 0 }, ['availableCurrent']],
    ['both forms', { availableCurrent: 10, availableCurrentPhase1: 10 }, ['availableCurrent']],
    [
      'an incomplete set of phases',
      { availableCurrentPhase2: 10 },
      ['availableCurrentPhase1', 'availableCurrentPhase3'],
    ],
    ['a negative current', { availableCurrent: -1 }, ['availableCurrent']],
    ['a current as text', { availableCurrent: '10' }, ['availableCurrent']],
    ['a null current', { availableCurrent: null }, ['availableCurrent']],
    [
      'a phase switch above 32',
      { availableCurrent: 10, threeToOnePhaseSwitchCurrent: 33 },
      ['threeToOnePhaseSwitchCurrent'],
    ],
    ['an unknown field', { availableCurrent: 10, AvailableCurrent: 10 }, ['AvailableCurrent']],
  ])(
    'answers %s with 400 naming the field, without calling Zaptec',
    async (_case, body, fields) => {
      const response = await post('owner', DEMO.home.id, body).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
      expect(upstream().total).toBe(0);
    },
  );

  it("answers 400 for a current above the installation's maxCurrent, writing nothing", async () => {
    const response = await post('owner', DEMO.home.id, {
      availableCurrentPhase1: 16,
      availableCurrentPhase2: 33,
      availableCurrentPhase3: 16,
    }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'availableCurrentPhase2', messages: [expect.stringContaining('32 A')] },
    ]);
    expect(upstream().byRoute[UPDATE]).toBeUndefined();
  });

  it.each([
    ['driver', 'Office', 403],
    ['outsider', 'Office', 404],
    ['owner', 'Office', 404],
    ['admin', 'Home', 404],
  ] as const)('answers %s on %s with %i and writes nothing', async (account, site, status) => {
    const id = site === 'Home' ? DEMO.home.id : DEMO.office.id;
    await post(account, id, { availableCurrent: 10 }).expect(status);
    expect(upstream().total).toBe(0);
  });

  it('sends a write Zaptec fails once, answers 502 and audits it as FAILED', async () => {
    const faults = {
      errorRate: 1,
      errorKind: 'zaptec-500',
      paths: [`/api/installation/${DEMO.home.id}/update`],
    };
    await injectFaults(gateway.simulator, faults);
    try {
      await post('owner', DEMO.home.id, { availableCurrent: 12 }).expect(502);
      expect(upstream().byRoute[UPDATE]).toBe(1);
    } finally {
      await clearFaults(gateway.simulator);
    }
    const rows = await auditRows(DEMO.home.id);
    expect(rows.at(-1)).toMatchObject({
      actorId: DEMO.accountId('owner'),
      outcome: 'FAILED',
      details: expect.objectContaining({ availableCurrent: 12 }),
    });
  });
});
