import { Obs } from '../../src/simulator/world/observations';
import type { ConstantsVersion } from '../../src/simulator/simulator-options';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import { advanceClock, DEMO, GUID, stateOf } from './fixtures';

// Charging sessions on the stopped simulated clock (design.md "Demo data"): observations follow the
// session lifecycle (§5.4), a finished session yields CompletedSession 723 (§5.5) and a charge-
// history entry (§5.6); commands are validated as Zaptec does since 2025 (§6).

const OFFICE_CHARGERS = [
  'Office 1',
  'Office 2',
  'Office 3',
  'Office 4',
  'Office 5',
  'Office 6',
].map((name) => DEMO.chargerId(name));

async function start(constantsVersion: ConstantsVersion = '4.7.0') {
  const simulator = await startTestSimulator({ constantsVersion, rateLimit: false });
  const admin = await loginAs(simulator, 'admin');
  return { simulator, admin };
}

/** Office chargers whose 710 ChargerOperationMode currently has `mode`. */
async function chargersIn(simulator: RunningSimulator, token: string, mode: string) {
  const found: string[] = [];
  for (const id of OFFICE_CHARGERS) {
    if ((await stateOf(simulator, token, id)).get(Obs.OperationMode) === mode) found.push(id);
  }
  return found;
}

function command(simulator: RunningSimulator, token: string, chargerId: string, id: number) {
  return call(simulator, token, 'POST', `/api/chargers/${chargerId}/sendCommand/${id}`);
}

