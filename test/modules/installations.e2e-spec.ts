import { DEMO, FIXED_START, UNKNOWN_ID } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';

const SITES = { Home: DEMO.home.id, Office: DEMO.office.id, Unknown: UNKNOWN_ID };

/** Paths of every property name that is not camelCase: wire fields (PascalCase) must not leak. */
function camelCaseOnly(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => camelCaseOnly(item, `${path}[${index}]`));
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(/^[a-z][A-Za-z0-9]*$/.test(key) ? [] : [`${path}.${key}`]),
    ...camelCaseOnly(child, `${path}.${key}`),
  ]);
}

/** The limits only managers see (zaptec-api.md §5.1); a plain User gets none of them. */
const MANAGER_FIELDS = [
  'maxCurrent',
  'availableCurrentPhase1',
  'availableCurrentPhase2',
  'availableCurrentPhase3',
  'threeToOnePhaseSwitchCurrent',
  'networkType',
  'authenticationType',
];

/** Installations, hierarchy and firmware through the gateway; limits are in installations-limits. */
describe('installations', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { start: FIXED_START } });
  });
  afterAll(() => gateway?.close());

  describe('GET /v1/installations', () => {
    it.each([
      ['owner', ['Home'], ['User', 'Owner'], 3],
      ['admin', ['Office'], ['Administrator'], 8],
      ['service', ['Office'], ['Maintainer'], 4],
      ['driver', ['Office'], ['User'], 1],
      ['outsider', [], [], 0],
    ] as const)('lists what %s holds a role on: %j', async (account, names, roles, flags) => {
      const response = await (await gateway.as(account)).get('/v1/installations').expect(200);
      expect(response.body.map((item: { name: string }) => item.name)).toEqual(names);
      for (const item of response.body) expect(item).toMatchObject({ roles, roleFlags: flags });
    });

    it('gives a manager the installation with its limits, in camelCase', async () => {
      const response = await (await gateway.as('owner')).get('/v1/installations').expect(200);
      expect(response.body[0]).toMatchObject({
        id: DEMO.home.id,
        name: 'Home',
        address: 'Fjordveien 12',
        zipCode: '0252',
        city: 'Oslo',
        countryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        active: true,
        isRequiredAuthentication: false,
        timeZone: 'Europe/Oslo',
        maxCurrent: 32,
        availableCurrentPhase1: expect.any(Number),
        availableCurrentPhase2: expect.any(Number),
        availableCurrentPhase3: expect.any(Number),
        threeToOnePhaseSwitchCurrent: expect.any(Number),
        networkType: 4,
        networkTypeName: 'TN_3_Phase',
        activeChargerCount: 2,
        createdOn: '2023-04-11T09:12:44.120Z',
        updatedOn: expect.stringMatching(/Z$/),
      });
      expect(camelCaseOnly(response.body)).toEqual([]);
    });

    it('gives a plain User the reduced installation, without the limits', async () => {
      const response = await (await gateway.as('driver')).get('/v1/installations').expect(200);
      const [office] = response.body;
      expect(office).toMatchObject({
        id: DEMO.office.id,
        name: 'Office',
        city: 'Stavanger',
        roles: ['User'],
      });
      for (const field of MANAGER_FIELDS) expect(office).not.toHaveProperty(field);
    });
  });

  it('answers an unknown query parameter with 400, as the other lists do', async () => {
    const response = await (
      await gateway.as('owner')
    )
      .get('/v1/installations?colour=red')
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'colour', messages: ['property colour should not exist'] }],
    });
  });

  describe('GET /v1/installations/:id', () => {
    it('answers a member with the installation; reduced for a plain User', async () => {
      const admin = await (
        await gateway.as('admin')
      )
        .get(`/v1/installations/${DEMO.office.id}`)
        .expect(200);
      expect(admin.body).toMatchObject({
        id: DEMO.office.id,
        maxCurrent: 63,
        roles: ['Administrator'],
      });
      const driver = await (
        await gateway.as('driver')
      )
        .get(`/v1/installations/${DEMO.office.id.toUpperCase()}`)
        .expect(200);
      expect(driver.body).toMatchObject({ id: DEMO.office.id, name: 'Office' });
      for (const field of MANAGER_FIELDS) expect(driver.body).not.toHaveProperty(field);
    });

    it.each([
      ['outsider', 'Office'],
      ['owner', 'Office'],
      ['admin', 'Home'],
      ['admin', 'Unknown'],
    ] as const)('answers %s 404 on %s, where it has no role', async (account, site) => {
      const response = await (
        await gateway.as(account)
      )
        .get(`/v1/installations/${SITES[site]}`)
        .expect(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });

    it('answers 400 naming the id when it is not a UUID', async () => {
      const response = await (
        await gateway.as('admin')
      )
        .get('/v1/installations/office')
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'id', messages: [expect.any(String)] }]);
    });
  });

  describe('GET /v1/installations/:id/hierarchy', () => {
    it.each(['admin', 'service'] as const)(
      'gives %s the circuits of Office with their chargers',
      async (account) => {
        const response = await (
          await gateway.as(account)
        )
          .get(`/v1/installations/${DEMO.office.id}/hierarchy`)
          .expect(200);
        expect(response.body).toMatchObject({ id: DEMO.office.id, name: 'Office' });
        expect(response.body.circuits.map((circuit: { id: string }) => circuit.id)).toEqual(
          DEMO.office.circuitIds,
        );
        const [circuitA] = response.body.circuits;
        expect(circuitA).toMatchObject({
          name: 'Circuit A',
          maxCurrent: 32,
          installationId: DEMO.office.id,
        });
        expect(circuitA.chargers).toEqual([
          expect.objectContaining({ id: DEMO.chargerId('Office 1'), deviceId: 'ZCS000201' }),
          expect.objectContaining({ name: 'Office 2', deviceType: 1, deviceTypeName: 'Smart' }),
          expect.objectContaining({ name: 'Office 3', active: true }),
        ]);
        expect(camelCaseOnly(response.body)).toEqual([]);
      },
    );

    it('gives the owner the one circuit of Home with its two chargers', async () => {
      const response = await (
        await gateway.as('owner')
      )
        .get(`/v1/installations/${DEMO.home.id}/hierarchy`)
        .expect(200);
      expect(response.body.circuits).toHaveLength(1);
      expect(response.body.circuits[0]).toMatchObject({ id: DEMO.home.circuitId, name: 'Garage' });
      expect(response.body.circuits[0].chargers.map((c: { name: string }) => c.name)).toEqual([
        'Driveway',
        'Garage',
      ]);
    });

    it.each([
      ['driver', DEMO.office.id, 403, 'FORBIDDEN'],
      ['outsider', DEMO.office.id, 404, 'NOT_FOUND'],
      ['owner', DEMO.office.id, 404, 'NOT_FOUND'],
    ] as const)('answers %s on %s with %i', async (account, id, status, code) => {
      const response = await (
        await gateway.as(account)
      )
        .get(`/v1/installations/${id}/hierarchy`)
        .expect(status);
      expect(response.body.code).toBe(code);
    });
  });

  describe('GET /v1/installations/:id/firmware', () => {
    it('lists the firmware of every Office charger for an administrator', async () => {
      const response = await (
        await gateway.as('admin')
      )
        .get(`/v1/installations/${DEMO.office.id}/firmware`)
        .expect(200);
      expect(response.body).toHaveLength(6);
      const world = gateway.simulator.context.world;
      for (const item of response.body) {
        const { charger } = world.charger(item.chargerId)!;
        expect(item).toEqual({
          chargerId: charger.info.id,
          deviceId: charger.info.deviceId,
          currentVersion: charger.firmware.current,
          availableVersion: charger.firmware.available,
          isUpToDate: charger.firmware.current === charger.firmware.available,
          isOnline: charger.online,
          deviceType: 1,
          deviceTypeName: 'Smart',
        });
      }
    });

    it.each([
      ['owner', 'Home', 200],
      ['service', 'Office', 200],
      ['driver', 'Office', 403],
      ['outsider', 'Office', 404],
      ['owner', 'Office', 404],
    ] as const)('answers %s on %s with %i', async (account, site, status) => {
      await (
        await gateway.as(account)
      )
        .get(`/v1/installations/${SITES[site]}/firmware`)
        .expect(status);
    });
  });
});
