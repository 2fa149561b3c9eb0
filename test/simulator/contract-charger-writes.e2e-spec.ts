import { Obs } from '../../src/simulator/world/observations';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import {
  advanceClock,
  anInteger,
  DEMO,
  JSON_TYPE,
  requestsAs,
  startContractSimulator,
  stateOf,
  type Tokens,
} from './fixtures';

// The wire contract (zaptec-api.md §1-§8) of writing to chargers: updates, settings, local
// settings and authorizecharge.

const OFFICE_1 = DEMO.chargerId('Office 1');
const DRIVEWAY = DEMO.chargerId('Driveway');

describe('the REST API', () => {
  let simulator: RunningSimulator;
  let tokens: Tokens;
  const { get, post } = requestsAs(() => ({ simulator, tokens }));

  beforeAll(async () => {
    ({ simulator, tokens } = await startContractSimulator());
  });
  afterAll(() => simulator.close());

  describe('charger writes', () => {
    const office2 = DEMO.chargerId('Office 2');

    it.each([
      ['camelCase', { maxChargeCurrent: 12 }, '12.000'],
      ['PascalCase', { MaxChargeCurrent: 13.5 }, '13.500'],
      ['upper case', { MAXCHARGECURRENT: 14 }, '14.000'],
    ])(
      'applies a %s chargers/update body, answers 200 empty and shows it in state 510',
      async (_label, body, shown) => {
        const response = await post('admin', `/api/chargers/${office2}/update`, body);
        expect(response.status).toBe(200);
        expect(response.text).toBe('');
        expect((await stateOf(simulator, tokens.admin, office2)).get(Obs.MaxCurrent)).toBe(shown);
      },
    );

    it('applies the other update fields to their observations', async () => {
      const response = await post('admin', `/api/chargers/${office2}/update`, {
        minChargeCurrent: 7,
        maxChargePhases: 1,
        offlineChargeCurrent: 10,
        offlineChargePhase: 2,
        meterValueInterval: 600,
      });
      expect(response.status).toBe(200);
      const state = await stateOf(simulator, tokens.admin, office2);
      expect(
        [
          Obs.MinCurrent,
          Obs.MaxPhases,
          Obs.OfflineCurrent,
          Obs.OfflinePhase,
          Obs.MeterValueInterval,
        ].map((id) => state.get(id)),
      ).toEqual(['7.000', '1', '10.000', '2', '600']);
    });

    it('ignores nulls and unknown fields in chargers/update', async () => {
      const before = (await stateOf(simulator, tokens.admin, office2)).get(Obs.MaxCurrent);
      const response = await post('admin', `/api/chargers/${office2}/update`, {
        maxChargeCurrent: null,
        somethingElse: 5,
      });
      expect(response.status).toBe(200);
      expect((await stateOf(simulator, tokens.admin, office2)).get(Obs.MaxCurrent)).toBe(before);
    });

    it.each([
      ['a current above 32 A', { maxChargeCurrent: 33 }],
      ['two phases', { maxChargePhases: 2 }],
      ['a string current', { maxChargeCurrent: '16' }],
    ])('refuses %s with a Zaptec 500 error body', async (_label, body) => {
      const response = await post('admin', `/api/chargers/${office2}/update`, body);
      expect(response.status).toBe(500);
      expect(response.json).toEqual({
        Code: anInteger,
        Details: expect.any(String),
        StackTrace: null,
      });
    });

    it('reads settings as a map of {SettingId, Value} and writes them with [{id, value}]', async () => {
      const before = await get('admin', `/api/chargers/${office2}/settings`);
      expect(before.status).toBe(200);
      expect(before.headers.get('content-type')).toBe(JSON_TYPE);
      for (const [key, setting] of Object.entries(before.json)) {
        expect(setting).toEqual({ SettingId: Number(key), Value: expect.any(String) });
      }
      const write = await post('admin', `/api/chargers/${office2}/settings`, [
        { id: 510, value: 16 },
      ]);
      expect(write.status).toBe(200);
      expect(write.text).toBe('');
      const after = await get('admin', `/api/chargers/${office2}/settings`);
      expect(after.json['510']).toEqual({ SettingId: 510, Value: '16.000' });
      expect((await stateOf(simulator, tokens.admin, office2)).get(Obs.MaxCurrent)).toBe('16.000');
    });

    it('refuses a setting id the constants do not list (710 is an observation) and changes nothing', async () => {
      const before = await stateOf(simulator, tokens.admin, office2);
      const write = await post('admin', `/api/chargers/${office2}/settings`, [
        { id: 710, value: 3 },
      ]);
      expect(write.status).toBe(500);
      expect(write.json).toEqual({ Code: 504, Details: 'Unknown setting 710.', StackTrace: null });
      expect((await stateOf(simulator, tokens.admin, office2)).get(Obs.OperationMode)).toBe(
        before.get(Obs.OperationMode),
      );
    });

    it.each([
      [{ Cable: { PermanentLock: true } }, 151, '1'],
      [{ cable: { permanentLock: false } }, 151, '0'],
      [{ Device: { HmiBrightness: 0.25 } }, 153, '0.250'],
    ])('applies localSettings %j to observation %i', async (body, stateId, shown) => {
      const response = await post('admin', `/api/chargers/${office2}/localSettings`, body);
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      expect((await stateOf(simulator, tokens.admin, office2)).get(stateId)).toBe(shown);
    });

    it('refuses a localSettings brightness outside 0-1 with a Zaptec 500', async () => {
      const response = await post('admin', `/api/chargers/${office2}/localSettings`, {
        Device: { HmiBrightness: 2 },
      });
      expect(response.status).toBe(500);
      expect(response.json).toEqual({
        Code: anInteger,
        Details: expect.any(String),
        StackTrace: null,
      });
    });
  });
});

describe('authorizecharge', () => {
  let simulator: RunningSimulator;
  let driver: string;
  let admin: string;
  let owner: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({ rateLimit: false });
    driver = await loginAs(simulator, 'driver');
    admin = await loginAs(simulator, 'admin');
    owner = await loginAs(simulator, 'owner');
  });
  afterAll(() => simulator.close());

  it('starts charging for a car waiting for authorization (710 = 2), with an empty 200', async () => {
    // Office requires authentication: an arriving car waits in 2 Requesting for a minute or more.
    // The driver (a plain User) may authorize but not read the state; the admin reads it.
    let mode = (await stateOf(simulator, admin, OFFICE_1)).get(Obs.OperationMode);
    for (let minute = 0; minute < 12 * 60 && mode !== '2'; minute += 1) {
      await advanceClock(simulator, 60);
      mode = (await stateOf(simulator, admin, OFFICE_1)).get(Obs.OperationMode);
    }
    expect(mode).toBe('2');
    const response = await call(
      simulator,
      driver,
      'POST',
      `/api/chargers/${OFFICE_1}/authorizecharge`,
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect((await stateOf(simulator, admin, OFFICE_1)).get(Obs.OperationMode)).toBe('3');
  });

  it('refuses authorizecharge when no car is waiting with a Zaptec 500', async () => {
    const response = await call(
      simulator,
      owner,
      'POST',
      `/api/chargers/${DRIVEWAY}/authorizecharge`,
    );
    expect(response.status).toBe(500);
    expect(response.json).toEqual({
      Code: anInteger,
      Details: expect.any(String),
      StackTrace: null,
    });
  });
});
