import type { RunningSimulator } from '../../src/simulator/simulator';
import { Obs } from '../../src/simulator/world/observations';
import { call, loginAs, startTestSimulator } from '../support/simulator';
import {
  anInteger,
  DEMO,
  GUID,
  JSON_TYPE,
  type StateItem,
  stateOf,
  UNKNOWN_ID,
  ZAPTEC_TIME,
  useContractSimulator,
} from './fixtures';

// The wire contract (zaptec-api.md §1-§8) of reading chargers: the list, the detail and the
// state, with status, content type, body shape and JSON types.

const OFFICE_1 = DEMO.chargerId('Office 1');
const DRIVEWAY = DEMO.chargerId('Driveway');

describe('the REST API', () => {
  const { get } = useContractSimulator();

  describe('/api/chargers', () => {
    const listItem = (withPin: boolean, deviceId: RegExp) => ({
      OperatingMode: anInteger,
      IsOnline: expect.any(Boolean),
      Id: expect.stringMatching(GUID),
      MID: expect.stringMatching(deviceId),
      DeviceId: expect.stringMatching(deviceId),
      SerialNo: expect.any(String),
      Name: expect.any(String),
      CreatedOnDate: expect.stringMatching(ZAPTEC_TIME),
      CircuitId: expect.stringMatching(GUID),
      Active: true,
      CurrentUserRoles: anInteger,
      ...(withPin ? { Pin: expect.stringMatching(/^\d{4}$/) } : {}),
      DeviceType: anInteger,
      InstallationName: expect.any(String),
      InstallationId: expect.stringMatching(GUID),
      AuthenticationType: anInteger,
      IsAuthorizationRequired: expect.any(Boolean),
    });

    it('lists the owner’s two Go chargers with the §5.2 fields, Pin included', async () => {
      const response = await get('owner', '/api/chargers');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json.Pages).toBe(1);
      expect(response.json.Data).toHaveLength(2);
      for (const item of response.json.Data) {
        expect(item).toEqual(listItem(true, /^ZAP\d{6}$/));
        expect(item).toMatchObject({
          DeviceType: 4,
          CurrentUserRoles: 3,
          InstallationId: DEMO.home.id,
          InstallationName: 'Home',
          CircuitId: DEMO.home.circuitId,
        });
      }
    });

    it('lists the six Office Pro chargers for the administrator without a Pin', async () => {
      const response = await get('admin', '/api/chargers');
      expect(response.json.Data.map((item: { Name: string }) => item.Name).sort()).toEqual([
        'Office 1',
        'Office 2',
        'Office 3',
        'Office 4',
        'Office 5',
        'Office 6',
      ]);
      for (const item of response.json.Data) {
        expect(item).toEqual(listItem(false, /^ZCS\d{6}$/));
        expect(item).toMatchObject({
          DeviceType: 1,
          CurrentUserRoles: 8,
          IsAuthorizationRequired: true,
        });
      }
    });

    it.each([
      ['', 1, 6],
      ['?PageSize=4', 2, 4],
      ['?PageSize=4&PageIndex=1', 2, 2],
      ['?pagesize=4&pageindex=1', 2, 2],
      ['?PageIndex=3', 1, 0],
      ['?PageSize=500', 1, 6],
      [`?InstallationId=${DEMO.home.id}`, 0, 0],
      ['?NameFilter=office 2', 1, 1],
    ])(
      'pages the administrator’s chargers with %s into %i page(s) of %i',
      async (query, pages, count) => {
        const response = await get('admin', `/api/chargers${query}`);
        expect(response.status).toBe(200);
        expect(response.json.Pages).toBe(pages);
        expect(response.json.Data).toHaveLength(count);
      },
    );

    it('returns the charger detail: the list item without OperatingMode/IsOnline plus the detail fields', async () => {
      const response = await get('owner', `/api/chargers/${DRIVEWAY}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      const { OperatingMode, IsOnline, ...listed } = listItem(true, /^ZAP\d{6}$/);
      expect(response.json).toEqual({
        ...listed,
        Id: DRIVEWAY,
        Name: 'Driveway',
        HasSessions: true,
        PropertyAuthenticationDisabled: true,
        PropertyOfflinePhaseOverride: anInteger,
        PropertyOfflineCurrentOverride: expect.any(Number),
        SignedMeterValueKwh: expect.any(Number),
        SignedMeterValue: expect.stringMatching(/^OCMF\|\{/),
      });
    });

    it.each([
      ['an unknown charger', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'ZAP000101'],
    ])('answers the detail of %s with %i', async (_label, status, id) => {
      expect((await get('admin', `/api/chargers/${id}`)).status).toBe(status);
    });
  });

  describe('/api/chargers/{id}/state', () => {
    it('returns a flat array of observations with integer StateIds and string values (§5.4)', async () => {
      const response = await get('admin', `/api/chargers/${OFFICE_1}/state`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      const items = response.json as StateItem[];
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeGreaterThan(20);
      for (const item of items) {
        expect(item.ChargerId).toBe(OFFICE_1);
        expect(Number.isInteger(item.StateId)).toBe(true);
        expect(item.Timestamp).toMatch(ZAPTEC_TIME);
        if ('ValueAsString' in item) expect(typeof item.ValueAsString).toBe('string');
        expect(
          Object.keys(item).every((key) =>
            ['ChargerId', 'StateId', 'Timestamp', 'ValueAsString'].includes(key),
          ),
        ).toBe(true);
      }
      const pulse = items.find((item) => item.StateId === -1);
      expect(pulse).toBeDefined();
      expect(pulse).not.toHaveProperty('ValueAsString');
      const byId = new Map(items.map((item) => [item.StateId, item.ValueAsString]));
      expect(byId.get(Obs.IsOnline)).toBe('1');
      expect(byId.get(Obs.OperationMode)).toMatch(/^[1235]$/);
      expect(byId.get(Obs.MaxCurrent)).toMatch(/^\d+\.\d{3}$/);
      expect(byId.get(Obs.SignedMeterValue)).toMatch(/^OCMF\|/);
      expect(new Set(items.map((item) => item.StateId)).size).toBe(items.length);
    });

    it('answers an unknown charger with 404 and the camelCase body', async () => {
      const response = await get('admin', `/api/chargers/${UNKNOWN_ID}/state`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.text).toBe('{"errorCode":512,"message":"Charger not found."}');
    });

    it('answers a malformed charger id with a 400 validation problem', async () => {
      const response = await get('admin', '/api/chargers/not-a-guid/state');
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ status: 400, errors: { id: [expect.any(String)] } });
    });

    it('accepts an upper-case GUID', async () => {
      const response = await get('admin', `/api/chargers/${OFFICE_1.toUpperCase()}/state`);
      expect(response.status).toBe(200);
      expect(response.json[0].ChargerId).toBe(OFFICE_1);
    });
  });
});

// ChargeCurrentInstallationMaxLimit: HA, evcc and pyzaptec read 707 (Pro) / 546 (Go) and fall back
// to 32 A without it (§5.4, §9, §13). A Go reports 546 whatever the constants name; a Pro reports
// 707 where the constants have it (4.7.0; 6.x dropped it).
describe.each([
  ['4.7.0', true],
  ['6.5.8', false],
] as const)('the installation limit in the state, constants %s', (constantsVersion, proHas707) => {
  let simulator: RunningSimulator;
  let owner: string;
  let admin: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({ constantsVersion, rateLimit: false });
    [owner, admin] = [await loginAs(simulator, 'owner'), await loginAs(simulator, 'admin')];
  });
  afterAll(() => simulator.close());

  it("reports a Go's 546 as the installation's available current", async () => {
    const state = await stateOf(simulator, owner, DRIVEWAY);
    expect(state.get(Obs.InstallationMaxLimitGo)).toBe('32.000');
    expect(state.has(Obs.InstallationMaxLimitPro)).toBe(false);
  });

  it(`${proHas707 ? 'reports' : 'does not report'} a Pro's 707`, async () => {
    const state = await stateOf(simulator, admin, OFFICE_1);
    expect(state.get(Obs.InstallationMaxLimitPro)).toBe(proHas707 ? '63.000' : undefined);
    expect(state.has(Obs.InstallationMaxLimitGo)).toBe(false);
  });

  it('follows installation/update', async () => {
    const update = (body: object) =>
      call(simulator, owner, 'POST', `/api/installation/${DEMO.home.id}/update`, body);
    expect((await update({ availableCurrent: 20 })).status).toBe(200);
    expect((await stateOf(simulator, owner, DRIVEWAY)).get(Obs.InstallationMaxLimitGo)).toBe(
      '20.000',
    );
    await update({ availableCurrent: 32 });
  });
});