describe('a charging session on the stopped clock', () => {
  let simulator: RunningSimulator;
  let admin: string;
  beforeAll(async () => ({ simulator, admin } = await start()));
  afterAll(() => simulator.close());

  it('starts with about half the chargers charging', async () => {
    const all = [...OFFICE_CHARGERS, DEMO.chargerId('Driveway'), DEMO.chargerId('Garage')];
    const owner = await loginAs(simulator, 'owner');
    const modes = [];
    for (const id of all) {
      const token = OFFICE_CHARGERS.includes(id) ? admin : owner;
      modes.push((await stateOf(simulator, token, id)).get(Obs.OperationMode));
    }
    const charging = modes.filter((mode) => mode === '3').length;
    expect(charging).toBeGreaterThanOrEqual(2);
    expect(charging).toBeLessThanOrEqual(6);
    expect(modes.every((mode) => mode === '1' || mode === '3')).toBe(true);
  });

  it('keeps the world still while the clock is stopped', async () => {
    const first = await call(simulator, admin, 'GET', `/api/chargers/${OFFICE_CHARGERS[2]}/state`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await call(simulator, admin, 'GET', `/api/chargers/${OFFICE_CHARGERS[2]}/state`);
    expect(second.text).toBe(first.text);
  });

  it('moves the clock by advanceSeconds and refuses bad clock bodies', async () => {
    const before = (await call(simulator, undefined, 'GET', '/__sim/clock')).json;
    expect(before.speed).toBe(0);
    const after = await call(simulator, undefined, 'POST', '/__sim/clock', { advanceSeconds: 90 });
    expect(after.status).toBe(200);
    expect(Date.parse(after.json.now) - Date.parse(before.now)).toBe(90_000);
    for (const body of [
      { advanceSeconds: -1 },
      { advanceSeconds: 'soon' },
      { set: '2000-01-01T00:00:00Z' },
      { warp: 9 },
    ]) {
      const refused = await call(simulator, undefined, 'POST', '/__sim/clock', body);
      expect(refused.status).toBe(400);
    }
    expect((await call(simulator, undefined, 'GET', '/__sim/clock')).json).toEqual(after.json);
  });

  it('runs 1 Disconnected → 2 Requesting → 3 Charging → 5 Finished → 1 and commits the session as 723 and in the history', async () => {
    const [chargerId] = await chargersIn(simulator, admin, '1');
    expect(chargerId).toBeDefined();
    const modes: string[] = ['1'];
    let sessionId: string | undefined;
    const energyWhileCharging: number[] = [];
    let state = await stateOf(simulator, admin, chargerId);
    for (let step = 0; step < 24 * 120 && !(modes.length > 1 && modes.at(-1) === '1'); step += 1) {
      await advanceClock(simulator, 30);
      state = await stateOf(simulator, admin, chargerId);
      const mode = state.get(Obs.OperationMode)!;
      if (mode !== modes.at(-1)) modes.push(mode);
      if (mode === '3') {
        sessionId = state.get(Obs.SessionIdentifier);
        energyWhileCharging.push(Number(state.get(Obs.SessionEnergy)));
      }
    }
    expect(modes).toEqual(['1', '2', '3', '5', '1']);
    expect(sessionId).toMatch(GUID);
    expect(energyWhileCharging.length).toBeGreaterThan(2);
    expect(energyWhileCharging.at(-1)!).toBeGreaterThan(energyWhileCharging[0]);
    expect(state.get(Obs.SessionIdentifier)).toBe('');
    expect(state.get(Obs.TotalChargePower)).toBe('0.000');

    const completedValue = state.get(Obs.CompletedSession);
    expect(typeof completedValue).toBe('string');
    const completed = JSON.parse(completedValue!);
    expect(completed).toEqual({
      SessionId: sessionId,
      Energy: expect.any(Number),
      StartDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      EndDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      ReliableClock: true,
      StoppedByRFID: false,
      AuthenticationCode: expect.stringMatching(/^nfc-/),
      FirstAuthenticatedDateTime: expect.stringMatching(/Z$/),
      SignedSession: expect.stringMatching(/^OCMF\|\{/),
    });
    expect(completed.Energy).toBeGreaterThan(0);
    expect(completed.Energy).toBeCloseTo(energyWhileCharging.at(-1)!, 0);
    const ocmf = JSON.parse(completed.SignedSession.split('|')[1]);
    expect(ocmf.RD.map((reading: { TX: string }) => reading.TX)).toEqual(['B', 'E']);
    expect(ocmf.RD[1].RV - ocmf.RD[0].RV).toBeCloseTo(completed.Energy, 2);
    expect(ocmf.RD[0].TM).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{3}\+00:00 R$/);

    const history = await call(
      simulator,
      admin,
      'GET',
      `/api/chargehistory?ChargerId=${chargerId}&SortProperty=StartDateTime&SortDescending=true&PageSize=1`,
    );
    const entry = history.json.Data[0];
    expect(entry).toMatchObject({
      Id: sessionId,
      ChargerId: chargerId,
      Energy: completed.Energy,
      SignedSession: completed.SignedSession,
      CommitMetadata: 5, // Online | ReliableClock (4.7.0 has no Signed flag)
    });
    expect(Date.parse(`${entry.StartDateTime}Z`)).toBe(Date.parse(completed.StartDateTime));
    expect(Date.parse(`${entry.EndDateTime}Z`)).toBe(Date.parse(completed.EndDateTime));
    expect((await call(simulator, admin, 'GET', `/api/session/${sessionId}`)).json.SessionId).toBe(
      sessionId,
    );
  });

  it('restarts charging at the new power when maxChargeCurrent changes', async () => {
    const [chargerId] = await chargersIn(simulator, admin, '3');
    const before = await stateOf(simulator, admin, chargerId);
    const response = await call(simulator, admin, 'POST', `/api/chargers/${chargerId}/update`, {
      maxChargeCurrent: 8,
    });
    expect(response.status).toBe(200);
    const after = await stateOf(simulator, admin, chargerId);
    expect(after.get(Obs.MaxCurrent)).toBe('8.000');
    expect(after.get(Obs.OperationMode)).toBe('3');
    expect(Number(after.get(Obs.TotalChargePower))).toBeLessThan(
      Number(before.get(Obs.TotalChargePower)),
    );
    expect(Number(after.get(Obs.TotalChargePower))).toBeCloseTo(3 * 230 * 8 * 0.98, 0);
  });

  it('delivers no power below 6 A and charges again when the current is raised', async () => {
    const [chargerId] = await chargersIn(simulator, admin, '3');
    const set = (current: number) =>
      call(simulator, admin, 'POST', `/api/chargers/${chargerId}/update`, {
        maxChargeCurrent: current,
      });
    expect((await set(0)).status).toBe(200);
    const stopped = await stateOf(simulator, admin, chargerId);
    expect(stopped.get(Obs.TotalChargePower)).toBe('0.000');
    await advanceClock(simulator, 600);
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.SessionEnergy)).toBe(
      stopped.get(Obs.SessionEnergy),
    );
    expect((await set(16)).status).toBe(200);
    expect(
      Number((await stateOf(simulator, admin, chargerId)).get(Obs.TotalChargePower)),
    ).toBeGreaterThan(0);
  });
});

