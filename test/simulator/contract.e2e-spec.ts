import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '../../src/simulator/simulator';
import {
  ACCOUNTS,
  call,
  type DemoAccountName,
  loginAs,
  startTestSimulator,
} from '../support/simulator';
import {
  ACCOUNT_NAMES,
  advanceClock,
  anInteger,
  DEMO,
  FIXED_START,
  GUID,
  JSON_TYPE,
  passwordGrant,
  sleep,
  type StateItem,
  stateOf,
  tokenRequest,
  ZAPTEC_TIME,
} from './fixtures';

// The wire contract of every endpoint the gateway uses (zaptec-api.md §1-§8): status,
// content type, body shape and JSON types.

const DATA_DIR = join(__dirname, '../../src/simulator/data');
const OFFICE_1 = DEMO.chargerId('Office 1');
const DRIVEWAY = DEMO.chargerId('Driveway');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('POST /oauth/token', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(() => simulator.close());
  // The login limit (one per second per user) is cleared by a reset, so every test starts fresh.
  beforeEach(() => call(simulator, undefined, 'POST', '/__sim/reset'));

  it.each([
    ['no scope', undefined],
    ['scope openid', 'openid'],
    ['scope offline_access', 'offline_access'],
    ['scopes openid and offline_access', 'openid offline_access'],
  ])(
    'answers a form-encoded password grant with %s with a bearer token for 86399 s',
    async (_label, scope) => {
      const response = await tokenRequest(
        simulator,
        passwordGrant('owner', scope === undefined ? {} : { scope }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'bearer',
        expires_in: 86399,
        refresh_token: expect.stringMatching(/^\S{16,}$/),
      });
      // The JWT subject is the user id (the rate-limit key, §2 / §8).
      expect(jwtPayload(response.json.access_token).sub).toBe(ACCOUNTS.owner.id);
      const installations = await call(
        simulator,
        response.json.access_token,
        'GET',
        '/api/installation',
      );
      expect(installations.status).toBe(200);
    },
  );

  it.each([
    ['a wrong password', { ...passwordGrant('driver'), password: 'not-the-password' }],
    ['an unknown user', { ...passwordGrant('driver'), username: 'nobody@demo.zaptec.local' }],
    ['no password', { grant_type: 'password', username: ACCOUNTS.driver.email }],
  ])('refuses %s with 400 invalid_grant and a description', async (_label, form) => {
    const response = await tokenRequest(simulator, form);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(JSON_TYPE);
    expect(response.json).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/\w+/),
    });
  });

  it('refuses the refresh grant with the OpenIddict invalid_grant body (refresh never works)', async () => {
    const login = await tokenRequest(simulator, passwordGrant('admin'));
    const refresh = await tokenRequest(simulator, {
      grant_type: 'refresh_token',
      refresh_token: login.json.refresh_token,
    });
    expect(refresh.status).toBe(400);
    expect(refresh.json).toEqual({
      error: 'invalid_grant',
      error_description: 'The specified refresh token is invalid.',
      error_uri: 'https://documentation.openiddict.com/errors/ID2003',
    });
  });

  it('answers a second login of the same user within a second with the nginx 503 page and no Retry-After', async () => {
    expect((await tokenRequest(simulator, passwordGrant('service'))).status).toBe(200);
    const second = await tokenRequest(simulator, passwordGrant('service'));
    expect(second.status).toBe(503);
    expect(second.headers.get('content-type')).toMatch(/^text\/html/);
    expect(second.headers.get('retry-after')).toBeNull();
    expect(second.text).toContain('<title>503 Service Temporarily Unavailable</title>');
    expect(second.text).toContain('nginx/1.29.0');
  });

  it('lets another user log in during the same second', async () => {
    expect((await tokenRequest(simulator, passwordGrant('service'))).status).toBe(200);
    expect((await tokenRequest(simulator, passwordGrant('outsider'))).status).toBe(200);
  });

  it('lets the same user log in again after 1.1 s', async () => {
    expect((await tokenRequest(simulator, passwordGrant('outsider'))).status).toBe(200);
    await sleep(1_100);
    expect((await tokenRequest(simulator, passwordGrant('outsider'))).status).toBe(200);
  });
});

