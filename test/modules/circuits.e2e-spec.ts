import { DEMO, FIXED_START, UNKNOWN_ID } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** GET /v1/circuits/:id: managers only, served from the documented hierarchy endpoint. */
describe('circuits', () => {
  let gateway: TestGateway;
  const [circuitA, circuitB] = DEMO.office.circuitIds;

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { start: FIXED_START } });
  });
  afterAll(() => gateway?.close());

  it('gives an administrator a circuit with its chargers, in camelCase', async () => {
    const response = await (await gateway.as('admin')).get(`/v1/circuits/${circuitB}`).expect(200);
    expect(response.body).toEqual({
      id: circuitB,
      name: 'Circuit B',
      maxCurrent: 32,
      isActive: true,
      installationId: DEMO.office.id,
      installationName: 'Office',
      chargers: ['Office 4', 'Office 5', 'Office 6'].map((name, index) => ({
        id: DEMO.chargerId(name),
        deviceId: `ZCS00020${index + 4}`,
        name,
        active: true,
        deviceType: 1,
        deviceTypeName: 'Smart',
      })),
    });
  });

  it("reads it from the installation's hierarchy, never Zaptec's internal circuits endpoint", async () => {
    gateway.simulator.context.stats.reset();
    await (await gateway.as('service')).get(`/v1/circuits/${circuitA}`).expect(200);
    const stats = gateway.simulator.context.stats.snapshot() as { byRoute: Record<string, number> };
    expect(stats.byRoute['GET /api/installation/:id/hierarchy']).toBeGreaterThan(0);
    expect(stats.byRoute['GET /api/circuits/:id']).toBeUndefined();
  });

  it('gives the owner the circuit of Home', async () => {
    const response = await (
      await gateway.as('owner')
    )
      .get(`/v1/circuits/${DEMO.home.circuitId.toUpperCase()}`)
      .expect(200);
    expect(response.body).toMatchObject({ id: DEMO.home.circuitId, installationId: DEMO.home.id });
    expect(response.body.chargers).toHaveLength(2);
  });

  it.each([
    ['driver', 'Office/A', 403, 'FORBIDDEN'],
    ['outsider', 'Office/A', 404, 'NOT_FOUND'],
    ['owner', 'Office/B', 404, 'NOT_FOUND'],
    ['admin', 'Home/Garage', 404, 'NOT_FOUND'],
    ['admin', 'an unknown circuit', 404, 'NOT_FOUND'],
  ] as const)('answers %s on %s with %i', async (account, circuit, status, code) => {
    const id = {
      'Office/A': circuitA,
      'Office/B': circuitB,
      'Home/Garage': DEMO.home.circuitId,
      'an unknown circuit': UNKNOWN_ID,
    }[circuit];
    const response = await (await gateway.as(account)).get(`/v1/circuits/${id}`).expect(status);
    expect(response.body.code).toBe(code);
  });

  it('answers 400 naming the id when it is not a UUID, without calling Zaptec', async () => {
    const admin = await gateway.as('admin');
    gateway.simulator.context.stats.reset();
    const response = await admin.get('/v1/circuits/circuit-a').expect(400);
    expect(response.body.errors).toEqual([{ field: 'id', messages: [expect.any(String)] }]);
    expect((gateway.simulator.context.stats.snapshot() as { total: number }).total).toBe(0);
  });
});
