import { Obs } from '../../src/simulator/world/observations';
import { FIXED_START, DEMO, UNKNOWN_ID } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import {
  auditRows,
  MODE_NAMES,
  SEND_COMMAND,
  simulatedMode,
  simulatedState,
  upstreamCalls,
} from './chargers-support';

/**
 * Chargers through the gateway against the simulator serving constants 4.7.0 (the seed):
 * lists, detail, decoded state, settings read and write. Commands and constants 6.5.8 are in
 * chargers-commands.e2e-spec.ts.
 */
describe('chargers (constants 4.7.0)', () => {
  let gateway: TestGateway;
  const driveway = DEMO.chargerId('Driveway');
  const office1 = DEMO.chargerId('Office 1');
  const office2 = DEMO.chargerId('Office 2');

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '4.7.0', start: FIXED_START },
    });
  });
  afterAll(() => gateway?.close());

  describe('GET /v1/chargers', () => {
    it.each([
      ['owner', 2, ['User', 'Owner']],
      ['admin', 6, ['Administrator']],
      ['service', 6, ['Maintainer']],
      ['driver', 6, ['User']],
      ['outsider', 0, []],
    ] as const)('lists what %s holds a role on (%i chargers)', async (account, count, roles) => {
      const response = await (await gateway.as(account)).get('/v1/chargers').expect(200);
      expect(response.body).toHaveLength(count);
      for (const item of response.body) expect(item.roles).toEqual(roles);
    });

    it('maps each charger to camelCase with decoded names and no wire fields', async () => {
      const response = await (await gateway.as('owner')).get('/v1/chargers').expect(200);
      const item = response.body.find((charger: { id: string }) => charger.id === driveway);
      expect(item).toEqual({
        id: driveway,
        deviceId: 'ZAP000101',
        name: 'Driveway',
        installationId: DEMO.home.id,
        installationName: 'Home',
        circuitId: DEMO.home.circuitId,
        deviceType: 4, // Go: 4.7.0 predates it, so there is no deviceTypeName to decode
        operationMode: MODE_NAMES[simulatedMode(gateway, driveway)],
        isOnline: true,
        roles: ['User', 'Owner'],
        roleFlags: 3,
        active: true,
        isAuthorizationRequired: false,
        createdAt: '2023-04-11T09:12:44.120Z',
      });
    });

    it('narrows to one installation; a stranger gets 404 and a malformed id 400', async () => {
      const admin = await gateway.as('admin');
      const office = await admin.get(`/v1/chargers?installationId=${DEMO.office.id}`).expect(200);
      expect(office.body).toHaveLength(6);
      expect(
        new Set(office.body.map((item: { deviceTypeName: string }) => item.deviceTypeName)),
      ).toEqual(new Set(['Smart']));
      await admin.get(`/v1/chargers?installationId=${DEMO.home.id}`).expect(404);
      const bad = await admin.get('/v1/chargers?installationId=nope').expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(bad.body.errors[0].field).toBe('installationId');
      await admin.get('/v1/chargers?colour=red').expect(400);
    });
  });

  describe('GET /v1/chargers/:id', () => {
    it('describes one charger to a manager, without the owner PIN', async () => {
      const response = await (
        await gateway.as('owner')
      )
        .get(`/v1/chargers/${driveway}`)
        .expect(200);
      expect(response.body).toMatchObject({
        id: driveway,
        deviceId: 'ZAP000101',
        roles: ['User', 'Owner'],
        offlinePhaseOverride: 0,
        offlineCurrentOverride: -1,
        signedMeterValueKwh: expect.any(Number),
      });
      expect(Object.keys(response.body).filter((key) => /^[A-Z]/.test(key))).toEqual([]);
      expect(Object.values(response.body)).not.toContain('0101'); // Zaptec's PIN for the owner
    });

    it('answers 403 to a plain User, 404 to a stranger and 400 to a malformed id', async () => {
      await (await gateway.as('driver')).get(`/v1/chargers/${office1}`).expect(403);
      await (await gateway.as('outsider')).get(`/v1/chargers/${office1}`).expect(404);
      await (await gateway.as('admin')).get(`/v1/chargers/${UNKNOWN_ID}`).expect(404);
      const bad = await (await gateway.as('admin')).get('/v1/chargers/not-a-uuid').expect(400);
      expect(bad.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    });
  });

  describe('GET /v1/chargers/:id/state', () => {
    it('names and types the observations through the constants served (4.7.0)', async () => {
      const response = await (
        await gateway.as('owner')
      )
        .get(`/v1/chargers/${driveway}/state`)
        .expect(200);
      const sim = simulatedState(gateway, driveway);
      const { body } = response;
      expect(body.constantsVersion).toMatch(/^4\.7\.0/);
      expect(body.values).toMatchObject({
        isOnline: true,
        chargerMaxCurrent: 32,
        chargerMinCurrent: 6,
        totalChargePower: Number(sim.get(Obs.TotalChargePower)),
        communicationMode: 'Wifi',
        warnings: '0',
      });
      expect(body.values.chargerOperationMode).toMatch(/^(Disconnected|Connected_\w+)$/);
      expect(body.warnings).toEqual({ value: '0', names: [] });
      // 718 FinalStopActive is reported, but 4.7.0 does not name it: listed raw, not in values.
      const finalStop = body.observations.find((item: { stateId: number }) => item.stateId === 718);
      expect(finalStop).toMatchObject({ valueAsString: '0', value: 0 });
      expect(finalStop.name).toBeUndefined();
      expect(body.values).not.toHaveProperty('finalStopActive');
      expect(body.observations).toHaveLength(sim.size);
      expect(body.observations[0].timestamp).toMatch(/Z$/);
    });
  });

  describe('settings', () => {
    it('reads the settings from the state observations', async () => {
      const response = await (
        await gateway.as('admin')
      )
        .get(`/v1/chargers/${office1}/settings`)
        .expect(200);
      expect(response.body).toEqual({
        chargerId: office1,
        maxChargeCurrent: 16,
        minChargeCurrent: 6,
        maxChargePhases: 3,
        offlineChargePhase: 0,
        offlineChargeCurrent: -1,
        meterValueInterval: 900,
      });
      expect(upstreamCalls(gateway, 'GET /api/chargers/:id/settings')).toBe(0);
    });

    it('writes through chargers/{id}/update, reaches the charger, and audits it', async () => {
      const admin = await gateway.as('admin');
      const response = await admin
        .patch(`/v1/chargers/${office2}/settings`)
        .send({ maxChargeCurrent: 10, maxChargePhases: 1, meterValueInterval: 600 })
        .expect(202);
      expect(response.body).toMatchObject({
        chargerId: office2,
        requested: { maxChargeCurrent: 10, maxChargePhases: 1, meterValueInterval: 600 },
      });
      const sim = simulatedState(gateway, office2);
      expect([
        sim.get(Obs.MaxCurrent),
        sim.get(Obs.MaxPhases),
        sim.get(Obs.MeterValueInterval),
      ]).toEqual(['10.000', '1', '600']);
      const read = await admin.get(`/v1/chargers/${office2}/settings`).expect(200);
      expect(read.body).toMatchObject({ maxChargeCurrent: 10, maxChargePhases: 1 });
      expect(await auditRows(gateway, office2, 'charger.settings')).toEqual([
        expect.objectContaining({
          outcome: 'SUCCEEDED',
          installationId: DEMO.office.id,
          details: { maxChargeCurrent: 10, maxChargePhases: 1, meterValueInterval: 600 },
        }),
      ]);
    });

    it.each([
      ['no field', {}, 'body'],
      ['a current out of range', { maxChargeCurrent: 40 }, 'maxChargeCurrent'],
      ['two phases', { maxChargePhases: 2 }, 'maxChargePhases'],
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['min above max', { minChargeCurrent: 20, maxChargeCurrent: 10 }, 'minChargeCurrent'],
    ])('rejects %s with 400 naming the field, sending nothing', async (_case, body, field) => {
      const before = upstreamCalls(gateway, 'POST /api/chargers/:id/update');
      const response = await (
        await gateway.as('admin')
      )
        .patch(`/v1/chargers/${office1}/settings`)
        .send(body)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(upstreamCalls(gateway, 'POST /api/chargers/:id/update')).toBe(before);
    });

    it('refuses a plain User (403) before anything reaches upstream', async () => {
      await (
        await gateway.as('driver')
      )
        .patch(`/v1/chargers/${office1}/settings`)
        .send({ maxChargeCurrent: 10 })
        .expect(403);
    });
  });

  it('names the commands 4.7.0 offers instead of StopChargingFinal (400, nothing sent)', async () => {
    const response = await (
      await gateway.as('owner')
    )
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(400);
    expect(response.body.code).toBe('UNKNOWN_COMMAND');
    expect(response.body.details.allowedCommands).toEqual(
      expect.arrayContaining(['StopCharging', 'StartCharging', 'RestartCharger']),
    );
    expect(response.body.details.allowedCommands).not.toContain('StopChargingFinal');
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(0);
  });
});