describe('commands with constants 6.5.8', () => {
  let simulator: RunningSimulator;
  let admin: string;
  let charging: string[];
  beforeAll(async () => {
    ({ simulator, admin } = await start('6.5.8'));
    charging = await chargersIn(simulator, admin, '3');
  });
  afterAll(() => simulator.close());

  it('pauses a charging charger with 506 StopChargingFinal (718 = 1, 710 = 5)', async () => {
    expect(charging.length).toBeGreaterThanOrEqual(2);
    const response = await command(simulator, admin, charging[0], 506);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const state = await stateOf(simulator, admin, charging[0]);
    expect([
      state.get(Obs.FinalStopActive),
      state.get(Obs.OperationMode),
      state.get(Obs.TotalChargePower),
    ]).toEqual(['1', '5', '0.000']);
  });

  it('refuses a second 506 on a paused charger with 500 Code 528', async () => {
    const response = await command(simulator, admin, charging[0], 506);
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ Code: 528, Details: expect.any(String), StackTrace: null });
  });

  it('resumes a paused charger with 507 ResumeCharging (718 = 0, 710 = 3)', async () => {
    const response = await command(simulator, admin, charging[0], 507);
    expect(response.status).toBe(200);
    const state = await stateOf(simulator, admin, charging[0]);
    expect([state.get(Obs.FinalStopActive), state.get(Obs.OperationMode)]).toEqual(['0', '3']);
    expect(Number(state.get(Obs.TotalChargePower))).toBeGreaterThan(0);
  });

  it('refuses 507 when not paused with the documented Code 528 body', async () => {
    const response = await command(simulator, admin, charging[0], 507);
    expect(response.status).toBe(500);
    expect(response.text).toBe(
      '{"Code":528,"Details":"Charging is not Paused nor Scheduled; Resume command cannot be sent","StackTrace":null}',
    );
  });

  it('refuses 506 on a disconnected charger with 500 Code 528', async () => {
    const [disconnected] = await chargersIn(simulator, admin, '1');
    const response = await command(simulator, admin, disconnected, 506);
    expect(response.status).toBe(500);
    expect(response.json.Code).toBe(528);
  });

  it('answers 10001 DeauthorizeAndStop with 500 yet stops the session and commits it', async () => {
    const chargerId = charging[1];
    const sessionId = (await stateOf(simulator, admin, chargerId)).get(Obs.SessionIdentifier);
    expect(sessionId).toMatch(GUID);
    const response = await command(simulator, admin, chargerId, 10001);
    expect(response.status).toBe(500);
    const state = await stateOf(simulator, admin, chargerId);
    expect(state.get(Obs.OperationMode)).toBe('2');
    expect(state.get(Obs.TotalChargePower)).toBe('0.000');
    expect(JSON.parse(state.get(Obs.CompletedSession)!).SessionId).toBe(sessionId);
    const history = await call(
      simulator,
      admin,
      'GET',
      `/api/chargehistory?ChargerId=${chargerId}&SortDescending=true&PageSize=1`,
    );
    expect(history.json.Data[0]).toMatchObject({ Id: sessionId, CommitMetadata: 21 });
    expect(state.get(Obs.SessionIdentifier)).toBe('');
  });

  it('lets authorizecharge start a new session for the car that 10001 deauthorised', async () => {
    const chargerId = charging[1];
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.OperationMode)).toBe('2');
    const before = (await stateOf(simulator, admin, chargerId)).get(Obs.CompletedSession);
    const response = await call(
      simulator,
      admin,
      'POST',
      `/api/chargers/${chargerId}/authorizecharge`,
    );
    expect(response.status).toBe(200);
    const state = await stateOf(simulator, admin, chargerId);
    expect(state.get(Obs.OperationMode)).toBe('3');
    expect(state.get(Obs.SessionIdentifier)).toMatch(GUID);
    expect(state.get(Obs.SessionIdentifier)).not.toBe(JSON.parse(before!).SessionId);
  });

  it('restarts a charger with 102: offline (-2 = 0) for a minute, then online again', async () => {
    const chargerId = OFFICE_CHARGERS[5];
    expect((await command(simulator, admin, chargerId, 102)).status).toBe(200);
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.IsOnline)).toBe('0');
    await advanceClock(simulator, 61);
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.IsOnline)).toBe('1');
  });

  it.each([
    ['an unknown command id (12345)', 500, '12345', { Code: 519 }],
    ['a non-numeric command id', 400, 'stop', { status: 400 }],
  ])('answers %s with %i', async (_label, status, commandId, body) => {
    const response = await call(
      simulator,
      admin,
      'POST',
      `/api/chargers/${OFFICE_CHARGERS[0]}/sendCommand/${commandId}`,
    );
    expect(response.status).toBe(status);
    expect(response.json).toMatchObject(body);
  });
});

