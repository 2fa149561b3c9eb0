import { Obs } from '../../src/simulator/world/observations';
import { DEMO, FIXED_START } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import {
  auditRows,
  SEND_COMMAND,
  simulatedMode,
  simulatedState,
  upstreamCalls,
} from './chargers-support';

/**
 * Commands by name, their preconditions, Idempotency-Key, the audit trail and charge
 * authorization, against the simulator serving today's constants (6.5.8: 506/507 exist).
 */
describe('charger commands (constants 6.5.8)', () => {
  let gateway: TestGateway;
  const driveway = DEMO.chargerId('Driveway');
  const office = [1, 2, 3, 4, 5, 6].map((n) => DEMO.chargerId(`Office ${n}`));

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '6.5.8', start: FIXED_START },
    });
  });
  afterAll(() => gateway?.close());

  /** Office chargers in `mode` (710) at the fixed start; the seeded world has enough of each. */
  const officeIn = (mode: number, count = 1): string[] => {
    const found = office.filter((id) => simulatedMode(gateway, id) === mode).slice(0, count);
    if (found.length < count)
      throw new Error(`fewer than ${count} office chargers in mode ${mode}`);
    return found;
  };
  /** POSTs a command as `account` and expects `status`. */
  const command = async (
    account: 'owner' | 'admin' | 'service',
    id: string,
    name: string,
    status: number,
  ) =>
    (await gateway.as(account))
      .post(`/v1/chargers/${id}/commands`)
      .send({ command: name })
      .expect(status);

  it('decodes the state through the device schema of the constants served', async () => {
    const owner = await gateway.as('owner');
    const { body } = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    expect(body.constantsVersion).toBe('6.5.8');
    expect(body.deviceType).toBe(4);
    expect(body.values).toMatchObject({
      isOnline: true,
      finalStopActive: false,
      signedMeterValueInterval: 3600,
      capabilities: expect.stringContaining('"DeviceType":"Go"'),
      signedMeterValue: expect.stringMatching(/^OCMF\|/),
    });
    const finalStop = body.observations.find((item: { stateId: number }) => item.stateId === 718);
    expect(finalStop).toMatchObject({ name: 'FinalStopActive', value: false, valueAsString: '0' });
    const list = await owner.get('/v1/chargers').expect(200);
    expect(list.body[0].deviceTypeName).toBe('Apollo');
  });

  it('pauses and resumes by name, refusing what the state forbids without calling upstream', async () => {
    const [charging] = officeIn(3);
    const before = upstreamCalls(gateway, SEND_COMMAND);

    const paused = await command('admin', charging, 'StopChargingFinal', 202);
    expect(paused.body).toEqual({
      commandId: 506,
      command: 'StopChargingFinal',
      chargerId: charging,
      acceptedAt: expect.stringMatching(/Z$/),
    });
    expect(simulatedState(gateway, charging).get(Obs.FinalStopActive)).toBe('1');

    const again = await command('admin', charging, 'StopChargingFinal', 409);
    expect(again.body).toMatchObject({
      code: 'COMMAND_PRECONDITION_FAILED',
      detail: expect.stringContaining('already paused'),
      details: { command: 'StopChargingFinal', chargerOperationMode: 5, finalStopActive: true },
    });

    await command('admin', charging, 'ResumeCharging', 202);
    expect(simulatedMode(gateway, charging)).toBe(3);
    const notPaused = await command('admin', charging, 'ResumeCharging', 409);
    expect(notPaused.body.detail).toContain('not paused');

    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before + 2);
    const audit = await auditRows(gateway, charging, 'charger.command');
    expect(
      audit.map((row) => [row.outcome, (row.details as { commandId: number }).commandId]),
    ).toEqual([
      ['SUCCEEDED', 506],
      ['REJECTED', 506],
      ['SUCCEEDED', 507],
      ['REJECTED', 507],
    ]);
    expect(audit[0]).toMatchObject({
      actorId: DEMO.accountId('admin'),
      installationId: DEMO.office.id,
      details: { command: 'StopChargingFinal', commandId: 506, idempotencyKey: null },
    });
  });

  it('refuses to resume while a charging schedule is active (409, nothing sent)', async () => {
    const [charging] = officeIn(3);
    await command('admin', charging, 'StopChargingFinal', 202);
    const { world } = gateway.simulator.context;
    const sim = world.charger(charging)!.charger;
    sim.setLocal(763, '2026-03-02T18:00:00', world.clock.nowMs());
    const before = upstreamCalls(gateway, SEND_COMMAND);

    const refused = await command('admin', charging, 'ResumeCharging', 409);
    expect(refused.body).toMatchObject({
      code: 'COMMAND_PRECONDITION_FAILED',
      detail: expect.stringContaining('schedule is active'),
      details: { command: 'ResumeCharging', nextScheduleEvent: '2026-03-02T18:00:00' },
    });
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before);

    sim.setLocal(763, '', world.clock.nowMs());
    await command('admin', charging, 'ResumeCharging', 202);
    expect(simulatedMode(gateway, charging)).toBe(3);
  });

  it('refuses to pause a charger with no car connected (409, nothing sent)', async () => {
    const [disconnected] = officeIn(1);
    const before = upstreamCalls(gateway, SEND_COMMAND);
    const response = await command('admin', disconnected, 'StopChargingFinal', 409);
    expect(response.body.detail).toContain('Disconnected');
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before);
  });

  it('sends a command once per Idempotency-Key, concurrent duplicates included', async () => {
    const [target] = officeIn(1);
    const admin = await gateway.as('admin');
    const send = (key: string, name = 'RestartCharger') =>
      admin
        .post(`/v1/chargers/${target}/commands`)
        .set('idempotency-key', key)
        .send({ command: name });
    const before = upstreamCalls(gateway, SEND_COMMAND);

    const first = await Promise.all([send('restart-1'), send('restart-1'), send('restart-1')]);
    expect(first.map((response) => response.status)).toEqual([202, 202, 202]);
    expect(new Set(first.map((response) => response.body.acceptedAt)).size).toBe(1);
    expect(first.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const retry = await send('restart-1').expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first[0].body);
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before + 1);

    const reused = await send('restart-1', 'UpgradeFirmware').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The charger is restarting (offline for a minute): a new key runs, and is refused.
    const offline = await send('restart-2').expect(409);
    expect(offline.body.detail).toContain('offline');
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before + 1);

    const audit = await auditRows(gateway, target, 'charger.command');
    const restarts = audit
      .map((row) => ({ outcome: row.outcome, details: row.details as Record<string, unknown> }))
      .filter(({ details }) => details.command === 'RestartCharger')
      .map(({ outcome, details }) => [outcome, details.idempotencyKey]);
    expect(restarts).toEqual([
      ['SUCCEEDED', 'restart-1'],
      ['REJECTED', 'restart-2'],
    ]);
    const tooLong = await send('x'.repeat(201)).expect(400);
    expect(tooLong.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('keeps service commands for Maintainers and Administrators', async () => {
    const before = upstreamCalls(gateway, SEND_COMMAND);
    const owner = await command('owner', driveway, 'ResetComErrors', 403);
    expect(owner.body.code).toBe('FORBIDDEN');
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before);
    const [online] = officeIn(3);
    const service = await command('service', online, 'ResetComErrors', 202);
    expect(service.body.commandId).toBe(260);
  });

  it('answers 400 naming what may be sent for unknown names, and 400/403 for bad calls', async () => {
    const before = upstreamCalls(gateway, SEND_COMMAND);
    for (const name of ['Fly', 'Debug']) {
      const response = await command('owner', driveway, name, 400);
      expect(response.body).toMatchObject({ code: 'UNKNOWN_COMMAND' });
      expect(response.body.errors[0].field).toBe('command');
      expect(response.body.details.allowedCommands).toContain('StopChargingFinal');
      expect(response.body.details.allowedCommands).not.toContain('ResetComErrors');
    }
    const admin = await gateway.as('admin');
    const empty = await admin.post(`/v1/chargers/${office[0]}/commands`).send({}).expect(400);
    expect(empty.body.errors[0].field).toBe('command');
    const badId = await admin
      .post('/v1/chargers/nope/commands')
      .send({ command: 'RestartCharger' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('id');
    const driver = await gateway.as('driver');
    await driver
      .post(`/v1/chargers/${office[0]}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(403);
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(before);
  });

  it('deauthorizes a session (Zaptec answers 500 yet executes); a User authorizes the next', async () => {
    const [, charging] = officeIn(3, 2);
    const stopped = await command('admin', charging, 'DeauthorizeAndStop', 202);
    expect(stopped.body.commandId).toBe(10001);
    expect(simulatedMode(gateway, charging)).toBe(2);

    const driver = await gateway.as('driver');
    const authorized = await driver.post(`/v1/chargers/${charging}/authorize`).expect(202);
    expect(authorized.body).toEqual({ chargerId: charging, acceptedAt: expect.any(String) });
    expect(simulatedMode(gateway, charging)).toBe(3);
    // Nothing is waiting any more: Zaptec's refusal comes back as a 409.
    await driver.post(`/v1/chargers/${charging}/authorize`).expect(409);
    const audit = await auditRows(gateway, charging, 'charger.authorize');
    expect(audit.map((row) => [row.outcome, row.actorId])).toEqual([
      ['SUCCEEDED', DEMO.accountId('driver')],
      ['REJECTED', DEMO.accountId('driver')],
    ]);
    await (await gateway.as('outsider')).post(`/v1/chargers/${charging}/authorize`).expect(404);
  });
});