describe('GET /api/constants', () => {
  it.each(['4.7.0', '6.5.8'] as const)(
    'serves the %s seed byte for byte without a token',
    async (version) => {
      const simulator = await startTestSimulator({ constantsVersion: version });
      try {
        const response = await fetch(`${simulator.url}/api/constants`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(JSON_TYPE);
        const served = Buffer.from(await response.arrayBuffer());
        expect(served.equals(readFileSync(join(DATA_DIR, `constants-${version}.json`)))).toBe(true);
        expect(JSON.parse(served.toString('utf8')).Version).toMatch(new RegExp(`^${version}`));
      } finally {
        await simulator.close();
      }
    },
  );
});

describe('the REST API', () => {
  let simulator: RunningSimulator;
  const tokens = {} as Record<DemoAccountName, string>;
  const get = (account: DemoAccountName, path: string) =>
    call(simulator, tokens[account], 'GET', path);
  const post = (account: DemoAccountName, path: string, body?: unknown) =>
    call(simulator, tokens[account], 'POST', path, body);

  beforeAll(async () => {
    // The limiter has its own suite (limits.e2e-spec.ts); here it would only slow the contract down.
    simulator = await startTestSimulator({ rateLimit: false, start: FIXED_START });
    for (const name of ACCOUNT_NAMES) tokens[name] = await loginAs(simulator, name);
  });
  afterAll(() => simulator.close());

  describe('/api/installation', () => {
    it('lists the caller’s installations in the {Pages, Data} envelope', async () => {
      const response = await get('admin', '/api/installation');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(Object.keys(response.json).sort()).toEqual(['Data', 'Pages']);
      expect(response.json.Pages).toBe(1);
      expect(response.json.Data.map((item: { Name: string }) => item.Name)).toEqual(['Office']);
    });

    it('answers ReturnIdNameOnly=true with Id and Name only', async () => {
      const response = await get('owner', '/api/installation?ReturnIdNameOnly=true');
      expect(response.json).toEqual({ Pages: 1, Data: [{ Id: DEMO.home.id, Name: 'Home' }] });
    });

    it.each([
      ['PageIndex=-1', 'PageIndex'],
      ['PageSize=abc', 'PageSize'],
      ['PageSize=0', 'PageSize'],
      ['PageIndex=1.5', 'PageIndex'],
    ])('answers %s with a 400 validation problem naming the parameter', async (query, field) => {
      for (const path of ['/api/installation', '/api/chargers', '/api/chargehistory']) {
        const response = await get('admin', `${path}?${query}`);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.json).toMatchObject({
          status: 400,
          errors: { [field]: [expect.any(String)] },
        });
      }
    });

    it('returns the full installation object (§5.1) to an administrator', async () => {
      const response = await get('admin', `/api/installation/${DEMO.office.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        Id: DEMO.office.id,
        Name: 'Office',
        Address: expect.any(String),
        ZipCode: expect.any(String),
        City: expect.any(String),
        CountryId: expect.stringMatching(GUID),
        InstallationType: anInteger,
        MaxCurrent: 63,
        AvailableCurrentPhase1: expect.any(Number),
        AvailableCurrentPhase2: expect.any(Number),
        AvailableCurrentPhase3: expect.any(Number),
        AvailableCurrentMode: anInteger,
        AvailableCurrentScheduleWeekendActive: false,
        ThreeToOnePhaseSwitchCurrent: expect.any(Number),
        InstallationCategoryId: expect.stringMatching(GUID),
        InstallationCategory: expect.any(String),
        UseLoadBalancing: expect.any(Boolean),
        IsRequiredAuthentication: true,
        Latitude: expect.any(Number),
        Longitude: expect.any(Number),
        Active: true,
        NetworkType: anInteger,
        AvailableInternetAccessPLC: expect.any(Boolean),
        AvailableInternetAccessWiFi: expect.any(Boolean),
        CreatedOnDate: expect.stringMatching(ZAPTEC_TIME),
        UpdatedOn: expect.stringMatching(ZAPTEC_TIME),
        CurrentUserRoles: 8,
        AuthenticationType: anInteger,
        MessagingEnabled: expect.any(Boolean),
        RoutingId: expect.any(String),
        OcppCloudUrlVersion: anInteger,
        TimeZoneName: expect.any(String),
        TimeZoneIanaName: expect.any(String),
        IsSubscriptionsAvailableForCurrentUser: expect.any(Boolean),
        AvailableFeatures: anInteger,
        EnabledFeatures: anInteger,
        ActiveChargerCount: 6,
        PropertyFirmwareAutomaticUpdates: expect.any(Boolean),
        PropertySessionMaxStopCount: anInteger,
      });
      // Null-valued properties are omitted, never sent as null (§1).
      expect(response.text).not.toContain('null');
    });

    it('returns a reduced installation without AuthenticationType to a plain User', async () => {
      const response = await get('driver', `/api/installation/${DEMO.office.id}`);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        Id: DEMO.office.id,
        Name: 'Office',
        CurrentUserRoles: 1,
      });
      for (const field of [
        'AuthenticationType',
        'MaxCurrent',
        'AvailableCurrentPhase1',
        'Latitude',
      ]) {
        expect(response.json).not.toHaveProperty(field);
      }
    });

    it('adds InstallationUsers with DetailLevel=1', async () => {
      const response = await get('admin', `/api/installation/${DEMO.office.id}?DetailLevel=1`);
      expect(response.json.InstallationUsers).toEqual(
        expect.arrayContaining([
          { UserId: ACCOUNTS.admin.id, Roles: 8 },
          { UserId: ACCOUNTS.service.id, Roles: 4 },
          { UserId: ACCOUNTS.driver.id, Roles: 1 },
        ]),
      );
    });

    it.each([
      ['an unknown id', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'not-a-guid'],
    ])('answers %s with %i', async (_label, status, id) => {
      const response = await get('admin', `/api/installation/${id}`);
      expect(response.status).toBe(status);
    });

    it('returns the hierarchy with two circuits of three chargers for the Office', async () => {
      const response = await get('service', `/api/installation/${DEMO.office.id}/hierarchy`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toMatchObject({
        Id: DEMO.office.id,
        Name: 'Office',
        InstallationName: 'Office',
        NetworkType: anInteger,
      });
      expect(response.json.Circuits.map((circuit: { Id: string }) => circuit.Id)).toEqual(
        DEMO.office.circuitIds,
      );
      for (const circuit of response.json.Circuits) {
        expect(circuit.Chargers).toHaveLength(3);
        for (const charger of circuit.Chargers) {
          expect(charger).toEqual({
            Id: expect.stringMatching(GUID),
            DeviceId: expect.stringMatching(/^ZCS\d{6}$/),
            MID: charger.DeviceId,
            Name: expect.any(String),
            SerialNo: expect.any(String),
            Active: true,
            DeviceType: 1,
          });
        }
      }
    });

    it('answers the hierarchy with an empty 204 for a plain User', async () => {
      const response = await get('driver', `/api/installation/${DEMO.office.id}/hierarchy`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
    });

    it('applies an installation update (camelCase or PascalCase) and answers 200 with an empty body', async () => {
      const camel = await post('admin', `/api/installation/${DEMO.office.id}/update`, {
        availableCurrent: 20,
      });
      expect(camel.status).toBe(200);
      expect(camel.text).toBe('');
      expect(camel.headers.get('content-length')).toBe('0');
      let installation = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      expect([
        installation.AvailableCurrentPhase1,
        installation.AvailableCurrentPhase2,
        installation.AvailableCurrentPhase3,
      ]).toEqual([20, 20, 20]);

      const pascal = await post('admin', `/api/installation/${DEMO.office.id}/update`, {
        AvailableCurrentPhase1: 10,
        AvailableCurrentPhase2: 11,
        AvailableCurrentPhase3: 12,
      });
      expect(pascal.status).toBe(200);
      installation = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      expect([
        installation.AvailableCurrentPhase1,
        installation.AvailableCurrentPhase2,
        installation.AvailableCurrentPhase3,
      ]).toEqual([10, 11, 12]);
    });

    it.each([
      ['an available current above MaxCurrent', { availableCurrent: 64 }],
      ['a negative available current', { availableCurrent: -1 }],
      ['only two of the three phases', { availableCurrentPhase1: 10, availableCurrentPhase2: 10 }],
      ['a switch current above 32', { threeToOnePhaseSwitchCurrent: 33 }],
      ['a string current', { availableCurrent: 'lots' }],
    ])('refuses %s with a Zaptec 500 error body and changes nothing', async (_label, body) => {
      const before = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      const response = await post('admin', `/api/installation/${DEMO.office.id}/update`, body);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        Code: anInteger,
        Details: expect.any(String),
        StackTrace: null,
      });
      expect((await get('admin', `/api/installation/${DEMO.office.id}`)).json).toEqual(before);
    });

    it('lets only the service role change maxCurrent', async () => {
      const owner = await post('owner', `/api/installation/${DEMO.home.id}/update`, {
        maxCurrent: 25,
      });
      expect(owner.status).toBe(403);
      const service = await post('service', `/api/installation/${DEMO.office.id}/update`, {
        maxCurrent: 63,
      });
      expect(service.status).toBe(200);
    });
  });

  describe('/api/circuits/{id}', () => {
    it('returns the same object as the circuit in the hierarchy (§5.3)', async () => {
      const hierarchy = (await get('admin', `/api/installation/${DEMO.office.id}/hierarchy`)).json;
      for (const circuitId of DEMO.office.circuitIds) {
        const response = await get('admin', `/api/circuits/${circuitId}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(JSON_TYPE);
        expect(response.json).toEqual(
          hierarchy.Circuits.find((circuit: { Id: string }) => circuit.Id === circuitId),
        );
        expect(response.json).toMatchObject({
          Id: circuitId,
          Name: expect.any(String),
          MaxCurrent: expect.any(Number),
          IsActive: true,
          Active: true,
          InstallationId: DEMO.office.id,
          InstallationName: 'Office',
        });
      }
    });

    it.each([
      ['an unknown id', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'abc'],
    ])('answers %s with %i', async (_label, status, id) => {
      expect((await get('admin', `/api/circuits/${id}`)).status).toBe(status);
    });
  });

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
          CurrentUserRoles: 2,
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
      expect(byId.get(-2)).toBe('1');
      expect(byId.get(710)).toMatch(/^[1235]$/);
      expect(byId.get(510)).toMatch(/^\d+\.\d{3}$/);
      expect(byId.get(554)).toMatch(/^OCMF\|/);
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
        expect((await stateOf(simulator, tokens.admin, office2)).get(510)).toBe(shown);
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
      expect([511, 520, 523, 522, 555].map((id) => state.get(id))).toEqual([
        '7.000',
        '1',
        '10.000',
        '2',
        '600',
      ]);
    });

    it('ignores nulls and unknown fields in chargers/update', async () => {
      const before = (await stateOf(simulator, tokens.admin, office2)).get(510);
      const response = await post('admin', `/api/chargers/${office2}/update`, {
        maxChargeCurrent: null,
        somethingElse: 5,
      });
      expect(response.status).toBe(200);
      expect((await stateOf(simulator, tokens.admin, office2)).get(510)).toBe(before);
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
      expect((await stateOf(simulator, tokens.admin, office2)).get(510)).toBe('16.000');
    });

    it('refuses a setting id the constants do not list (710 is an observation) and changes nothing', async () => {
      const before = await stateOf(simulator, tokens.admin, office2);
      const write = await post('admin', `/api/chargers/${office2}/settings`, [
        { id: 710, value: 3 },
      ]);
      expect(write.status).toBe(500);
      expect(write.json).toEqual({ Code: 504, Details: 'Unknown setting 710.', StackTrace: null });
      expect((await stateOf(simulator, tokens.admin, office2)).get(710)).toBe(before.get(710));
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

  describe('/api/chargerFirmware/installation/{id}', () => {
    it('returns a flat array with one entry per charger (§5.8)', async () => {
      const response = await get('admin', `/api/chargerFirmware/installation/${DEMO.office.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toHaveLength(6);
      for (const item of response.json) {
        expect(item).toEqual({
          ChargerId: expect.stringMatching(GUID),
          DeviceId: expect.stringMatching(/^ZCS\d{6}$/),
          IsOnline: expect.any(Boolean),
          CurrentVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
          AvailableVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
          DeviceType: 1,
          IsUpToDate: true,
        });
      }
    });
  });

  describe('/api/chargehistory and /api/session/{id}', () => {
    const historyItem = {
      Id: expect.stringMatching(GUID),
      DeviceId: expect.stringMatching(/^Z(AP|CS)\d{6}$/),
      StartDateTime: expect.stringMatching(ZAPTEC_TIME),
      EndDateTime: expect.stringMatching(ZAPTEC_TIME),
      Energy: expect.any(Number),
      CommitMetadata: anInteger,
      CommitEndDateTime: expect.stringMatching(ZAPTEC_TIME),
      UserFullName: expect.any(String),
      ChargerId: expect.stringMatching(GUID),
      DeviceName: expect.any(String),
      UserEmail: expect.stringMatching(/@demo\.zaptec\.local$/),
      UserId: expect.stringMatching(GUID),
      TokenName: expect.any(String),
      ChargerFirmwareVersion: {
        Major: anInteger,
        Minor: anInteger,
        Build: anInteger,
        Revision: anInteger,
        MajorRevision: anInteger,
        MinorRevision: anInteger,
      },
      SignedSession: expect.stringMatching(/^OCMF\|\{/),
    };

    it('returns history items with the §5.6 fields and no EnergyDetails by default', async () => {
      const response = await get('admin', '/api/chargehistory');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(Number.isInteger(response.json.Pages)).toBe(true);
      expect(response.json.Pages).toBeGreaterThan(1);
      expect(response.json.Data).toHaveLength(50);
      for (const item of response.json.Data) expect(item).toEqual(historyItem);
    });

    it('adds EnergyDetails (15-minute energy summing to Energy) with DetailLevel=1', async () => {
      const response = await get('admin', '/api/chargehistory?DetailLevel=1&PageSize=10');
      for (const item of response.json.Data) {
        expect(item).toEqual({ ...historyItem, EnergyDetails: expect.any(Array) });
        expect(item.EnergyDetails.length).toBeGreaterThan(0);
        for (const tick of item.EnergyDetails) {
          expect(tick).toEqual({
            Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
            Energy: expect.any(Number),
          });
        }
        const sum = item.EnergyDetails.reduce(
          (total: number, tick: { Energy: number }) => total + tick.Energy,
          0,
        );
        expect(sum).toBeCloseTo(item.Energy, 1);
      }
    });

    it('caps PageSize at 100', async () => {
      const all = await get('admin', '/api/chargehistory?PageSize=100');
      const asked = await get('admin', '/api/chargehistory?PageSize=500');
      expect(asked.status).toBe(200);
      expect(asked.json.Data).toHaveLength(100);
      expect(asked.json.Pages).toBe(all.json.Pages);
      expect(asked.json.Pages).toBeGreaterThan(1);
    });

    it('filters by ChargerId, InstallationId and the From/To start window', async () => {
      const byCharger = await get('admin', `/api/chargehistory?ChargerId=${OFFICE_1}&PageSize=100`);
      expect(byCharger.json.Data.length).toBeGreaterThan(0);
      expect(
        byCharger.json.Data.every((item: { ChargerId: string }) => item.ChargerId === OFFICE_1),
      ).toBe(true);

      const otherInstallation = await get(
        'admin',
        `/api/chargehistory?InstallationId=${DEMO.home.id}`,
      );
      expect(otherInstallation.json).toEqual({ Pages: 0, Data: [] });

      const from = '2026-02-10T00:00:00';
      const to = '2026-02-20T00:00:00';
      const window = await get('admin', `/api/chargehistory?From=${from}&To=${to}&PageSize=100`);
      expect(window.json.Data.length).toBeGreaterThan(0);
      for (const item of window.json.Data) {
        expect(item.StartDateTime >= from && item.StartDateTime < to).toBe(true);
      }
    });

    it('shows a plain User only their own sessions, all on Office 1', async () => {
      const response = await get('driver', '/api/chargehistory?PageSize=100');
      expect(response.status).toBe(200);
      expect(response.json.Data.length).toBeGreaterThan(0);
      for (const item of response.json.Data) {
        expect(item).toMatchObject({
          UserId: ACCOUNTS.driver.id,
          ChargerId: OFFICE_1,
          DeviceName: 'Office 1',
        });
      }
    });

    it('returns one session by id (§5.7)', async () => {
      const item = (await get('driver', '/api/chargehistory?PageSize=1')).json.Data[0];
      const response = await get('driver', `/api/session/${item.Id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        SessionId: item.Id,
        SessionStart: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        SessionEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        Energy: item.Energy,
        SignedSession: item.SignedSession,
      });
      expect(Date.parse(response.json.SessionStart)).toBe(Date.parse(`${item.StartDateTime}Z`));
    });

    it.each([
      ['an unknown session', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'nope'],
    ])('answers %s with %i', async (_label, status, id) => {
      expect((await get('admin', `/api/session/${id}`)).status).toBe(status);
    });

    it('refuses a plain User another user’s session with 403', async () => {
      const office2 = DEMO.chargerId('Office 2');
      const item = (await get('admin', `/api/chargehistory?ChargerId=${office2}&PageSize=1`)).json
        .Data[0];
      expect(item.UserId).not.toBe(ACCOUNTS.driver.id);
      expect((await get('driver', `/api/session/${item.Id}`)).status).toBe(403);
    });
  });

  describe('routing and authentication', () => {
    it.each([
      '/api/chargers/{id}/sendCommand/102',
      '/api/chargers/{id}/SendCommand/102',
      '/api/chargers/{id}/sendcommand/102',
      '/API/Chargers/{id}/SENDCOMMAND/102',
    ])('routes %s case-insensitively', async (template) => {
      const response = await post('admin', template.replace('{id}', DEMO.chargerId('Office 6')));
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
    });

    it.each(['/Api/Installation', '/api/CHARGERS', '/api/ChargeHistory'])(
      'routes the list %s case-insensitively',
      async (path) => {
        const response = await get('admin', path);
        expect(response.status).toBe(200);
        expect(response.json.Pages).toBeGreaterThan(0);
      },
    );

    const routes: [string, string][] = [
      ['GET', '/api/installation'],
      ['GET', `/api/installation/${DEMO.office.id}`],
      ['GET', `/api/chargers/${OFFICE_1}/state`],
      ['POST', `/api/chargers/${OFFICE_1}/sendCommand/102`],
      ['GET', '/api/chargehistory'],
    ];
    it.each([
      ['no Authorization header', undefined],
      ['an unknown token', 'Bearer not-a-token'],
      ['a Basic header', `Basic ${Buffer.from('admin:demo-admin').toString('base64')}`],
      ['an empty bearer', 'Bearer '],
    ])(
      'answers a request with %s with 401, WWW-Authenticate: Bearer and an empty body',
      async (_label, authorization) => {
        for (const [method, path] of routes) {
          const response = await fetch(`${simulator.url}${path}`, {
            method,
            headers: authorization ? { authorization } : {},
          });
          expect(response.status).toBe(401);
          expect(response.headers.get('www-authenticate')).toBe('Bearer');
          expect(await response.text()).toBe('');
        }
      },
    );
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
    let mode = (await stateOf(simulator, admin, OFFICE_1)).get(710);
    for (let minute = 0; minute < 12 * 60 && mode !== '2'; minute += 1) {
      await advanceClock(simulator, 60);
      mode = (await stateOf(simulator, admin, OFFICE_1)).get(710);
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
    expect((await stateOf(simulator, admin, OFFICE_1)).get(710)).toBe('3');
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

describe('stable ids', () => {
  async function idsOf(start: Date): Promise<Record<string, string>> {
    const simulator = await startTestSimulator({ start, rateLimit: false });
    try {
      const ids: Record<string, string> = {};
      for (const name of ['owner', 'admin'] as const) {
        const token = await loginAs(simulator, name);
        for (const installation of (await call(simulator, token, 'GET', '/api/installation')).json
          .Data) {
          ids[`installation ${installation.Name}`] = installation.Id;
          const hierarchy = await call(
            simulator,
            token,
            'GET',
            `/api/installation/${installation.Id}/hierarchy`,
          );
          for (const circuit of hierarchy.json.Circuits) {
            ids[`circuit ${installation.Name}/${circuit.Name}`] = circuit.Id;
            for (const charger of circuit.Chargers) ids[`charger ${charger.Name}`] = charger.Id;
          }
        }
      }
      return ids;
    } finally {
      await simulator.close();
    }
  }

  it('derives the same installation, circuit and charger ids on every start', async () => {
    const first = await idsOf(new Date('2026-01-01T00:00:00Z'));
    const second = await idsOf(new Date('2026-06-30T12:34:56Z'));
    expect(second).toEqual(first);
    // Pinned: docs, fixtures and other suites may rely on them.
    expect(first).toEqual({
      'installation Home': '53dec9bd-d8e2-51f0-a8fb-20f944812323',
      'circuit Home/Garage': '1292ec4b-9991-5691-a22d-56e701f92765',
      'charger Driveway': 'ed6b8e98-da3e-580f-bf78-bf1a47815a3f',
      'charger Garage': '774bc005-1659-5b57-bb43-e5549e1b39a4',
      'installation Office': '404d76d9-dba5-531f-abec-3ef1fc9093d0',
      'circuit Office/Circuit A': '39d0d8b9-b08f-5580-a816-386197653053',
      'circuit Office/Circuit B': '2fb7b261-30cf-5d2c-9d06-cf7e091b1c7c',
      'charger Office 1': '6293298b-a7b9-5f9a-b27c-72147460024c',
      'charger Office 2': 'f51a2300-cadc-556c-96eb-b6762823194d',
      'charger Office 3': '77d20621-d89d-58c6-87d5-c1d80d518d91',
      'charger Office 4': '9ab57b15-6be7-5a44-83c7-766f014f39da',
      'charger Office 5': '0ff906e5-ebb0-5a64-bcbf-f53c48a5ed4a',
      'charger Office 6': '3386df28-dcdf-5a6a-b0a5-2084c87fb331',
    });
  });

  it('derives the same history session ids for the same start', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const sessionIds = async () => {
      const simulator = await startTestSimulator({ start, rateLimit: false });
      try {
        const token = await loginAs(simulator, 'admin');
        return (
          await call(simulator, token, 'GET', '/api/chargehistory?PageSize=100')
        ).json.Data.map((item: { Id: string }) => item.Id);
      } finally {
        await simulator.close();
      }
    };
    const first = await sessionIds();
    expect(first).toHaveLength(100);
    expect(await sessionIds()).toEqual(first);
  });
});