describe('commands with constants 4.7.0', () => {
  let simulator: RunningSimulator;
  let admin: string;
  beforeAll(async () => ({ simulator, admin } = await start('4.7.0')));
  afterAll(() => simulator.close());

  it.each([506, 507])('does not know command %i: 500 Code 519', async (commandId) => {
    const [chargerId] = await chargersIn(simulator, admin, '3');
    const response = await command(simulator, admin, chargerId, commandId);
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ Code: 519, Details: expect.any(String), StackTrace: null });
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.OperationMode)).toBe('3');
  });

  it.each([
    ['the range marker CombinedMin', 10000],
    ['the range marker CombinedMax', 10999],
    ['Unknown', 0],
  ])('does not take %s (%i) for a command: 500 Code 519', async (_label, commandId) => {
    const response = await command(simulator, admin, OFFICE_CHARGERS[0], commandId);
    expect(response.status).toBe(500);
    expect(response.json.Code).toBe(519);
  });

  it('uses only error codes that 4.7.0 can decode: authorizecharge with no car waiting is 505', async () => {
    const [disconnected] = await chargersIn(simulator, admin, '1');
    const response = await call(
      simulator,
      admin,
      'POST',
      `/api/chargers/${disconnected}/authorizecharge`,
    );
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ Code: 505, Details: expect.any(String), StackTrace: null });
  });

  it('pauses with the old 502 StopCharging and resumes with 501 StartCharging', async () => {
    const [chargerId] = await chargersIn(simulator, admin, '3');
    expect((await command(simulator, admin, chargerId, 502)).status).toBe(200);
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.OperationMode)).toBe('5');
    expect((await command(simulator, admin, chargerId, 501)).status).toBe(200);
    expect((await stateOf(simulator, admin, chargerId)).get(Obs.OperationMode)).toBe('3');
  });

  it('commits only the energy charged before a pause when the car leaves paused', async () => {
    const chargerId = (await chargersIn(simulator, admin, '3')).at(-1)!;
    await advanceClock(simulator, 600);
    expect((await command(simulator, admin, chargerId, 502)).status).toBe(200);
    const paused = await stateOf(simulator, admin, chargerId);
    const charged = Number(paused.get(Obs.SessionEnergy));
    expect(charged).toBeGreaterThan(0);
    // A paused car leaves within three hours; nothing is charged meanwhile.
    await advanceClock(simulator, 4 * 3600);
    const after = await stateOf(simulator, admin, chargerId);
    expect(after.get(Obs.OperationMode)).toBe('1');
    const completed = JSON.parse(after.get(Obs.CompletedSession)!);
    expect(completed.SessionId).toBe(paused.get(Obs.SessionIdentifier));
    expect(completed.Energy).toBeCloseTo(charged, 2);
  });
});
